namespace MlCgMd.Analysis;

/// <summary>
/// Relaxation times of an observable (e.g. Rg^2) with error bars from a bootstrap over segments:
/// independent trajectories when several are given, otherwise contiguous blocks of one long series
/// (a block bootstrap; blocks must be much longer than the relaxation time, or the within-block ACF is
/// truncated and biased low). The point estimate uses the ACF pooled over all segments
/// (<see cref="PooledAutocorrelation"/>); each replicate resamples segments with replacement and re-estimates.
/// </summary>
public static class RelaxationTimeBootstrap
{
    /// <summary>Bootstrap over independent trajectories of the same system.</summary>
    /// <param name="trajectories">Each [frames] sampled every <paramref name="dt"/>.</param>
    /// <param name="dt">Time per frame.</param>
    /// <param name="maxLag">Largest ACF lag in frames; null = half the shortest trajectory.</param>
    /// <param name="resamples">Bootstrap replicates.</param>
    /// <param name="seed">Seed of the resampling, for reproducible error bars.</param>
    public static RelaxationTimeSummary FromTrajectories(
        IReadOnlyList<double[]> trajectories,
        double dt,
        int? maxLag = null,
        double fitThreshold = RelaxationTime.DefaultFitThreshold,
        int resamples = 200,
        int seed = 0)
    {
        if (resamples < 2)
            throw new ArgumentOutOfRangeException(nameof(resamples), resamples, "At least 2 bootstrap resamples are needed.");
        var pooled = new PooledAutocorrelation(trajectories, maxLag);
        var acf = pooled.Normalized();
        var point = RelaxationTime.Estimate(acf, dt, fitThreshold);

        var random = new Random(seed);
        var selection = new int[pooled.SegmentCount];
        var replicates = new RelaxationTimes[resamples];
        var acfSum = new double[acf.Length];
        var acfSquares = new double[acf.Length];
        for (int r = 0; r < resamples; r++)
        {
            for (int i = 0; i < selection.Length; i++) selection[i] = random.Next(selection.Length);
            var replicateAcf = pooled.Normalized(selection);
            for (int t = 0; t < acf.Length; t++)
            {
                acfSum[t] += replicateAcf[t];
                acfSquares[t] += replicateAcf[t] * replicateAcf[t];
            }
            replicates[r] = RelaxationTime.Estimate(replicateAcf, dt, fitThreshold);
        }

        var acfError = new double[acf.Length];
        for (int t = 0; t < acf.Length; t++)
        {
            double mean = acfSum[t] / resamples;
            acfError[t] = Math.Sqrt(Math.Max(0, (acfSquares[t] - resamples * mean * mean) / (resamples - 1)));
        }
        return new RelaxationTimeSummary(
            BootstrapEstimate.FromReplicates(point.Integral, replicates.Select(x => x.Integral)),
            BootstrapEstimate.FromReplicates(point.ExponentialFit, replicates.Select(x => x.ExponentialFit)),
            BootstrapEstimate.FromReplicates(point.InverseE, replicates.Select(x => x.InverseE)),
            point, acf, acfError, dt, pooled.SegmentCount, resamples);
    }

    /// <summary>Block bootstrap of one long series cut into <paramref name="blockCount"/> contiguous blocks.</summary>
    public static RelaxationTimeSummary FromSingleSeries(
        double[] series,
        double dt,
        int blockCount = 10,
        int? maxLag = null,
        double fitThreshold = RelaxationTime.DefaultFitThreshold,
        int resamples = 200,
        int seed = 0) =>
        FromTrajectories(SplitIntoBlocks(series, blockCount), dt, maxLag, fitThreshold, resamples, seed);

    /// <summary>Contiguous equal blocks, each [series.Length / blockCount]; the remainder at the end is dropped.</summary>
    public static double[][] SplitIntoBlocks(double[] series, int blockCount)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (blockCount < 2)
            throw new ArgumentOutOfRangeException(nameof(blockCount), blockCount, "blockCount must be at least 2.");
        int length = series.Length / blockCount;
        if (length < 2)
            throw new ArgumentException($"series has {series.Length} values, too few for {blockCount} blocks of at least 2.", nameof(series));
        var blocks = new double[blockCount][];
        for (int b = 0; b < blockCount; b++)
            blocks[b] = series.AsSpan(b * length, length).ToArray();
        return blocks;
    }
}
