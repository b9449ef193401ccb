using MlCgMd.Data;
using System.Text.Json;
using MlCgMd.MolecularDynamics;

namespace MlCgMd.Systems;

/// <summary>
/// Reads a force-field JSON file (format documented in data/forcefields/README.md) and validates
/// every field; a key the format does not define is refused, naming the file and the field.
/// </summary>
public static class ForceFieldLoader
{
    private static readonly string[] RootKeys =
        ["name", "temperature", "timestep", "langevin_damping", "neighbor_skin", "types", "bond", "bonds", "pair", "coulomb", "comment"];
    private static readonly string[] TypeKeys = ["name", "mass", "charge", "comment"];
    private static readonly string[] PairKeys = ["shift", "default", "pairs"];
    private static readonly string[] PairEntryKeys = ["types", "epsilon", "sigma", "cutoff", "comment"];
    private static readonly string[] CoulombKeys = ["style", "bjerrum_length", "alpha", "cutoff"];

    public static ForceField Load(string path)
    {
        using var document = JsonFile.Parse(path, "force-field file");
        return Parse(document.RootElement, path);
    }

    public static ForceField Parse(JsonElement root, string source)
    {
        JsonFields.RejectUnknown(root, source, "", RootKeys);
        string name = JsonFields.String(root, "name", source);
        double temperature = Positive(root, "temperature", source);
        double timeStep = Positive(root, "timestep", source);
        double damping = Positive(root, "langevin_damping", source);
        double skin = Positive(root, "neighbor_skin", source);
        IReadOnlyList<ParticleSpecies> species = root.TryGetProperty("types", out JsonElement types)
            ? ParseTypes(types, source)
            : ForceField.ChainSpecies;
        IReadOnlyList<BondParameters> bonds = ParseBonds(root, source);

        JsonElement pair = JsonFields.Field(root, "pair", source);
        JsonFields.RejectUnknown(pair, source, "pair.", PairKeys);
        bool shift = JsonFields.Field(pair, "shift", source, "pair.").ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new FormatException($"{source}: field 'pair.shift' must be true or false."),
        };
        PairParameters fallback = ParsePair(JsonFields.Field(pair, "default", source, "pair."), source, "pair.default");
        int n = species.Count;
        var table = new PairParameters[n, n];
        for (int a = 0; a < n; a++)
            for (int b = 0; b < n; b++)
                table[a, b] = fallback;
        if (pair.TryGetProperty("pairs", out JsonElement pairs))
        {
            if (pairs.ValueKind != JsonValueKind.Array)
                throw new FormatException($"{source}: field 'pair.pairs' must be an array.");
            int index = 0;
            var seen = new HashSet<(int, int)>();
            foreach (JsonElement entry in pairs.EnumerateArray())
            {
                string where = $"pair.pairs[{index++}]";
                JsonFields.RejectUnknown(entry, source, where + ".", PairEntryKeys);
                JsonElement typeNames = JsonFields.Field(entry, "types", source, where + ".");
                if (typeNames.ValueKind != JsonValueKind.Array || typeNames.GetArrayLength() != 2)
                    throw new FormatException($"{source}: field '{where}.types' must be an array of two type names ({TypeChoices(species)}).");
                int a = TypeId(typeNames[0], species, source, where), b = TypeId(typeNames[1], species, source, where);
                if (!seen.Add((Math.Min(a, b), Math.Max(a, b))))
                    throw new FormatException($"{source}: field '{where}.types' repeats the pair {species[a].Name}-{species[b].Name}.");
                PairParameters parameters = ParsePair(entry, source, where);
                table[a, b] = parameters;
                table[b, a] = parameters;
            }
        }
        CoulombParameters? coulomb = root.TryGetProperty("coulomb", out JsonElement c) ? ParseCoulomb(c, source) : null;
        if (coulomb is null && species.Any(s => s.Charge != 0))
            throw new FormatException($"{source}: field 'coulomb' is missing, but types carry charges; expected a 'coulomb' section.");
        return new ForceField(name, species, table, bonds, coulomb, shift, temperature, damping, timeStep, skin);
    }

    private static IReadOnlyList<ParticleSpecies> ParseTypes(JsonElement types, string source)
    {
        if (types.ValueKind != JsonValueKind.Array || types.GetArrayLength() == 0)
            throw new FormatException($"{source}: field 'types' must be a non-empty array of {{name, mass, charge}}.");
        var species = new List<ParticleSpecies>();
        int index = 0;
        foreach (JsonElement type in types.EnumerateArray())
        {
            string where = $"types[{index++}].";
            JsonFields.RejectUnknown(type, source, where, TypeKeys);
            string name = JsonFields.String(type, "name", source, where);
            if (name.Length == 0 || species.Any(s => s.Name == name))
                throw new FormatException($"{source}: field '{where}name' is '{name}', expected a non-empty name not used by another type.");
            species.Add(new ParticleSpecies(name, Positive(type, "mass", source, where), Finite(type, "charge", source, where)));
        }
        return species;
    }

    /// <summary>Either "bond" (one type, the chain files) or "bonds" (a list of types of one style).</summary>
    private static IReadOnlyList<BondParameters> ParseBonds(JsonElement root, string source)
    {
        bool one = root.TryGetProperty("bond", out JsonElement bond), many = root.TryGetProperty("bonds", out JsonElement bonds);
        if (one == many)
            throw new FormatException($"{source}: expected exactly one of the fields 'bond' (one bond type) and 'bonds' (a list), found {(one ? "both" : "neither")}.");
        if (one) return [ParseBond(bond, source, "bond.")];
        if (bonds.ValueKind != JsonValueKind.Array || bonds.GetArrayLength() == 0)
            throw new FormatException($"{source}: field 'bonds' must be a non-empty array of bond types.");
        var list = bonds.EnumerateArray().Select((b, k) => ParseBond(b, source, $"bonds[{k}].")).ToList();
        for (int k = 1; k < list.Count; k++)
            if (list[k].Style != list[0].Style)
                throw new FormatException($"{source}: field 'bonds[{k}].style' differs from 'bonds[0].style'; all bond types must share one style.");
        return list;
    }

    private static BondParameters ParseBond(JsonElement bond, string source, string prefix)
    {
        string style = JsonFields.String(bond, "style", source, prefix);
        switch (style)
        {
            case "fene":
                JsonFields.RejectUnknown(bond, source, prefix, ["style", "k", "r0", "epsilon", "sigma", "name", "comment"]);
                return new BondParameters(BondStyle.Fene, Positive(bond, "k", source, prefix), Positive(bond, "r0", source, prefix),
                    Positive(bond, "epsilon", source, prefix), Positive(bond, "sigma", source, prefix), 0.0);
            case "harmonic":
                JsonFields.RejectUnknown(bond, source, prefix, ["style", "k", "r0", "name", "comment"]);
                return new BondParameters(BondStyle.Harmonic, Positive(bond, "k", source, prefix), 0.0, 0.0, 0.0,
                    Positive(bond, "r0", source, prefix));
            default:
                throw new FormatException($"{source}: field '{prefix}style' is '{style}', expected 'fene' or 'harmonic'.");
        }
    }

    private static CoulombParameters ParseCoulomb(JsonElement coulomb, string source)
    {
        JsonFields.RejectUnknown(coulomb, source, "coulomb.", CoulombKeys);
        string style = JsonFields.String(coulomb, "style", source, "coulomb.");
        if (style != "dsf")
            throw new FormatException($"{source}: field 'coulomb.style' is '{style}', expected 'dsf' (damped shifted force, LAMMPS lj/cut/coul/dsf).");
        double alpha = Finite(coulomb, "alpha", source, "coulomb.");
        double cutoff = Positive(coulomb, "cutoff", source, "coulomb.");
        if (alpha < 0 || alpha * cutoff > ComplementaryErrorFunction.TableEnd)
            throw new FormatException(
                $"{source}: field 'coulomb.alpha' is {alpha}, expected 0 <= alpha and alpha * cutoff <= {ComplementaryErrorFunction.TableEnd} (damping in 1/sigma).");
        return new CoulombParameters(Positive(coulomb, "bjerrum_length", source, "coulomb."), alpha, cutoff);
    }

    private static PairParameters ParsePair(JsonElement entry, string source, string where)
    {
        if (where == "pair.default")
            JsonFields.RejectUnknown(entry, source, where + ".", ["epsilon", "sigma", "cutoff", "comment"]);
        double epsilon = Positive(entry, "epsilon", source, where + ".");
        double sigma = Positive(entry, "sigma", source, where + ".");
        double cutoff = Positive(entry, "cutoff", source, where + ".");
        return new PairParameters(epsilon, sigma, cutoff);
    }

    private static int TypeId(JsonElement name, IReadOnlyList<ParticleSpecies> species, string source, string where)
    {
        string? text = name.ValueKind == JsonValueKind.String ? name.GetString() : null;
        for (int t = 0; t < species.Count; t++)
            if (species[t].Name == text) return t;
        throw new FormatException($"{source}: '{where}.types' names '{name}', expected one of {TypeChoices(species)}.");
    }

    private static string TypeChoices(IReadOnlyList<ParticleSpecies> species) => string.Join(", ", species.Select(s => s.Name));

    private static double Positive(JsonElement parent, string field, string source, string prefix = "")
    {
        double number = Finite(parent, field, source, prefix);
        return number > 0 ? number : throw new FormatException($"{source}: field '{prefix}{field}' must be a positive finite number.");
    }

    private static double Finite(JsonElement parent, string field, string source, string prefix = "")
    {
        JsonElement value = JsonFields.Field(parent, field, source, prefix);
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out double number) || !double.IsFinite(number))
            throw new FormatException($"{source}: field '{prefix}{field}' must be a {(field == "charge" || field == "alpha" ? "" : "positive ")}finite number.");
        return number;
    }
}
