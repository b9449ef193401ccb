namespace MlCgMd.Tests.Analysis;

/// <summary>Seeded random series with known statistics for the analysis specifications.</summary>
internal static class SyntheticSeries
{
    public static double[] Gaussian(int length, int seed)
    {
        var random = new Random(seed);
        var values = new double[length];
        for (int i = 0; i < length; i++) values[i] = StandardNormal(random);
        return values;
    }

    /// <summary>
    /// Stationary AR(1), x_{n+1} = phi x_n + sqrt(1 - phi^2) xi_n with phi = exp(-dt / tau): the sampled
    /// Ornstein-Uhlenbeck process, whose ACF is exactly exp(-t / tau).
    /// </summary>
    public static double[] OrnsteinUhlenbeck(int length, double tau, double dt, int seed, double mean = 0)
    {
        var random = new Random(seed);
        double phi = Math.Exp(-dt / tau);
        double noise = Math.Sqrt(1 - phi * phi);
        var values = new double[length];
        double x = StandardNormal(random);
        for (int i = 0; i < length; i++)
        {
            values[i] = mean + x;
            x = phi * x + noise * StandardNormal(random);
        }
        return values;
    }

    private static double StandardNormal(Random random)
    {
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
