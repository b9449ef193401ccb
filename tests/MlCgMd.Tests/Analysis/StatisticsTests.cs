using MlCgMd.Analysis;
using MlCgMd.MolecularDynamics;

namespace MlCgMd.Tests.Analysis;

public class StatisticsTests
{
    /// <summary>AR(1) series x' = a x + noise has ACF a^k, so the trapezoid integral is 1/(1-a) - 1/2 intervals.</summary>
    [Fact]
    public void Autocorrelation_time_of_an_ar1_process_matches_its_analytic_value()
    {
        const double a = 0.9;
        var random = new GaussianRandom(3);
        var series = new double[400_000];
        for (int k = 1; k < series.Length; k++)
            series[k] = a * series[k - 1] + random.NextGaussian();
        double expected = 1 / (1 - a) - 0.5;
        double integral = RelaxationTime.IntegralToFirstZero(Autocorrelation.Normalized(series), 1.0, out bool reachedZero);
        Assert.True(reachedZero);
        Assert.Equal(expected, integral, expected * 0.1);
    }

    [Fact]
    public void Block_standard_error_of_white_noise_is_sigma_over_root_n()
    {
        var random = new GaussianRandom(4);
        double[] series = Enumerable.Range(0, 100_000).Select(_ => 2.0 + random.NextGaussian()).ToArray();
        var (mean, error) = BlockAveraging.WithBlocks(series, 50);
        Assert.Equal(2.0, mean, 0.02);
        Assert.InRange(error, 0.7 / Math.Sqrt(series.Length), 1.3 / Math.Sqrt(series.Length));
    }
}
