using MlCgMd.Analysis;

namespace MlCgMd.Tests.Analysis;

public class BlockAveragingTests
{
    [Fact]
    public void Standard_error_of_an_iid_series_is_sigma_over_sqrt_n()
    {
        const int n = 1 << 16;
        var series = SyntheticSeries.Gaussian(n, seed: 9);
        var result = BlockAveraging.Analyse(series);
        Assert.True(result.Converged);
        Assert.InRange(result.StandardError, 0.9 / Math.Sqrt(n), 1.1 / Math.Sqrt(n));
    }

    [Fact]
    public void Correlated_series_error_grows_to_the_integrated_correlation_time_value()
    {
        // AR(1) with phi: the SE of the mean is sigma * sqrt((1 + phi) / (1 - phi) / n).
        const int n = 1 << 18;
        const double tau = 10;
        double phi = Math.Exp(-1 / tau);
        var series = SyntheticSeries.OrnsteinUhlenbeck(n, tau, dt: 1, seed: 13);
        var result = BlockAveraging.Analyse(series);
        double expected = Math.Sqrt((1 + phi) / (1 - phi) / n);
        Assert.True(result.Converged);
        Assert.InRange(result.StandardError, 0.85 * expected, 1.15 * expected);
        Assert.True(result.StandardError > 3 * result.Levels[0].StandardError);
    }
}
