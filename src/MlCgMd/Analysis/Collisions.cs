namespace MlCgMd.Analysis;

/// <summary>
/// Bead collisions, a rollout-stability monitor: pairs of CG beads closer than a threshold that reference MD
/// practically never reaches. Pairs with |i - j| &lt; minSeparation are skipped (1 = all distinct pairs;
/// 2 skips chain neighbours, whose bond keeps them close). Distances in the length unit of the positions.
/// Non-finite positions never count as collisions: check <see cref="RolloutStability.FirstNonFiniteFrame"/> too.
/// </summary>
public static class Collisions
{
    /// <summary>Default quantile of reference pair distances used as the collision threshold.</summary>
    public const double DefaultThresholdQuantile = 0.001;

    /// <summary>Number of colliding pairs (distance &lt; threshold) in each frame: returns [frames].</summary>
    public static int[] CountPerFrame(PositionFrames trajectory, double threshold, int minSeparation = 1)
    {
        Validate(trajectory, threshold, minSeparation);
        var counts = new int[trajectory.FrameCount];
        for (int f = 0; f < counts.Length; f++)
            counts[f] = CountInFrame(trajectory.Frame(f), trajectory.ParticleCount, threshold * threshold, minSeparation, stopAtFirst: false);
        return counts;
    }

    /// <summary>Index of the first frame with any colliding pair, or null when the trajectory never collides.</summary>
    public static int? FirstCollisionFrame(PositionFrames trajectory, double threshold, int minSeparation = 1)
    {
        Validate(trajectory, threshold, minSeparation);
        for (int f = 0; f < trajectory.FrameCount; f++)
            if (CountInFrame(trajectory.Frame(f), trajectory.ParticleCount, threshold * threshold, minSeparation, stopAtFirst: true) > 0)
                return f;
        return null;
    }

    /// <summary>
    /// The q-quantile of all pair distances (|i - j| &gt;= minSeparation) over every <paramref name="frameStride"/>-th
    /// frame of a reference trajectory (a rate-based threshold; rollouts stop at <see cref="Simulation.StabilityThresholds"/>). Holds all those distances in memory
    /// (frames / stride * pairs doubles); raise the stride for long trajectories.
    /// </summary>
    public static double PairDistanceQuantile(PositionFrames reference, double q = DefaultThresholdQuantile, int minSeparation = 1, int frameStride = 1)
    {
        Validate(reference, 1, minSeparation);
        if (frameStride < 1)
            throw new ArgumentOutOfRangeException(nameof(frameStride), frameStride, "frameStride must be at least 1.");
        int n = reference.ParticleCount;
        var distances = new List<double>();
        for (int f = 0; f < reference.FrameCount; f += frameStride)
        {
            var frame = reference.Frame(f);
            for (int i = 0; i < n; i++)
                for (int j = i + minSeparation; j < n; j++)
                    distances.Add(Math.Sqrt(PositionFrames.SquaredDistance(frame, i, j)));
        }
        if (distances.Count == 0)
            throw new ArgumentException($"No bead pairs with separation >= {minSeparation} among {n} beads.", nameof(reference));
        return Quantiles.Of(distances, q);
    }

    private static int CountInFrame(ReadOnlySpan<float> frame, int n, double thresholdSquared, int minSeparation, bool stopAtFirst)
    {
        int count = 0;
        for (int i = 0; i < n; i++)
            for (int j = i + minSeparation; j < n; j++)
                if (PositionFrames.SquaredDistance(frame, i, j) < thresholdSquared)
                {
                    count++;
                    if (stopAtFirst) return count;
                }
        return count;
    }

    private static void Validate(PositionFrames trajectory, double threshold, int minSeparation)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        if (!(threshold > 0))
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "threshold must be positive.");
        if (minSeparation < 1)
            throw new ArgumentOutOfRangeException(nameof(minSeparation), minSeparation, "minSeparation must be at least 1.");
    }
}
