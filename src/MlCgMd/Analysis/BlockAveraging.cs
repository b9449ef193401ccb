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
/// </summary>
public static class BlockAveraging
{
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
            double m = current.Average();
            double variance = current.Sum(x => (x - m) * (x - m)) / count;
            double se = Math.Sqrt(variance / (count - 1));
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
