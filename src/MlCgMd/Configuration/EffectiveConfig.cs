using System.Text.Json;
using System.Text.Json.Nodes;
using MlCgMd.Data;

namespace MlCgMd.Configuration;

/// <summary>
/// A config file with its command-line overrides applied, and the record of both in a run folder
/// (<c>overrides.json</c>: the source file and each <c>--set</c> as typed), so a run says how it was made.
/// </summary>
public static class EffectiveConfig
{
    public const string OverridesFile = "overrides.json";
    public const string DatasetConfigFile = "dataset-config.json";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The file's JSON with <paramref name="overrides"/> applied (see <see cref="ConfigOverride"/>).</summary>
    public static JsonObject Read(string path, IReadOnlyList<ConfigOverride> overrides, Type? contract = null,
                                  JsonSerializerOptions? options = null)
    {
        OutputFolder.RequireRegularFile(path, "config");
        JsonObject root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions
            {
                CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true,
            }) as JsonObject ?? throw new InvalidDataException($"{path}: expected a JSON object");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not valid JSON: {e.Message}", e);
        }
        ConfigOverride.Apply(root, overrides, path, contract, options);
        return root;
    }

    /// <summary>Names the source of errors: the file, and the overrides when there are any.</summary>
    public static string Source(string path, IReadOnlyList<ConfigOverride> overrides) =>
        overrides.Count == 0 ? path : $"{path} with --set {string.Join(" --set ", overrides.Select(o => o.Text))}";

    /// <summary>Writes <c>overrides.json</c> into <paramref name="directory"/>.</summary>
    public static void Record(string directory, string configPath, IReadOnlyList<ConfigOverride> overrides)
    {
        var record = new JsonObject
        {
            ["config"] = Path.GetFullPath(configPath),
            ["overrides"] = new JsonArray(overrides.Select(o => (JsonNode?)JsonValue.Create(o.Text)).ToArray()),
        };
        AtomicFile.WriteText(Path.Combine(directory, OverridesFile), w => w.Write(record.ToJsonString(Indented)));
    }

    /// <summary>
    /// The dataset config a generation runs on, written to <c>DIR/dataset-config.json</c> (its force-field path
    /// made absolute, so the copy reads the same from there). A dataset folder holding a different one is
    /// refused: resuming it would mix chains made with two configs.
    /// </summary>
    /// <returns>The path of the written config, for the dataset config loader.</returns>
    public static string ForDataset(string configPath, IReadOnlyList<ConfigOverride> overrides, string outputDirectory)
    {
        JsonObject effective = Read(configPath, overrides);
        if (effective["force_field"] is JsonValue ff && ff.TryGetValue(out string? relative))
            effective["force_field"] = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(configPath))!, relative));
        string target = Path.Combine(outputDirectory, DatasetConfigFile);
        if (File.Exists(target) && !JsonNode.DeepEquals(JsonNode.Parse(File.ReadAllText(target)), effective))
            throw new InvalidDataException(
                $"'{outputDirectory}' was generated with a different config ({target}); resuming with " +
                $"{Source(configPath, overrides)} would mix chains of two configs; use another --out");
        Directory.CreateDirectory(outputDirectory);
        AtomicFile.WriteText(target, w => w.Write(effective.ToJsonString(Indented)));
        Record(outputDirectory, configPath, overrides);
        return target;
    }
}
