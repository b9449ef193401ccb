using MlCgMd.CoarseGraining;
using MlCgMd.Data;
using MlCgMd.SystemKinds;

namespace MlCgMd.Batching;

/// <summary>
/// One trajectory ready for sampling, coarse-grained by a <see cref="CgRecipe"/>: its topology,
/// particle weights and METIS beads (computed once, as the official loader does per sample),
/// fine bond types and box lengths where its kind has them, and windows of frames. Small
/// trajectories are held in memory; large ones are read window by window (hyperslabs).
/// <see cref="LoadSplit"/> is the one way training, rollout and benchmarks build their systems.
/// </summary>
public sealed class CgSystem
{
    private readonly TrajectoryFolder folder;
    private readonly float[]? lattices;   // [frames, 3] for periodic kinds
    private float[]? positions;           // [frames, particles, 3] when cached
    private double[]? rgs;                // [frames] when cached and present

    private CgSystem(TrajectoryFolder folder, CgRecipe recipe, TrajectoryTopology topology, CoarseGrainMap map, int frames,
                     long[]? bondTypes, float[]? lattices)
    {
        this.folder = folder;
        this.lattices = lattices;
        Recipe = recipe;
        Topology = topology;
        Map = map;
        FrameCount = frames;
        BondTypes = bondTypes;
    }

    public string Name => folder.Name;
    public CgRecipe Recipe { get; }
    public SystemKind Kind => Recipe.Kind;
    public TrajectoryTopology Topology { get; }
    /// <summary>The beads; its atom weights are the particle weights of the kind (1 for chains, masses for electrolytes).</summary>
    public CoarseGrainMap Map { get; }
    /// <summary>[bonds] type of each fine bond (same order as the topology's bonds), or null when the kind has none.</summary>
    public long[]? BondTypes { get; }
    public int ParticleCount => Topology.ParticleCount;
    public int FrameCount { get; }
    public bool HasRgs => folder.Schema.Rgs is not null && folder.Has(TrajectoryField.Rgs);
    /// <summary>The length unit the trajectory names for its positions, else the kind's (official files name none).</summary>
    public string LengthUnit => folder.PositionUnits() ?? Kind.LengthUnit;

    /// <summary>
    /// The systems a split file names under <paramref name="dataDirectory"/>, coarse-grained by
    /// <paramref name="recipe"/>; trajectories of another kind are refused with an error naming
    /// <paramref name="recipeSource"/> (the checkpoint or config the recipe came from).
    /// </summary>
    /// <param name="maxFrames">use only the first frames of each trajectory (the official traj_len); null: all</param>
    public static List<CgSystem> LoadSplit(string dataDirectory, string splitFile, CgRecipe recipe, string recipeSource,
                                           int? maxFrames = null)
    {
        string split = Path.IsPathRooted(splitFile) ? splitFile : Path.Combine(dataDirectory, splitFile);
        TrajectoryDataset dataset = TrajectoryDataset.FromSplit(dataDirectory, split, recipe.Kind.Schema);
        return dataset.Folders.Select(f => Load(f, recipe, recipeSource, maxFrames)).ToList();
    }

    /// <summary>Reads one trajectory and partitions each connected component into max(1, round(n / cg_level)) beads.</summary>
    /// <param name="cacheBytes">hold positions in memory when they take at most this many bytes</param>
    public static CgSystem Load(TrajectoryFolder folder, CgRecipe recipe, string recipeSource, int? maxFrames = null,
                                long cacheBytes = 256L << 20)
    {
        SystemKind kind = recipe.Kind;
        if (SystemKind.OfFolder(folder.Path) is { } stored && stored != kind)
            throw new InvalidDataException(
                $"'{folder.Path}' holds {stored.Name} trajectories ({stored.Schema.Positions.FileName}), but {recipeSource} " +
                $"uses {recipe}");
        if (folder.Schema != kind.Schema) folder = new TrajectoryFolder(folder.Path, kind.Schema);

        TrajectoryTopology topology = folder.ReadTopology();
        int frames = folder.FrameCount;
        if (maxFrames is { } limit) frames = Math.Min(frames, limit);
        double[] weights = ParticleWeights.Of(kind, folder, topology);
        var map = CoarseGrainMap.Create(topology.ParticleCount, topology.Bonds, weights, recipe.Options);
        if (kind == SystemKind.Chain && map.BeadCount < 2)
            throw new InvalidDataException(
                $"'{folder.Path}': cg_level {recipe.CgLevel} ({recipeSource}) coarse-grains this {topology.ParticleCount}-particle chain " +
                $"into {map.BeadCount} bead; expected cg_level at most {Math.Max(1, topology.ParticleCount / 2)}, so it keeps two beads and a bond");
        long[]? bondTypes = kind.HasBondTypes ? ReadBondTypes(folder, topology) : null;
        float[]? lattices = kind.IsPeriodic ? ReadLattices(folder, frames) : null;
        var system = new CgSystem(folder, recipe, topology, map, frames, bondTypes, lattices);
        if ((long)frames * topology.ParticleCount * 3 * sizeof(float) <= cacheBytes)
        {
            system.positions = folder.ReadFrames(0, frames);
            if (system.HasRgs) system.rgs = folder.ReadRgs(0, frames);
        }
        return system;
    }

