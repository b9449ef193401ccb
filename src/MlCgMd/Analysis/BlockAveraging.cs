namespace MlCgMd.Analysis;

/// <summary>One blocking level: the series averaged in blocks of <see cref="BlockSize"/> frames.</summary>
/// <param name="StandardError">Naive standard error of the mean treating the blocks as independent.</param>
/// <param name="StandardErrorUncertainty">Its own statistical error, SE / sqrt(2 (blocks - 1)).</param>
public sealed record BlockLevel(int Level, int BlockSize, int BlockCount, double StandardError, double StandardErrorUncertainty);

/// <summary>Mean of a correlated series with its standard error from block averaging.</summary>
/// <param name="OptimalLevel">Index into <see cref="Levels"/> of the chosen level.</param>
/// <param name="Converged">False when no level met the criterion: the series is too short for its correlation
/// time and <see cref="StandardError"/> (then from the last level with at least 2 blocks) is likely an underestimate.</param>
public sealed record BlockAverageResult(double Mean, double StandardError, int OptimalLevel, bool Converged, IReadOnlyList<BlockLevel> Levels);

/// <summary>
/// Flyvbjerg-Petersen blocking (J. Chem. Phys. 91, 461, 1989): repeatedly average neighbouring pairs; the naive
/// standard error grows with the block size until blocks are uncorrelated, then plateaus. The plateau level is
/// the smallest block size B with B^3 &gt; 2 n (SE_B / SE_1)^4 (Wolff 2004; Lee et al. 2011), n the series length.
/// <see cref="WithBlocks"/> gives the same estimate for a block count chosen by the caller.
/// </summary>
public static class BlockAveraging
{
    /// <summary>
    /// Mean of <paramref name="blocks"/> equal consecutive blocks (a remainder shorter than a block is left out)
    /// and the standard error of that mean, treating the block means as independent.
    /// </summary>
    public static (double Mean, double StandardError) WithBlocks(ReadOnlySpan<double> series, int blocks)
    {
        if (blocks < 2 || series.Length < blocks)
            throw new ArgumentException($"block averaging needs at least 2 blocks and one value per block (series {series.Length}, blocks {blocks}).");
        int length = series.Length / blocks;
        var means = new double[blocks];
        for (int b = 0; b < blocks; b++)
        {
            double sum = 0;
            for (int k = b * length; k < (b + 1) * length; k++) sum += series[k];
            means[b] = sum / length;
        }
        return (means.Average(), StandardErrorOfMean(means));
    }

    /// <summary>sqrt(Σ (x − mean)² / (n (n − 1))): the naive standard error of the mean of n values.</summary>
    private static double StandardErrorOfMean(double[] values)
    {
        int count = values.Length;
        double m = values.Average();
        double variance = values.Sum(x => (x - m) * (x - m)) / count;
        return Math.Sqrt(variance / (count - 1));
    }

    public static BlockAverageResult Analyse(ReadOnlySpan<double> series)
    {
        int n = series.Length;
        if (n < 4)
            throw new ArgumentException($"series has {n} values; block averaging needs at least 4.", nameof(series));
        var current = series.ToArray();
        double mean = current.Average();
        var levels = new List<BlockLevel>();
        int blockSize = 1;
        while (current.Length >= 2)
        {
            int count = current.Length;
            double se = StandardErrorOfMean(current);
            levels.Add(new BlockLevel(levels.Count, blockSize, count, se, se / Math.Sqrt(2.0 * (count - 1))));

            var next = new double[count / 2];
            for (int i = 0; i < next.Length; i++) next[i] = 0.5 * (current[2 * i] + current[2 * i + 1]);
            current = next;
            blockSize *= 2;
        }

        double baseError = levels[0].StandardError;
        if (baseError == 0)
            return new BlockAverageResult(mean, 0, 0, true, levels);
        foreach (var level in levels)
        {
            double ratio = level.StandardError / baseError;
            if (Math.Pow(level.BlockSize, 3) > 2.0 * n * Math.Pow(ratio, 4))
                return new BlockAverageResult(mean, level.StandardError, level.Level, true, levels);
        }
        var last = levels[^1];
        return new BlockAverageResult(mean, last.StandardError, last.Level, false, levels);
    }
}
