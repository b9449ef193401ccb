using MlCgMd.CoarseGraining;
using MlCgMd.Data;
using MlCgMd.Data.Hdf5;
using MlCgMd.SystemKinds;

namespace MlCgMd.Simulation;

/// <summary>
/// One system's rollout as HDF5: <c>position</c> [saved frames, beads, 3] float32 filled as the
/// rollout goes, <c>step</c> [saved frames] int64, <c>rg_pred</c> [saved frames] float32 (Rg head,
/// when present), <c>history</c> [seq_len, beads, 3] the initial CG history, and the CG mapping
/// (<c>cluster</c>, <c>bead_weights</c>, <c>cg_bonds</c>) so analysis uses the same beads; for
/// periodic systems also <c>lattice</c> [3], the box the rollout runs in. Root attributes say how much
/// of it holds positions and why it ended (<see cref="MarkValid"/>), dataset attributes <c>units</c>
/// give the units, so the file reads right without rollout.json.
/// </summary>
public static class RolloutFile
{
    /// <param name="box">[3] cubic box edge lengths, or null for open boundaries</param>
    public static void Create(string path, long savedFrames, CoarseGrainMap map, float[] history, int seqLen, bool withRg,
                              float[]? box)
    {
        using Hdf5File file = Hdf5File.Create(path);
        int m = map.BeadCount;
        file.CreateDataset<float>("position", [savedFrames, m, 3]);
        file.CreateDataset<long>("step", [savedFrames]);
        if (withRg) file.CreateDataset<float>("rg_pred", [savedFrames]);
        file.Write<float>("history", history, [seqLen, m, 3]);
        file.Write<long>("cluster", map.Cluster.Select(c => (long)c).ToArray(), [map.AtomCount]);
        file.Write<double>("bead_weights", map.BeadWeights, [m]);
        file.Write<long>("cg_bonds", map.CgBonds.Select(b => (long)b).ToArray(), [map.CgBondCount, 2]);
        if (box is not null) file.Write<float>("lattice", box, [3]);
    }

    /// <summary>
    /// Root attributes <c>valid_frames</c> (rows of position/step/rg_pred that hold data; later rows are
    /// unwritten), <c>steps_done</c>, <c>stop_reason</c> ("not stopped", or the failed stability check) and
    /// <c>failed_step</c> (when stopped), plus a <c>units</c> attribute on every dataset.
    /// </summary>
    /// <param name="lengthUnit">e.g. "sigma (LJ)"</param>
    public static void MarkValid(Hdf5File file, RolloutSystem system, string lengthUnit)
    {
        file.WriteAttribute(null, "valid_frames", system.FramesWritten);
        file.WriteAttribute(null, "steps_done", system.StepsDone);
        file.WriteAttribute(null, "stop_reason", system.Failure ?? "not stopped");
        if (system.FailedStep is { } failed) file.WriteAttribute(null, "failed_step", failed);
        file.WriteAttribute(null, "length_unit", lengthUnit);
        foreach (var (dataset, unit) in new[]
                 {
                     ("position", lengthUnit), ("history", lengthUnit), ("rg_pred", lengthUnit), ("step", "model steps"),
                     ("cluster", "bead index"), ("bead_weights", "particle weight summed over the bead"), ("cg_bonds", "bead index"),
                 })
            if (file.Contains(dataset)) file.WriteAttribute(dataset, "units", unit);
    }

    /// <summary>
    /// The rollout's beads over the reference particles, weighted as <paramref name="kind"/> weighs them,
    /// checked against the reference topology (the same particle count).
    /// </summary>
    public static CoarseGrainMap ReadMap(string path, TrajectoryFolder reference, SystemKind kind)
    {
        int[] cluster;
        using (Hdf5File file = Hdf5File.OpenRead(path))
            cluster = file.Read<long>("cluster").Data.Select(c => checked((int)c)).ToArray();
        TrajectoryTopology topology = reference.ReadTopology();
        if (topology.ParticleCount != cluster.Length)
            throw new InvalidDataException(
                $"{path}: its CG mapping covers {cluster.Length} particles but '{reference.Path}' has {topology.ParticleCount}");
        return CoarseGrainMap.FromClusters(cluster, ParticleWeights.Of(kind, reference, topology), topology.Bonds);
    }

    /// <summary>A reference trajectory on the beads of <paramref name="map"/>, read in chunks of 1000 frames: [frames, beads, 3].</summary>
    public static float[] ReferenceOnBeads(TrajectoryFolder reference, CoarseGrainMap map)
    {
        int frames = reference.FrameCount;
        var cg = new float[(long)frames * map.BeadCount * 3];
        const int chunk = 1000;     // fine frames held at a time
        for (int start = 0; start < frames; start += chunk)
        {
            int count = Math.Min(chunk, frames - start);
            float[] centres = map.CentersOfMass(reference.ReadFrames(start, count), count);
            Array.Copy(centres, 0, cg, (long)start * map.BeadCount * 3, centres.Length);
        }
        return cg;
    }

    /// <summary>Reads the first <paramref name="frames"/> saved frames: [frames, beads, 3].</summary>
    public static float[] ReadPositions(string path, long frames)
    {
        using Hdf5File file = Hdf5File.OpenRead(path);
        return frames == 0 ? [] : file.ReadRows<float>("position", 0, frames).Data;
    }

    public static float[] ReadHistory(string path)
    {
        using Hdf5File file = Hdf5File.OpenRead(path);
        return file.Read<float>("history").Data;
    }

    /// <summary>The edge of the cubic box a periodic rollout ran in (dataset <c>lattice</c>), or null for open boundaries.</summary>
    public static float? ReadCubicBox(string path)
    {
        using Hdf5File file = Hdf5File.OpenRead(path);
        if (!file.Contains("lattice")) return null;
        float[] lattice = file.Read<float>("lattice").Data;
        if (lattice.Length != 3 || lattice[0] != lattice[1] || lattice[1] != lattice[2] || !(lattice[0] > 0) || !float.IsFinite(lattice[0]))
            throw new InvalidDataException($"{path}: dataset 'lattice' is [{string.Join(", ", lattice)}], expected a cubic box [L, L, L] with L > 0");
        return lattice[0];
    }

    public static float[]? ReadRgPredictions(string path, long frames)
    {
        using Hdf5File file = Hdf5File.OpenRead(path);
        if (!file.Contains("rg_pred") || frames == 0) return null;
        return file.ReadRows<float>("rg_pred", 0, frames).Data;
    }
}
