using MlCgMd.Batching;
using MlCgMd.CoarseGraining;
using MlCgMd.Data;
using MlCgMd.Data.Hdf5;
using MlCgMd.Simulation;
using MlCgMd.SystemKinds;

namespace MlCgMd.Exports;

/// <summary>
/// What <c>mlcgmd export</c> and <c>mlcgmd render</c> read: a system's learned rollout (its valid
/// frames only), and its reference MD at full resolution or mapped onto the rollout's CG beads
/// (weighted as the system kind weighs particles). CG beads are named after the fine type most of
/// their particles have (<c>CB1</c>, <c>CS2</c>, ...), so viewers colour them by type. Frame times are
/// reference MD steps: a rollout's frame at model step s stands for reference frame
/// (seq_len + s)·dilation, the frame after its seq_len-frame history.
/// </summary>
public static class ExportSources
{
    /// <summary>The saved frames of <paramref name="system"/> that hold positions (rollout.json's frames_written).</summary>
    public static ExportedTrajectory Rollout(string rolloutDirectory, RolloutManifest manifest, RolloutSystem system,
                                             TrajectoryFolder reference, DatasetInfo? info)
    {
        string path = Path.Combine(rolloutDirectory, system.File);
        if (system.FramesWritten < 1)
            throw new InvalidDataException($"{path}: system '{system.Name}' stopped before its first saved frame; nothing to export");
        CoarseGrainMap map = RolloutFile.ReadMap(path, reference, manifest.Kind);
        long[] modelSteps;
        float[] positions;
        using (Hdf5File file = Hdf5File.OpenRead(path))
        {
            modelSteps = file.ReadRows<long>("step", 0, system.FramesWritten).Data;
            positions = file.ReadRows<float>("position", 0, system.FramesWritten).Data;
        }
        long[] frames = modelSteps.Select(s => (manifest.SeqLen + s) * manifest.Dilation).ToArray();
        var (names, types) = BeadLabels(map, reference.ReadTopology().ParticleTypes, manifest.Kind);
        return new ExportedTrajectory(system.Name + ".rollout", names, types, UniqueBonds(map.CgBonds), positions,
            MdSteps(frames, info), info?.MdTimeStep, RolloutFile.ReadCubicBox(path));
    }

    /// <summary>The reference trajectory mapped onto the beads of the rollout file of the same system.</summary>
    public static ExportedTrajectory ReferenceOnRolloutBeads(string rolloutFile, TrajectoryFolder reference, SystemKind kind,
                                                             DatasetInfo? info) =>
        CoarseGrained(reference, RolloutFile.ReadMap(rolloutFile, reference, kind), kind, info);

    /// <summary>The reference trajectory coarse-grained by METIS into round(n / cg_level) beads per component, as simulate does.</summary>
    public static ExportedTrajectory ReferenceCoarseGrained(TrajectoryFolder reference, SystemKind kind, int cgLevel, DatasetInfo? info)
    {
        TrajectoryTopology topology = reference.ReadTopology();
        var recipe = new CgRecipe { System = kind.Name, CgLevel = cgLevel, RecursiveMetis = kind.RecursiveMetisByDefault };
        var map = CoarseGrainMap.Create(topology.ParticleCount, topology.Bonds, ParticleWeights.Of(kind, reference, topology),
            recipe.Options);
        return CoarseGrained(reference, map, kind, info);
    }

    /// <summary>Every particle of the reference trajectory, named by type (B1, B2, S1, S2 for chains).</summary>
    public static ExportedTrajectory ReferenceFine(TrajectoryFolder reference, SystemKind kind, DatasetInfo? info)
    {
        TrajectoryTopology topology = reference.ReadTopology();
        int frames = reference.FrameCount;
        return new ExportedTrajectory(reference.Name + ".reference-fine", kind.NamesOf(topology.ParticleTypes),
            topology.ParticleTypes, topology.Bonds, reference.ReadFrames(0, frames),
            MdSteps(Enumerable.Range(0, frames).Select(f => (long)f).ToArray(), info), info?.MdTimeStep, CubicBox(reference, kind));
    }

    private static ExportedTrajectory CoarseGrained(TrajectoryFolder reference, CoarseGrainMap map, SystemKind kind, DatasetInfo? info)
    {
        int frames = reference.FrameCount;
        var (names, types) = BeadLabels(map, reference.ReadTopology().ParticleTypes, kind);
        return new ExportedTrajectory(reference.Name + ".reference", names, types, UniqueBonds(map.CgBonds),
            RolloutFile.ReferenceOnBeads(reference, map),
            MdSteps(Enumerable.Range(0, frames).Select(f => (long)f).ToArray(), info), info?.MdTimeStep, CubicBox(reference, kind));
    }

    /// <summary>
    /// The box of a periodic reference (its lattice, the same edge in every frame and axis), or null for
    /// open-boundary kinds. Viewers take one box per file, so a box that changes between frames is refused.
    /// </summary>
    private static double? CubicBox(TrajectoryFolder reference, SystemKind kind)
    {
        if (!kind.IsPeriodic) return null;
        float[] lattices = CgSystem.ReadLattices(reference, reference.FrameCount);      // [frames, 3], positive and cubic
        float edge = lattices[0];
        for (int k = 3; k < lattices.Length; k += 3)
            if (Math.Abs(lattices[k] - edge) > 1e-6f * edge)
                throw new InvalidDataException($"'{reference.FileOf(TrajectoryField.Lattice)}' dataset '{TrajectoryField.Lattice.DatasetName}': " +
                                               $"frame {k / 3} has box length {lattices[k]} against {edge} in frame 0; export writes one cubic box per trajectory");
        return edge;
    }

    /// <summary>Each bead's most common fine type (ties: the lower id) and its name "C" + the fine name (3 characters kept).</summary>
    private static (string[] Names, int[] Types) BeadLabels(CoarseGrainMap map, int[] fineTypes, SystemKind kind)
    {
        int typeCount = fineTypes.Length == 0 ? 1 : fineTypes.Max() + 1;
        var counts = new int[map.BeadCount, typeCount];
        for (int atom = 0; atom < map.AtomCount; atom++) counts[map.Cluster[atom], fineTypes[atom]]++;
        var types = new int[map.BeadCount];
        for (int bead = 0; bead < map.BeadCount; bead++)
            for (int type = 1; type < typeCount; type++)
                if (counts[bead, type] > counts[bead, types[bead]]) types[bead] = type;
        string Name(string fine) => "C" + (fine.Length > 3 ? fine[..3] : fine);
        return (kind.NamesOf(types).Select(Name).ToArray(), types);
    }

    /// <summary>CG bonds are stored in both directions; viewers want each once.</summary>
    private static int[] UniqueBonds(int[] pairs)
    {
        var bonds = new List<int>();
        for (int b = 0; b < pairs.Length; b += 2)
            if (pairs[b] < pairs[b + 1]) bonds.AddRange([pairs[b], pairs[b + 1]]);
        return bonds.ToArray();
    }

    /// <summary>Recorded-frame indices as MD steps when the dataset says how many steps a frame is.</summary>
    private static long[] MdSteps(long[] frames, DatasetInfo? info) =>
        info is { RecordEvery: > 0 } ? frames.Select(f => f * info.RecordEvery).ToArray() : frames;
}
