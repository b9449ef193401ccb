using MlCgMd.Data;
using System.Text.Json;
using MlCgMd.MolecularDynamics;

namespace MlCgMd.Systems;

/// <summary>
/// Reads data/configs/electrolyte-*.json, validating every field and refusing unknown ones. Each
/// composition is the file's "defaults" overridden by its own fields.
/// </summary>
public static class ElectrolyteDatasetConfigLoader
{
    private static readonly string[] RootKeys = ["system", "tier", "force_field", "seed", "defaults", "splits", "comment"];
    private static readonly string[] SplitKeys = ["name", "compositions", "equilibration_steps", "production_steps", "record_every", "comment"];
    private static readonly string[] CompositionKeys =
        ["name", "chains", "chain_length", "solvating_fraction", "ion_pairs", "li_solvating_epsilon", "density", "solvating_type", "comment"];

    public static ElectrolyteDatasetConfig Load(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"Dataset config '{path}' does not exist.", path);
        using var document = JsonFile.Parse(path, "electrolyte dataset config");
        JsonElement root = document.RootElement;
        JsonFields.RejectUnknown(root, path, "", RootKeys);
        string system = JsonFields.String(root, "system", path);
        if (system != ElectrolyteDatasetConfig.SystemName)
            throw new FormatException($"{path}: field 'system' is '{system}', expected '{ElectrolyteDatasetConfig.SystemName}'.");
        string tier = JsonFields.String(root, "tier", path);
        string forceField = JsonFields.String(root, "force_field", path);
        string forceFieldPath = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, forceField));
        ulong seed = (ulong)Integer(root, "seed", path, minimum: 0);
        JsonElement? defaults = root.TryGetProperty("defaults", out JsonElement d) ? d : null;
        if (defaults is { } given) JsonFields.RejectUnknown(given, path, "defaults.", CompositionKeys.Where(k => k != "name").ToArray());

        JsonElement splitsElement = JsonFields.Field(root, "splits", path);
        if (splitsElement.ValueKind != JsonValueKind.Array || splitsElement.GetArrayLength() == 0)
            throw new FormatException($"{path}: field 'splits' must list at least one split.");
        var splits = new List<ElectrolyteSplit>();
        var seen = new Dictionary<string, string>();
        int index = 0;
        foreach (JsonElement split in splitsElement.EnumerateArray())
        {
            string prefix = $"splits[{index++}].";
            JsonFields.RejectUnknown(split, path, prefix, SplitKeys);
            string name = JsonFields.String(split, "name", path, prefix);
            if (splits.Any(s => s.Name == name))
                throw new FormatException($"{path}: field '{prefix}name' repeats the split '{name}'.");
            JsonElement list = JsonFields.Field(split, "compositions", path, prefix);
            if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
                throw new FormatException($"{path}: field '{prefix}compositions' must list at least one composition.");
            var compositions = new List<ElectrolyteComposition>();
            int k = 0;
            foreach (JsonElement entry in list.EnumerateArray())
            {
                string where = $"{prefix}compositions[{k++}].";
                JsonFields.RejectUnknown(entry, path, where, CompositionKeys);
                ElectrolyteComposition composition = ParseComposition(entry, defaults, path, where);
                if (seen.TryGetValue(composition.Name, out string? other))
                    throw new FormatException($"{path}: field '{where}name' is '{composition.Name}', already used in split '{other}'; every system needs its own name.");
                var twin = splits.SelectMany(s => s.Compositions.Select(c => (s.Name, c))).Concat(compositions.Select(c => (name, c)))
                    .FirstOrDefault(p => SameComposition(p.c, composition));
                if (twin.c is not null)
                    throw new FormatException($"{path}: composition '{composition.Name}' ({where.TrimEnd('.')}) equals '{twin.c.Name}' of split '{twin.Item1}'; splits must hold distinct compositions.");
                seen[composition.Name] = name;
                compositions.Add(composition);
            }
            var run = new MdRunOptions(Integer(split, "equilibration_steps", path, prefix, 0), Integer(split, "production_steps", path, prefix, 1),
                (int)Integer(split, "record_every", path, prefix, 1), 0);
            run = run with { RgEvery = run.RecordEvery };
            try
            {
                run.Validate();
            }
            catch (ArgumentOutOfRangeException e)
            {
                throw new FormatException($"{path}: split '{name}': {e.Message}", e);
            }
            if (run.FrameCount < 3)
                throw new FormatException($"{path}: split '{name}': production_steps / record_every = {run.FrameCount} frames, expected at least 3.");
            splits.Add(new ElectrolyteSplit(name, compositions, run));
        }
        if (splits.Select(s => s.Run.RecordEvery).Distinct().Count() != 1)
            throw new FormatException($"{path}: every split must record frames at the same interval (record_every), so a model step means the same time everywhere.");
        return new ElectrolyteDatasetConfig(tier, forceFieldPath, seed, splits);
    }

    private static bool SameComposition(ElectrolyteComposition a, ElectrolyteComposition b) => (a with { Name = "" }) == (b with { Name = "" });

    private static ElectrolyteComposition ParseComposition(JsonElement entry, JsonElement? defaults, string path, string where)
    {
        JsonElement Pick(string field) =>
            entry.TryGetProperty(field, out JsonElement own) ? own
            : defaults is { } d && d.TryGetProperty(field, out JsonElement fallback) ? fallback
            : throw new FormatException($"{path}: required field '{where}{field}' is missing (and not in 'defaults').");
        int Int(string field) => Pick(field) is { ValueKind: JsonValueKind.Number } v && v.TryGetInt32(out int n)
            ? n : throw new FormatException($"{path}: field '{where}{field}' must be an integer.");
        double Real(string field) => Pick(field) is { ValueKind: JsonValueKind.Number } v
            ? v.GetDouble() : throw new FormatException($"{path}: field '{where}{field}' must be a number.");
        string Text(string field, string fallback) =>
            !entry.TryGetProperty(field, out _) && !(defaults is { } d && d.TryGetProperty(field, out _)) ? fallback
            : Pick(field) is { ValueKind: JsonValueKind.String } v && v.GetString() is { Length: > 0 } text
                ? text : throw new FormatException($"{path}: field '{where}{field}' must be a type name (a non-empty string).");
        var composition = new ElectrolyteComposition(JsonFields.String(entry, "name", path, where), Int("chains"), Int("chain_length"),
            Real("solvating_fraction"), Int("ion_pairs"), Real("li_solvating_epsilon"), Real("density"), Text("solvating_type", "O"));
        composition.Validate(path);
        return composition;
    }

    private static long Integer(JsonElement parent, string field, string path, string prefix = "", long minimum = 0) =>
        JsonFields.Field(parent, field, path, prefix) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt64(out long number) && number >= minimum
            ? number
            : throw new FormatException($"{path}: field '{prefix}{field}' must be an integer >= {minimum}.");
}
