namespace MlCgMd.Analysis;

/// <summary>Bond lengths over a trajectory, a rollout-stability monitor (length unit of the positions).</summary>
public static class BondLengths
{
    /// <summary>Bonds (i, i+1) of a linear chain of <paramref name="beadCount"/> beads.</summary>
    public static (int First, int Second)[] ChainBonds(int beadCount)
    {
        if (beadCount < 2)
            throw new ArgumentOutOfRangeException(nameof(beadCount), beadCount, "A chain needs at least 2 beads.");
        return Enumerable.Range(0, beadCount - 1).Select(i => (i, i + 1)).ToArray();
    }

    /// <summary>Returns [frames * bonds] row-major: entry (f, b) is the length of bond b in frame f.</summary>
    public static double[] Compute(PositionFrames trajectory, IReadOnlyList<(int First, int Second)> bonds)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        ArgumentNullException.ThrowIfNull(bonds);
        for (int b = 0; b < bonds.Count; b++)
        {
            var (i, j) = bonds[b];
            if ((uint)i >= (uint)trajectory.ParticleCount || (uint)j >= (uint)trajectory.ParticleCount)
                throw new ArgumentOutOfRangeException(nameof(bonds), $"bonds[{b}] = ({i}, {j}) is outside [0, {trajectory.ParticleCount}).");
        }
        var lengths = new double[trajectory.FrameCount * bonds.Count];
        for (int f = 0; f < trajectory.FrameCount; f++)
        {
            var frame = trajectory.Frame(f);
            for (int b = 0; b < bonds.Count; b++)
                lengths[f * bonds.Count + b] = Math.Sqrt(PositionFrames.SquaredDistance(frame, bonds[b].First, bonds[b].Second));
        }
        return lengths;
    }
}
