namespace MlCgMd.MolecularDynamics;

/// <summary>
/// Relaxation time of a stationary series as the integral of its normalised autocorrelation
/// function, truncated at the first zero crossing (a simple estimator, used to characterise
/// how fast Rg^2 decorrelates; the analysis stage has finer estimators).
/// </summary>
public static class IntegratedAutocorrelationTime
{
    /// <param name="series">samples spaced by <paramref name="interval"/> (tau)</param>
    /// <returns>relaxation time in tau; at least interval/2 (the trapezoid of a single lag)</returns>
    public static double Compute(ReadOnlySpan<double> series, double interval)
    {
        int n = series.Length;
        if (n < 4)
            throw new ArgumentException($"An autocorrelation time needs at least 4 samples (got {n}).");
        double mean = 0;
        foreach (double x in series) mean += x;
        mean /= n;
        double variance = 0;
        foreach (double x in series) variance += (x - mean) * (x - mean);
        variance /= n;
        if (variance == 0) return 0.5 * interval;
        double integral = 0.5; // trapezoid: half of C(0) = 1
        for (int lag = 1; lag < n / 2; lag++)
        {
            double sum = 0;
            for (int k = 0; k + lag < n; k++)
                sum += (series[k] - mean) * (series[k + lag] - mean);
            double c = sum / ((n - lag) * variance);
            if (c <= 0) break;
            integral += c;
        }
        return integral * interval;
    }
}
