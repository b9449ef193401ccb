using MlCgMd.CoarseGraining;
using MlCgMd.Data.Hdf5;

namespace MlCgMd.Simulation;

/// <summary>
/// One system's rollout as HDF5: <c>position</c> [saved frames, beads, 3] float32 filled as the
/// rollout goes, <c>step</c> [saved frames] int64, <c>rg_pred</c> [saved frames] float32 (Rg head,
/// when present), <c>history</c> [seq_len, beads, 3] the initial CG history, and the CG mapping
/// (<c>cluster</c>, <c>bead_weights</c>, <c>cg_bonds</c>) so analysis uses the same beads; for
/// periodic systems also <c>lattice</c> [3], the box the rollout runs in.
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
