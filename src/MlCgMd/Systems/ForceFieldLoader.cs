using System.Text.Json;

namespace MlCgMd.Systems;

/// <summary>Reads a force-field JSON file (format documented in data/forcefields/README.md) and validates every field.</summary>
public static class ForceFieldLoader
{
    public static ForceField Load(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"Force-field file '{path}' does not exist.", path);
        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        return Parse(document.RootElement, path);
    }

    public static ForceField Parse(JsonElement root, string source)
    {
        string name = RequiredString(root, "name", source);
        double temperature = Positive(root, "temperature", source);
        double timeStep = Positive(root, "timestep", source);
        double damping = Positive(root, "langevin_damping", source);
        double skin = Positive(root, "neighbor_skin", source);
        BondParameters bond = ParseBond(Required(root, "bond", source), source);

        JsonElement pair = Required(root, "pair", source);
        bool shift = Required(pair, "shift", source, "pair.").ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new FormatException($"{source}: field 'pair.shift' must be true or false."),
        };
        PairParameters fallback = ParsePair(Required(pair, "default", source, "pair."), source, "pair.default");
        var table = new PairParameters[ForceField.TypeCount, ForceField.TypeCount];
        for (int a = 0; a < ForceField.TypeCount; a++)
            for (int b = 0; b < ForceField.TypeCount; b++)
                table[a, b] = fallback;
        if (pair.TryGetProperty("pairs", out JsonElement pairs))
        {
            int index = 0;
            foreach (JsonElement entry in pairs.EnumerateArray())
            {
                string where = $"pair.pairs[{index++}]";
                JsonElement types = Required(entry, "types", source, where + ".");
                if (types.ValueKind != JsonValueKind.Array || types.GetArrayLength() != 2)
                    throw new FormatException($"{source}: field '{where}.types' must be an array of two type names (B1, B2, S1, S2).");
                int a = TypeId(types[0], source, where), b = TypeId(types[1], source, where);
                PairParameters parameters = ParsePair(entry, source, where);
                table[a, b] = parameters;
                table[b, a] = parameters;
            }
        }
        return new ForceField(name, table, bond, shift, temperature, damping, timeStep, skin);
    }

    private static BondParameters ParseBond(JsonElement bond, string source)
    {
        string style = RequiredString(bond, "style", source, "bond.");
        return style switch
        {
            "fene" => new BondParameters(BondStyle.Fene, Positive(bond, "k", source, "bond."), Positive(bond, "r0", source, "bond."),
                Positive(bond, "epsilon", source, "bond."), Positive(bond, "sigma", source, "bond."), 0.0),
            "harmonic" => new BondParameters(BondStyle.Harmonic, Positive(bond, "k", source, "bond."), 0.0, 0.0, 0.0,
                Positive(bond, "r0", source, "bond.")),
            _ => throw new FormatException($"{source}: field 'bond.style' is '{style}', expected 'fene' or 'harmonic'."),
        };
    }

    private static PairParameters ParsePair(JsonElement entry, string source, string where)
    {
        double epsilon = Positive(entry, "epsilon", source, where + ".");
        double sigma = Positive(entry, "sigma", source, where + ".");
        double cutoff = Positive(entry, "cutoff", source, where + ".");
        return new PairParameters(epsilon, sigma, cutoff);
    }

    private static int TypeId(JsonElement name, string source, string where) =>
        Enum.TryParse(name.GetString(), ignoreCase: false, out BeadType type) && Enum.IsDefined(type)
            ? (int)type
            : throw new FormatException($"{source}: '{where}.types' names '{name}', expected one of B1, B2, S1, S2.");

    private static JsonElement Required(JsonElement parent, string field, string source, string prefix = "") =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(field, out JsonElement value)
            ? value
            : throw new FormatException($"{source}: required field '{prefix}{field}' is missing.");

    private static string RequiredString(JsonElement parent, string field, string source, string prefix = "") =>
        Required(parent, field, source, prefix) is { ValueKind: JsonValueKind.String } value
            ? value.GetString()!
            : throw new FormatException($"{source}: field '{prefix}{field}' must be a string.");

    private static double Positive(JsonElement parent, string field, string source, string prefix = "")
    {
        JsonElement value = Required(parent, field, source, prefix);
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out double number) || !(number > 0) || double.IsInfinity(number))
            throw new FormatException($"{source}: field '{prefix}{field}' must be a positive finite number.");
        return number;
    }
}
