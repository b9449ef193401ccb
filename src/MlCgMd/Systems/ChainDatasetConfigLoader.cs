using MlCgMd.Data;
using System.Text.Json;
using MlCgMd.MolecularDynamics;

namespace MlCgMd.Systems;

/// <summary>Reads data/configs/chain-*.json (format in data/configs/README.md), validating every field.</summary>
public static class ChainDatasetConfigLoader
{
    public static ChainDatasetConfig Load(string path)
    {
        using var document = JsonFile.Parse(path, "dataset config");
        JsonElement root = document.RootElement;
        JsonFields.RejectUnknown(root, path, "", RootKeys);
        string tier = JsonFields.String(root, "tier", path);
        string forceField = JsonFields.String(root, "force_field", path);
        // The force-field path is relative to the config file, so configs work from any directory.
        string forceFieldPath = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, forceField));
        int monomers = (int)Integer(root, "monomers_per_chain", path, minimum: 1, maximum: int.MaxValue);
        ulong seed = (ulong)Integer(root, "seed", path, minimum: 0);
        var splits = new List<DatasetSplit>();
        int index = 0;
        JsonElement listed = JsonFields.Field(root, "splits", path);
        if (listed.ValueKind != JsonValueKind.Array)
            throw new FormatException($"{path}: field 'splits' must be an array of splits.");
        foreach (JsonElement split in listed.EnumerateArray())
            splits.Add(ParseSplit(split, path, $"splits[{index++}]."));
        if (splits.GroupBy(s => s.Name).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new FormatException($"{path}: two splits are named '{twice.Key}'; split names must differ.");
        if (splits.Count == 0)
            throw new FormatException($"{path}: field 'splits' must list at least one split.");
        splits = splits.Select(s => ResolveReplica(s, splits, path)).ToList();
        return new ChainDatasetConfig(tier, forceFieldPath, monomers, seed, splits);
    }

    private static readonly string[] RootKeys = ["tier", "description", "force_field", "monomers_per_chain", "seed", "splits"];
    private static readonly string[] SplitKeys =
    [
        "name", "family", "chains", "composition_min", "composition_max", "mean_block_length", "replica_of",
        "equilibration_steps", "production_steps", "record_every", "rg_every", "comment",
    ];

    private static DatasetSplit ParseSplit(JsonElement split, string path, string prefix)
    {
        JsonFields.RejectUnknown(split, path, prefix, SplitKeys);
        string name = JsonFields.String(split, "name", path, prefix);
        // The name becomes file and folder names (NAME.txt, NAME_000/): letters, digits, '_' and '-' only.
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            throw new FormatException($"{path}: field '{prefix}name' is '{name}', expected letters, digits, '_' or '-' (it names files).");
        if (split.TryGetProperty("replica_of", out _))
        {
            // Sequences and chain count come from the replicated split (resolved once all are parsed).
            string original = JsonFields.String(split, "replica_of", path, prefix);
            return new DatasetSplit(name, 0, new SequenceFamily(SequenceFamilyKind.Random, 0, 0, 0), ParseRun(split, name, path, prefix),
                original);
        }
        string familyName = JsonFields.String(split, "family", path, prefix);
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
        return new DatasetSplit(name, (int)Integer(split, "chains", path, prefix, minimum: 1, maximum: int.MaxValue),
            new SequenceFamily(kind, compositionMin, compositionMax, meanBlock), ParseRun(split, name, path, prefix));
    }

    private static DatasetSplit ResolveReplica(DatasetSplit split, List<DatasetSplit> all, string path)
    {
        if (split.ReplicaOf is not { } name) return split;
        DatasetSplit original = all.FirstOrDefault(s => s.Name == name)
            ?? throw new FormatException($"{path}: split '{split.Name}': field 'replica_of' names '{name}', " +
                                         $"expected one of {string.Join(", ", all.Where(s => s.ReplicaOf is null).Select(s => s.Name))}.");
        if (original.ReplicaOf is not null)
            throw new FormatException($"{path}: split '{split.Name}': field 'replica_of' names '{name}', which is itself a replica.");
        return split with { Chains = original.Chains, Family = original.Family };
    }

    private static MdRunOptions ParseRun(JsonElement split, string name, string path, string prefix)
    {
        var run = new MdRunOptions(
            Integer(split, "equilibration_steps", path, prefix, minimum: 0),
            Integer(split, "production_steps", path, prefix, minimum: 1),
            (int)Integer(split, "record_every", path, prefix, minimum: 1, maximum: int.MaxValue),
            (int)Integer(split, "rg_every", path, prefix, minimum: 1, maximum: int.MaxValue));
        try
        {
            run.Validate();
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new FormatException($"{path}: split '{name}': {e.Message}", e);
        }
        return run;
    }

    private static double Number(JsonElement parent, string field, string path, string prefix = "") =>
        JsonFields.Field(parent, field, path, prefix) is { ValueKind: JsonValueKind.Number } value
            ? value.GetDouble()
            : throw new FormatException($"{path}: field '{prefix}{field}' must be a number.");

    private static long Integer(JsonElement parent, string field, string path, string prefix = "", long minimum = 0,
                                long maximum = long.MaxValue) =>
        JsonFields.Field(parent, field, path, prefix) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt64(out long number) &&
        number >= minimum && number <= maximum
            ? number
            : throw new FormatException($"{path}: field '{prefix}{field}' must be an integer from {minimum} to {maximum}.");
}
