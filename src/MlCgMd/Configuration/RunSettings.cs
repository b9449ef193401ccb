using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MlCgMd.Data;

namespace MlCgMd.Configuration;

/// <summary>
/// The settings a run or rollout was started with, kept in its folder as <see cref="FileName"/>
/// (the settings and a SHA-256 of them), so a resume with other settings is refused instead of
/// mixing two runs in one folder. Keys listed as free may change on resume (e.g. train.max_steps:
/// training longer; threads); the hash covers every other key.
/// </summary>
public static class RunSettings
{
    public const string FileName = "settings.json";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>
    /// Records <paramref name="settings"/> in <paramref name="directory"/> on a fresh start; on a resume,
    /// refuses settings that differ from the recorded ones in any key but <paramref name="free"/>, naming
    /// the keys and both values. A folder written before settings were recorded is accepted and recorded.
    /// </summary>
    /// <param name="what">what the folder holds, for the message: "training run", "rollout"</param>
    public static void Require(string directory, JsonObject settings, IReadOnlyCollection<string> free, string what)
    {
        string path = Path.Combine(directory, FileName);
        var now = Flatten(settings).Where(kv => !free.Contains(kv.Key)).ToDictionary();
        string hash = Hash(now);
        if (File.Exists(path))
        {
            JsonObject recorded;
            try
            {
                recorded = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new InvalidDataException($"{path}: empty");
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{path}: not valid JSON ({e.Message}); the {what} cannot be checked for resume", e);
            }
            var before = Flatten(recorded["settings"] as JsonObject ?? new JsonObject())
                .Where(kv => !free.Contains(kv.Key)).ToDictionary();
            if (Hash(before) != hash)
            {
                var changed = before.Keys.Union(now.Keys).Order(StringComparer.Ordinal)
                    .Where(k => before.GetValueOrDefault(k) != now.GetValueOrDefault(k)).ToList();
                string list = string.Join("; ", changed.Take(4).Select(k =>
                    $"{k}: {before.GetValueOrDefault(k) ?? "(absent)"} then, {now.GetValueOrDefault(k) ?? "(absent)"} now"));
                throw new InvalidDataException(
                    $"'{directory}': this {what} was started with other settings ({list}{(changed.Count > 4 ? $"; {changed.Count} keys in all" : "")}); " +
                    $"resume with the recorded settings ({path}), or start a new one (another folder, or --overwrite)");
            }
        }
        var record = new JsonObject
        {
            ["sha256"] = hash,
            ["free_on_resume"] = new JsonArray(free.Order(StringComparer.Ordinal).Select(k => (JsonNode?)JsonValue.Create(k)).ToArray()),
            ["settings"] = settings.DeepClone(),
        };
        AtomicFile.WriteText(path, w => w.Write(record.ToJsonString(Indented)));
    }

    /// <summary>Dotted key → the value's JSON text, for every leaf (arrays are leaves).</summary>
    private static IEnumerable<KeyValuePair<string, string>> Flatten(JsonObject node, string prefix = "")
    {
        foreach (var (key, value) in node)
        {
            string name = prefix.Length == 0 ? key : $"{prefix}.{key}";
            if (value is JsonObject child)
                foreach (var leaf in Flatten(child, name)) yield return leaf;
            else
                yield return new(name, value?.ToJsonString() ?? "null");
        }
    }

    private static string Hash(Dictionary<string, string> leaves)
    {
        var text = new StringBuilder();
        foreach (var (key, value) in leaves.OrderBy(kv => kv.Key, StringComparer.Ordinal)) text.Append(key).Append('=').Append(value).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
