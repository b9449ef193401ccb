using MlCgMd.CoarseGraining;
using MlCgMd.Data.Hdf5;

namespace MlCgMd.Simulation;

/// <summary>
/// One system's rollout as HDF5: <c>position</c> [saved frames, beads, 3] float32 filled as the
/// rollout goes, <c>step</c> [saved frames] int64, <c>rg_pred</c> [saved frames] float32 (Rg head,
/// when present), <c>history</c> [seq_len, beads, 3] the initial CG history, and the CG mapping
/// (<c>cluster</c>, <c>bead_weights</c>, <c>cg_bonds</c>) so analysis uses the same beads.
/// Root attributes say how much of it holds positions and why it ended (<see cref="MarkValid"/>),
/// dataset attributes <c>units</c> give the units, so the file reads right without rollout.json.
/// </summary>
public static class RolloutFile
{
    /// <summary>The length unit of chain rollouts (LJ units).</summary>
    public const string ChainLengthUnit = "sigma (LJ)";

    public static void Create(string path, long savedFrames, CoarseGrainMap map, float[] history, int seqLen, bool withRg)
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

    public static float[]? ReadRgPredictions(string path, long frames)
    {
        using Hdf5File file = Hdf5File.OpenRead(path);
        if (!file.Contains("rg_pred") || frames == 0) return null;
        return file.ReadRows<float>("rg_pred", 0, frames).Data;
    }
}
