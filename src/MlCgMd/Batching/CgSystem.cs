using MlCgMd.CoarseGraining;
using MlCgMd.Data;

namespace MlCgMd.Batching;

/// <summary>
/// One trajectory ready for sampling: its topology, its METIS coarse-graining (computed once,
/// as the official loader does per sample) and access to windows of frames. Small
/// trajectories are held in memory; large ones are read window by window (hyperslabs).
/// </summary>
public sealed class CgSystem
{
    private readonly TrajectoryFolder folder;
    private float[]? positions;      // [frames, particles, 3] when cached
    private double[]? rgs;           // [frames] when cached and present

    private CgSystem(TrajectoryFolder folder, TrajectoryTopology topology, CoarseGrainMap map, int frames)
    {
        this.folder = folder;
        Topology = topology;
        Map = map;
        FrameCount = frames;
    }

    public string Name => folder.Name;
    public TrajectoryTopology Topology { get; }
    public CoarseGrainMap Map { get; }
    public int ParticleCount => Topology.ParticleCount;
    public int FrameCount { get; }
    public bool HasRgs => folder.Has(TrajectoryField.Rgs);

    /// <summary>Reads the topology and partitions it into round(n / cg_level) beads.</summary>
    /// <param name="maxFrames">use only the first frames (the official traj_len); null: all</param>
    /// <param name="cacheBytes">hold positions in memory when they take at most this many bytes</param>
    public static CgSystem Load(TrajectoryFolder folder, int cgLevel, bool recursiveMetis, int? maxFrames = null,
                                long cacheBytes = 256L << 20)
    {
        TrajectoryTopology topology = folder.ReadTopology();
        int frames = folder.FrameCount;
        if (maxFrames is { } limit) frames = Math.Min(frames, limit);
        var map = CoarseGrainMap.Create(topology.ParticleCount, topology.Bonds, weights: null,
            new CoarseGrainingOptions { CgLevel = cgLevel, Recursive = recursiveMetis });
        var system = new CgSystem(folder, topology, map, frames);
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

    private void CheckWindow(int start, int count, int stride)
    {
        long last = start + (long)(count - 1) * stride;
        if (start < 0 || count < 1 || stride < 1 || last >= FrameCount)
            throw new ArgumentOutOfRangeException(nameof(start),
                $"{folder.Path}: window of {count} frames from {start} every {stride} needs frame {last}, " +
                $"but the trajectory has {FrameCount} frames");
    }
}
