using System.Text.Json;

namespace MlCgMd.Systems;

/// <summary>
/// Reading the fields of hand-written JSON configs (dataset configs, force fields) with errors that
/// name the file and the field: required fields, strings, and the refusal of unknown keys.
/// </summary>
internal static class JsonFields
{
    /// <summary>Refuses a non-object <paramref name="parent"/> and any key not in <paramref name="allowed"/>.</summary>
    public static void RejectUnknown(JsonElement parent, string path, string prefix, string[] allowed)
    {
        if (parent.ValueKind != JsonValueKind.Object)
            throw new FormatException($"{path}: field '{prefix.TrimEnd('.')}' must be an object.");
        foreach (JsonProperty property in parent.EnumerateObject())
            if (!allowed.Contains(property.Name))
                throw new FormatException($"{path}: unknown field '{prefix}{property.Name}'; expected one of {string.Join(", ", allowed)}.");
    }

    public static JsonElement Field(JsonElement parent, string field, string path, string prefix = "") =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(field, out JsonElement value)
            ? value
            : throw new FormatException($"{path}: required field '{prefix}{field}' is missing.");

    public static string String(JsonElement parent, string field, string path, string prefix = "") =>
        Field(parent, field, path, prefix) is { ValueKind: JsonValueKind.String } value
            ? value.GetString()!
            : throw new FormatException($"{path}: field '{prefix}{field}' must be a string.");
}
