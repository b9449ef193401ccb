using System.Text.Json;
using MlCgMd.MolecularDynamics;

namespace MlCgMd.Systems;

/// <summary>Reads data/configs/chain-*.json (format in data/configs/README.md), validating every field.</summary>
public static class ChainDatasetConfigLoader
{
    public static ChainDatasetConfig Load(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"Dataset config '{path}' does not exist.", path);
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        JsonElement root = document.RootElement;
        string tier = String(root, "tier", path);
        string forceField = String(root, "force_field", path);
        // The force-field path is relative to the config file, so configs work from any directory.
        string forceFieldPath = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, forceField));
        int monomers = (int)Integer(root, "monomers_per_chain", path, minimum: 1);
        ulong seed = (ulong)Integer(root, "seed", path, minimum: 0);
        var splits = new List<DatasetSplit>();
        int index = 0;
        foreach (JsonElement split in Field(root, "splits", path).EnumerateArray())
            splits.Add(ParseSplit(split, path, $"splits[{index++}]."));
        if (splits.Count == 0)
            throw new FormatException($"{path}: field 'splits' must list at least one split.");
        return new ChainDatasetConfig(tier, forceFieldPath, monomers, seed, splits);
    }

    private static DatasetSplit ParseSplit(JsonElement split, string path, string prefix)
    {
        string name = String(split, "name", path, prefix);
        string familyName = String(split, "family", path, prefix);
        SequenceFamilyKind kind = familyName switch
        {
            "random" => SequenceFamilyKind.Random,
            "blocky" => SequenceFamilyKind.Blocky,
            _ => throw new FormatException($"{path}: field '{prefix}family' is '{familyName}', expected 'random' or 'blocky'."),
        };
        double compositionMin = Number(split, "composition_min", path, prefix);
        double compositionMax = Number(split, "composition_max", path, prefix);
        if (compositionMin < 0 || compositionMax > 1 || compositionMin > compositionMax)
            throw new FormatException($"{path}: '{prefix}composition_min/max' must satisfy 0 <= min <= max <= 1.");
        double meanBlock = kind == SequenceFamilyKind.Blocky ? Number(split, "mean_block_length", path, prefix) : 0.0;
        if (kind == SequenceFamilyKind.Blocky && meanBlock < 1)
            throw new FormatException($"{path}: field '{prefix}mean_block_length' must be at least 1.");
        var run = new MdRunOptions(
            Integer(split, "equilibration_steps", path, prefix, minimum: 0),
            Integer(split, "production_steps", path, prefix, minimum: 1),
            (int)Integer(split, "record_every", path, prefix, minimum: 1),
            (int)Integer(split, "rg_every", path, prefix, minimum: 1));
        try
        {
            run.Validate();
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new FormatException($"{path}: split '{name}': {e.Message}", e);
        }
        return new DatasetSplit(name, (int)Integer(split, "chains", path, prefix, minimum: 1),
            new SequenceFamily(kind, compositionMin, compositionMax, meanBlock), run);
    }

    private static JsonElement Field(JsonElement parent, string field, string path, string prefix = "") =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(field, out JsonElement value)
            ? value
            : throw new FormatException($"{path}: required field '{prefix}{field}' is missing.");

    private static string String(JsonElement parent, string field, string path, string prefix = "") =>
        Field(parent, field, path, prefix) is { ValueKind: JsonValueKind.String } value
            ? value.GetString()!
            : throw new FormatException($"{path}: field '{prefix}{field}' must be a string.");

    private static double Number(JsonElement parent, string field, string path, string prefix = "") =>
        Field(parent, field, path, prefix) is { ValueKind: JsonValueKind.Number } value
            ? value.GetDouble()
            : throw new FormatException($"{path}: field '{prefix}{field}' must be a number.");

    private static long Integer(JsonElement parent, string field, string path, string prefix = "", long minimum = 0) =>
        Field(parent, field, path, prefix) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt64(out long number) && number >= minimum
            ? number
            : throw new FormatException($"{path}: field '{prefix}{field}' must be an integer >= {minimum}.");
}
