namespace MlCgMd.Analysis;

/// <summary>
/// Normalised autocorrelation of one series, C(t) = &lt;dx(0) dx(t)&gt; / &lt;dx^2&gt;, dx = x - mean,
/// with the unbiased 1/(N - t) normalisation of each lag (GROMACS correlation-module convention).
/// Lags are in frames; multiply by dt for time.
/// </summary>
public static class Autocorrelation
{
    /// <summary>C(t), t = 0..maxLag, via zero-padded FFT in O(N log N).</summary>
    /// <param name="series">[frames] values sampled every dt.</param>
    /// <param name="maxLag">Largest lag in frames; null = N / 2.</param>
    public static double[] Normalized(double[] series, int? maxLag = null) =>
        new PooledAutocorrelation([series], maxLag).Normalized();

    /// <summary>The same estimator by the direct O(N * maxLag) sum; the reference for the FFT path.</summary>
    public static double[] NormalizedDirect(double[] series, int? maxLag = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        int n = series.Length;
        if (n < 2)
            throw new ArgumentException($"series has {n} values; at least 2 are needed.", nameof(series));
        int lags = maxLag ?? n / 2;
        if (lags < 0 || lags > n - 1)
            throw new ArgumentOutOfRangeException(nameof(maxLag), maxLag, $"maxLag must be in [0, {n - 1}].");
        double mean = series.Average();
        var acf = new double[lags + 1];
        for (int t = 0; t <= lags; t++)
        {
            double sum = 0;
            for (int i = 0; i + t < n; i++)
                sum += (series[i] - mean) * (series[i + t] - mean);
            acf[t] = sum / (n - t);
        }
        if (!(acf[0] > 0))
            throw new ArgumentException("series has zero variance; its autocorrelation is undefined.", nameof(series));
        double variance = acf[0];
        for (int t = 0; t <= lags; t++) acf[t] /= variance;
        return acf;
    }
}
