using System.Text.Json;
using System.Text.Json.Serialization;
using MlCgMd.CoarseGraining;
using MlCgMd.Data;

namespace MlCgMd.SystemKinds;

/// <summary>
/// How trajectories become CG systems: the system kind and its coarse-graining. Training writes
/// it next to every checkpoint (system.json) and rollouts copy it into rollout.json, so rollout,
/// analysis and benchmarks use exactly the beads the model was trained on.
/// </summary>
public sealed record CgRecipe
{
    public const string FileName = "system.json";

    [JsonPropertyName("system")] public string System { get; init; } = SystemKind.Chain.Name;
    /// <summary>Fine particles per CG bead (the model's <c>cg_level</c>).</summary>
    [JsonPropertyName("cg_level")] public int CgLevel { get; init; } = 100;
    [JsonPropertyName("recursive_metis")] public bool RecursiveMetis { get; init; }
    /// <summary>Components of at most this many particles become one bead (the official <c>cg_tfsi</c> generalised); 0 = off.</summary>
    [JsonPropertyName("whole_component_max_atoms")] public int WholeComponentMaxAtoms { get; init; }

    [JsonIgnore] public SystemKind Kind => SystemKind.Named(System, "CG recipe");

    [JsonIgnore] public CoarseGrainingOptions Options => new()
    {
        CgLevel = CgLevel, Recursive = RecursiveMetis, WholeComponentMaxAtoms = WholeComponentMaxAtoms,
    };

    /// <summary>e.g. "chain systems, cg_level 12, k-way METIS".</summary>
    public override string ToString() =>
        $"{System} systems, cg_level {CgLevel}, {(RecursiveMetis ? "recursive" : "k-way")} METIS" +
        (WholeComponentMaxAtoms > 0 ? $", components of up to {WholeComponentMaxAtoms} particles as one bead" : "");

    /// <summary>
    /// Refuses a recipe that makes other beads than this one: "<paramref name="mine"/> uses X;
    /// <paramref name="theirs"/> asks for Y".
    /// </summary>
    public void RequireSame(CgRecipe other, string mine, string theirs)
    {
        if (other != this)
            throw new InvalidDataException($"{mine} uses {this}; {theirs} asks for {other}: the CG beads would differ");
    }

    /// <summary>
    /// Refuses a model config whose weights disagree with the kind: the official <c>use_atom_mass</c>
    /// must be true exactly for kinds weighted by mass.
    /// </summary>
    public void RequireFits(bool useAtomMass, string source)
    {
        bool masses = Kind.Weights == WeightRule.Masses;
        if (useAtomMass != masses)
            throw new InvalidDataException(
                $"{source}: field 'use_atom_mass' is {(useAtomMass ? "true" : "false")}, but {System} systems are weighted by " +
                $"{(masses ? "mass (expected true)" : "unit weights (expected false)")}");
    }

    /// <summary>The recipe saved in <paramref name="folder"/>, or null for folders written before recipes were saved.</summary>
    public static CgRecipe? Read(string folder)
    {
        string path = Path.Combine(folder, FileName);
        if (!File.Exists(path)) return null;
        CgRecipe recipe = JsonFile.Read<CgRecipe>(path, Json, "CG recipe");
        recipe.Validate(path);
        return recipe;
    }

    public void Write(string folder) =>
        AtomicFile.WriteText(Path.Combine(folder, FileName), w => w.Write(JsonSerializer.Serialize(this, Json)));

    public void Validate(string source)
    {
        SystemKind.Named(System, source);
        if (CgLevel < 1) throw new InvalidDataException($"{source}: field 'cg_level' must be at least 1");
        if (WholeComponentMaxAtoms < 0) throw new InvalidDataException($"{source}: field 'whole_component_max_atoms' must be >= 0");
    }

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };
}
