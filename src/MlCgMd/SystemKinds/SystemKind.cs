using MlCgMd.Data;

namespace MlCgMd.SystemKinds;

/// <summary>
/// What differs between the physical systems the pipeline learns, from the trajectory files on:
/// their schema and split names, the default coarse-graining (k-way or recursive METIS), what
/// weighs the particles, the box (open, or periodic with a lattice per frame, which also makes
/// the stability monitor use the minimum image), whether bonds carry types, and which evaluation
/// metrics apply. A model is trained, rolled out and analysed with one kind, named in its
/// <see cref="CgRecipe"/>. Components of any kind are coarse-grained on their own (see
/// <see cref="CoarseGraining.MetisClustering"/>): each connected component gets
/// max(1, round(n / cg_level)) beads, single atoms (ions) are their own beads.
/// </summary>
public sealed record SystemKind
{
    public required string Name { get; init; }
    public required TrajectorySchema Schema { get; init; }
    /// <summary>Official split file names (graphwm/splits/&lt;system&gt;/).</summary>
    public required string TrainSplit { get; init; }
    public required string ValidationSplit { get; init; }
    public required string TestSplit { get; init; }
    public required WeightRule Weights { get; init; }
    public required Boundary Boundary { get; init; }
    /// <summary>Whether fine bonds carry types (bond_type.h5) for the bond-type embedding.</summary>
    public required bool HasBondTypes { get; init; }
    /// <summary>Recursive bisection unless the config says otherwise (the official battery code forces it).</summary>
    public required bool RecursiveMetisByDefault { get; init; }
    public required IReadOnlyList<EvaluationMetric> Metrics { get; init; }
    /// <summary>The length unit of positions, written into output files (HDF5 attributes, JSON units).</summary>
    public required string LengthUnit { get; init; }
    /// <summary>Names of the particle types (ptype.h5 values) for viewer exports; null: "X" + the type id.</summary>
    public required IReadOnlyList<string>? TypeNames { get; init; }

    public bool IsPeriodic => Boundary == Boundary.PeriodicCubic;

    /// <summary>One polymer chain in implicit solvent, LJ units (graphwm's chain data).</summary>
    public static readonly SystemKind Chain = new()
    {
        Name = "chain",
        Schema = TrajectorySchema.Chain,
        TrainSplit = SplitFiles.ChainTrain,
        ValidationSplit = SplitFiles.ChainValidation,
        TestSplit = SplitFiles.ChainTest,
        Weights = WeightRule.Unit,
        Boundary = Boundary.Open,
        HasBondTypes = false,
        RecursiveMetisByDefault = false,
        Metrics =
        [
            EvaluationMetric.RadiusOfGyration, EvaluationMetric.Rg2RelaxationTime, EvaluationMetric.ContactMap,
            EvaluationMetric.CgBondLengths, EvaluationMetric.Collisions,
        ],
        LengthUnit = "sigma (LJ)",
        // graphwm/preprocess/chain.py: the bead type stored is the index into B1, B2, S1, S2.
        TypeNames = ["B1", "B2", "S1", "S2"],
    };

    /// <summary>
    /// A periodic box of polymer chains, anions and Li ions (graphwm's battery data layout:
    /// unwrapped positions, lattice per frame, bond types; masses from mass.h5 or atomic numbers).
    /// Rg and contact maps of a multi-chain box say nothing; the electrolyte's own observables
    /// (Li diffusivity) are not an evaluation here yet.
    /// </summary>
    public static readonly SystemKind Electrolyte = new()
    {
        Name = "electrolyte",
        Schema = TrajectorySchema.Battery,
        TrainSplit = SplitFiles.BatteryTrain,
        ValidationSplit = SplitFiles.BatteryValidation,
        TestSplit = SplitFiles.BatteryTest,
        Weights = WeightRule.Masses,
        Boundary = Boundary.PeriodicCubic,
        HasBondTypes = true,
        RecursiveMetisByDefault = true,
        Metrics = [EvaluationMetric.CgBondLengths, EvaluationMetric.Collisions],
        LengthUnit = "angstrom",      // the official battery files, which name no unit; the LJ analogue's files say "sigma (LJ)"
        TypeNames = null,
    };

    public static readonly IReadOnlyList<SystemKind> All = [Chain, Electrolyte];

    public static string Choices => string.Join(" or ", All.Select(k => $"'{k.Name}'"));

    /// <summary>The kind called <paramref name="name"/>; an unknown name is an error naming <paramref name="source"/>.</summary>
    public static SystemKind Named(string name, string source) =>
        All.FirstOrDefault(k => k.Name == name)
        ?? throw new InvalidDataException($"{source}: field 'system' is '{name}', expected {Choices}");

    /// <summary>
    /// The kind whose positions file a trajectory folder holds (position.h5: chain,
    /// unwrapped_position.h5: electrolyte); null when it holds neither, an error when both.
    /// </summary>
    public static SystemKind? OfFolder(string folder)
    {
        var present = All.Where(k => File.Exists(Path.Combine(folder, k.Schema.Positions.FileName))).ToList();
        if (present.Count > 1)
            throw new InvalidDataException(
                $"trajectory folder '{folder}' holds both {string.Join(" and ", present.Select(k => k.Schema.Positions.FileName))}; " +
                "expected the positions of one system kind");
        return present.SingleOrDefault();
    }

    /// <summary>Name of each particle for PDB/XYZ exports (at most 4 characters): the kind's type names, else "X" + the type id.</summary>
    public string[] NamesOf(IReadOnlyList<int> particleTypes) =>
        particleTypes.Select(t => TypeNames is { } names && t >= 0 && t < names.Count ? names[t] : $"X{t}").ToArray();

    public override string ToString() => Name;
}
