namespace MlCgMd.MolecularDynamics;

/// <summary>
/// Mean of a correlated time series with its standard error from block averaging: the series is
/// cut into equal consecutive blocks longer than the correlation time, whose means are ~independent.
/// </summary>
public static class BlockAverage
{
    public static (double Mean, double StandardError) Compute(ReadOnlySpan<double> series, int blocks)
    {
        if (blocks < 2 || series.Length < blocks)
            throw new ArgumentException($"Block averaging needs at least 2 blocks and one value per block (series {series.Length}, blocks {blocks}).");
        int length = series.Length / blocks;
        var means = new double[blocks];
        for (int b = 0; b < blocks; b++)
        {
            double sum = 0;
            for (int k = b * length; k < (b + 1) * length; k++)
                sum += series[k];
            means[b] = sum / length;
        }
        double mean = means.Average();
        double variance = means.Sum(m => (m - mean) * (m - mean)) / (blocks - 1);
        return (mean, Math.Sqrt(variance / blocks));
    }
}
