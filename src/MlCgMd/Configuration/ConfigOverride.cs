using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace MlCgMd.Configuration;

/// <summary>
/// One command-line override of a config value, hydra-style: <c>--set model.radius=9</c>. The path is
/// dotted JSON keys (a list element by index or by its "name", e.g. <c>splits.test.chains=4</c>); the
/// value is read as JSON when it parses (9, 3e-4, true, null, [0.9, 0.99], {"latent_dim": 64, ...}) and
/// as a string otherwise (multi_scale, data/generated). Applied to the file's JSON before the file's own
/// loader reads it, so an override is validated exactly as the file is: unknown keys are refused here
/// (against the config type's JSON contract, or, for untyped configs, the keys the file has), wrong
/// types and ranges by the loader.
/// </summary>
public sealed record ConfigOverride(string Path, JsonNode? Value, string Text)
{
    public static ConfigOverride Parse(string text)
    {
        int equals = text.IndexOf('=');
        if (equals <= 0)
            throw new ArgumentException($"--set '{text}': expected KEY=VALUE with a dotted key, e.g. model.radius=9");
        string path = text[..equals].Trim(), raw = text[(equals + 1)..].Trim();
        if (path.Split('.').Any(s => s.Length == 0))
            throw new ArgumentException($"--set '{text}': '{path}' has an empty key segment");
        JsonNode? value;
        try
        {
            value = JsonNode.Parse(raw);
        }
        catch (JsonException)
        {
            value = JsonValue.Create(raw);
        }
        return new ConfigOverride(path, value, text);
    }

    /// <summary>
    /// Applies <paramref name="overrides"/> in order to <paramref name="root"/> (changed in place).
    /// </summary>
    /// <param name="contract">the config's .NET type, whose JSON property names are the known keys; null: the keys present in the file</param>
    public static void Apply(JsonObject root, IEnumerable<ConfigOverride> overrides, string source, Type? contract = null,
                             JsonSerializerOptions? options = null)
    {
        options ??= JsonSerializerOptions.Default;
        options.MakeReadOnly(populateMissingResolver: true);
        foreach (ConfigOverride o in overrides)
        {
            string[] keys = o.Path.Split('.');
            JsonNode node = root;
            Type? type = contract;
            for (int k = 0; k < keys.Length; k++)
            {
                string key = keys[k], at = string.Join('.', keys[..(k + 1)]);
                bool last = k == keys.Length - 1;
                if (node is JsonArray array)
                {
                    int index = Element(array, key, o, source, at);
                    if (last) { array[index] = o.Value?.DeepClone(); break; }
                    node = array[index] ?? throw NotSet(o, source, at);
                    type = ElementType(type);
                    continue;
                }
                if (node is not JsonObject obj)
                    throw new ArgumentException($"--set {o.Text}: '{string.Join('.', keys[..k])}' in {source} is a value, not a section with keys");
                Type? childType = null;
                if (type is not null && Properties(type, options) is { } properties)
                {
                    if (!properties.TryGetValue(key, out childType))
                        throw new ArgumentException($"--set {o.Text}: {source} has no key '{at}' " +
                                                    $"(keys there: {string.Join(", ", properties.Keys.Order())})");
                }
                else if (!obj.ContainsKey(key))
                    throw new ArgumentException($"--set {o.Text}: {source} has no key '{at}' (keys there: {string.Join(", ", obj.Select(p => p.Key).Order())})");
                if (last) { obj[key] = o.Value?.DeepClone(); break; }
                node = obj[key] ?? throw NotSet(o, source, at);
                type = childType;
            }
        }
    }

    /// <summary>A copy of <paramref name="value"/> with <paramref name="overrides"/> applied to its JSON form (for option records built from flags).</summary>
    public static T ApplyTo<T>(T value, IReadOnlyList<ConfigOverride> overrides, string source, JsonSerializerOptions options)
    {
        if (overrides.Count == 0) return value;
        var json = (JsonObject)JsonSerializer.SerializeToNode(value, options)!;
        Apply(json, overrides, source, typeof(T), options);
        try
        {
            return json.Deserialize<T>(options) ?? throw new ArgumentException($"{source}: --set left no value");
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"--set {string.Join(" --set ", overrides.Select(o => o.Text))}: {e.Message}", e);
        }
    }

    private static ArgumentException NotSet(ConfigOverride o, string source, string at) =>
        new($"--set {o.Text}: '{at}' is not set in {source}; set it whole, e.g. --set '{at}={{...}}'");

    private static int Element(JsonArray array, string key, ConfigOverride o, string source, string at)
    {
        if (int.TryParse(key, out int index))
            return index >= 0 && index < array.Count ? index
                : throw new ArgumentException($"--set {o.Text}: '{at}' is outside the {array.Count} entries in {source}");
        for (int i = 0; i < array.Count; i++)
            if (array[i] is JsonObject item && item["name"] is JsonValue name && name.TryGetValue(out string? n) && n == key)
                return i;
        throw new ArgumentException($"--set {o.Text}: {source} has no entry named '{key}' at '{at}' (give an index or a name)");
    }

    /// <summary>JSON property name → property type of an object contract; null for dictionaries, lists and values.</summary>
    private static Dictionary<string, Type>? Properties(Type type, JsonSerializerOptions options)
    {
        JsonTypeInfo info = options.GetTypeInfo(Nullable.GetUnderlyingType(type) ?? type);
        // Only settable properties are keys a file may hold (computed ones such as saved-frame counts are not).
        return info.Kind == JsonTypeInfoKind.Object
            ? info.Properties.Where(p => p.Set is not null || p.AssociatedParameter is not null).ToDictionary(p => p.Name, p => p.PropertyType)
            : null;
    }

    private static Type? ElementType(Type? type) =>
        type is null ? null : type.IsArray ? type.GetElementType() : type.IsGenericType ? type.GetGenericArguments().LastOrDefault() : null;
}