    /// <summary>Frames start, start+stride, ... (count of them): [count, particles, 3].</summary>
    public float[] ReadFrames(int start, int count, int stride)
    {
        CheckWindow(start, count, stride);
        if (positions is null) return folder.ReadFrames(start, count, stride);
        int frameSize = ParticleCount * 3;
        var window = new float[count * frameSize];
        for (int k = 0; k < count; k++)
            Array.Copy(positions, (long)(start + k * stride) * frameSize, window, (long)k * frameSize, frameSize);
        return window;
    }

    /// <summary>Rg labels of the same frames: [count].</summary>
    public double[] ReadRgs(int start, int count, int stride)
    {
        CheckWindow(start, count, stride);
        if (rgs is null) return folder.ReadRgs(start, count, stride);
        var window = new double[count];
        for (int k = 0; k < count; k++) window[k] = rgs[start + k * stride];
        return window;
    }

    /// <summary>Edge lengths of the cubic box at one frame: [3]; null for open boundaries.</summary>
    public float[]? BoxAt(int frame)
    {
        if (lattices is null) return null;
        CheckWindow(frame, 1, 1);
        return lattices.AsSpan(frame * 3, 3).ToArray();
    }

    private void CheckWindow(int start, int count, int stride)
    {
        long last = start + (long)(count - 1) * stride;
        if (start < 0 || count < 1 || stride < 1 || last >= FrameCount)
            throw new ArgumentOutOfRangeException(nameof(start),
                $"{folder.Path}: window of {count} frames from {start} every {stride} needs frame {last}, " +
                $"but the trajectory has {FrameCount} frames");
    }

    private static long[] ReadBondTypes(TrajectoryFolder folder, TrajectoryTopology topology)
    {
        var field = TrajectoryField.BondType;
        var stored = folder.ReadField<long>(field);
        string source = $"'{folder.FileOf(field)}' dataset '{field.DatasetName}'";
        if (stored.Data.Length != topology.BondCount)
            throw new InvalidDataException(
                $"{source} has {stored.Data.Length} entries, expected one type per bond of {TrajectoryField.Bond.FileName} ({topology.BondCount})");
        for (int b = 0; b < stored.Data.Length; b++)
            if (stored.Data[b] < 0)
                throw new InvalidDataException($"{source}: bond {b} has type {stored.Data[b]}, expected a non-negative type id");
        return stored.Data;
    }

    /// <summary>Box edge lengths of the first <paramref name="frames"/> frames: [frames, 3], checked positive and cubic.</summary>
    internal static float[] ReadLattices(TrajectoryFolder folder, int frames)
    {
        var field = TrajectoryField.Lattice;
        var stored = folder.ReadField<float>(field);
        string source = $"'{folder.FileOf(field)}' dataset '{field.DatasetName}'";
        if (stored.Shape is not [var rows, 3] || rows < frames)
            throw new InvalidDataException(
                $"{source} has shape [{string.Join(", ", stored.Shape)}], expected [{frames}, 3] (cubic box lengths per frame)");
        for (int k = 0; k < frames * 3; k++)
            if (!(stored.Data[k] > 0) || !float.IsFinite(stored.Data[k]))
                throw new InvalidDataException($"{source}: frame {k / 3} has box length {stored.Data[k]}, expected a positive length");
        for (int f = 0; f < frames; f++)
        {
            float a = stored.Data[3 * f], b = stored.Data[3 * f + 1], c = stored.Data[3 * f + 2];
            if (Math.Abs(a - b) > 1e-6f * a || Math.Abs(a - c) > 1e-6f * a)
                throw new InvalidDataException(
                    $"{source}: frame {f} has box lengths {a}, {b}, {c}, expected a cube (the {SystemKind.Electrolyte.Name} kind supports cubic boxes only)");
        }
        return stored.Data.AsSpan(0, frames * 3).ToArray();
    }
}
