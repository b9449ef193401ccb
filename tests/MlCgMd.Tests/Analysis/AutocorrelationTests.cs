using MlCgMd.Analysis;

namespace MlCgMd.Tests.Analysis;

public class AutocorrelationTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(37)]
    [InlineData(1000)]
    public void Fft_acf_equals_the_direct_sum(int seed)
    {
        var series = SyntheticSeries.OrnsteinUhlenbeck(500 + seed % 7, tau: 5, dt: 1, seed, mean: 40);
        var fast = Autocorrelation.Normalized(series, maxLag: 300);
        var direct = Autocorrelation.NormalizedDirect(series, maxLag: 300);
        Assert.Equal(direct.Length, fast.Length);
        for (int t = 0; t < fast.Length; t++)
            Assert.Equal(direct[t], fast[t], 10);
    }

    [Fact]
    public void Pooled_acf_of_one_segment_equals_the_single_series_acf_and_pairs_never_cross_segments()
    {
        var a = SyntheticSeries.OrnsteinUhlenbeck(200, tau: 3, dt: 1, seed: 5);
        var b = SyntheticSeries.OrnsteinUhlenbeck(150, tau: 3, dt: 1, seed: 6);
        var pooled = new PooledAutocorrelation([a, b], maxLag: 20).Normalized();

        // Independent check: the definition with the pooled mean and per-segment pairs.
        double mean = a.Concat(b).Average();
        var expected = new double[21];
        for (int t = 0; t <= 20; t++)
        {
            double sum = 0;
            foreach (var s in new[] { a, b })
                for (int i = 0; i + t < s.Length; i++) sum += (s[i] - mean) * (s[i + t] - mean);
            expected[t] = sum / (a.Length + b.Length - 2 * t);
        }
        for (int t = 0; t <= 20; t++)
            Assert.Equal(expected[t] / expected[0], pooled[t], 10);
    }

    [Fact]
    public void Constant_series_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => Autocorrelation.Normalized(Enumerable.Repeat(3.0, 64).ToArray()));
    }

    [Fact]
    public void Estimators_recover_the_relaxation_time_of_an_Ornstein_Uhlenbeck_series_within_5_percent()
    {
        const double dt = 0.5, tau = 5.0; // 10 frames per relaxation time
        var series = SyntheticSeries.OrnsteinUhlenbeck(400_000, tau, dt, seed: 11, mean: 100);
        var acf = Autocorrelation.Normalized(series, maxLag: 400);
        var times = RelaxationTime.Estimate(acf, dt);
        Assert.True(times.IntegralReachedZero);
        Assert.InRange(times.Integral, 0.95 * tau, 1.05 * tau);
        Assert.InRange(times.ExponentialFit, 0.95 * tau, 1.05 * tau);
        Assert.InRange(times.InverseE, 0.95 * tau, 1.05 * tau);
    }

    [Fact]
    public void Estimators_are_exact_on_an_exact_exponential()
    {
        const double dt = 0.1, tau = 2.0;
        var acf = Enumerable.Range(0, 200).Select(t => Math.Exp(-t * dt / tau)).ToArray();
        var times = RelaxationTime.Estimate(acf, dt);
        Assert.Equal(tau, times.ExponentialFit, 9);
        // Linear interpolation of exp between samples overshoots the 1/e time by < dt^2 / (8 tau).
        Assert.Equal(tau, times.InverseE, 2);
        // No zero crossing: the whole trapezoid integral, tau (1 - e^-10) plus the trapezoid's O(dt^2/tau) excess.
        Assert.False(times.IntegralReachedZero);
        Assert.Equal(tau * (1 - Math.Exp(-199 * dt / tau)), times.Integral, 2);
    }

    [Fact]
    public void Integral_stops_at_the_interpolated_first_zero_crossing()
    {
        double[] acf = [1.0, 0.5, -0.5, 0.8];
        // Trapezoid 0..1 = 0.75, then the triangle up to the zero at t = 1.5: 0.5 * 0.5 * 0.5.
        double integral = RelaxationTime.IntegralToFirstZero(acf, dt: 2.0, out bool reachedZero);
        Assert.True(reachedZero);
        Assert.Equal(2.0 * (0.75 + 0.125), integral, 12);
    }

    [Fact]
    public void Bootstrap_over_trajectories_brackets_the_true_relaxation_time()
    {
        const double dt = 1, tau = 4;
        var trajectories = Enumerable.Range(0, 8).Select(s => SyntheticSeries.OrnsteinUhlenbeck(20_000, tau, dt, seed: 100 + s)).ToArray();
        var summary = RelaxationTimeBootstrap.FromTrajectories(trajectories, dt, maxLag: 200, resamples: 100, seed: 3);
        foreach (var estimator in Enum.GetValues<RelaxationEstimator>())
        {
            var estimate = summary.Get(estimator);
            Assert.True(estimate.StandardError > 0 && estimate.StandardError < 0.1 * tau, $"{estimator}: SE {estimate.StandardError}");
            Assert.InRange(tau, estimate.Value - 4 * estimate.StandardError, estimate.Value + 4 * estimate.StandardError);
        }
        Assert.Equal(201, summary.AcfStandardError.Length);
        Assert.Equal(0, summary.AcfStandardError[0], 12);
    }

    [Fact]
    public void Block_bootstrap_of_one_series_gives_a_consistent_error_bar()
    {
        var series = SyntheticSeries.OrnsteinUhlenbeck(100_000, tau: 3, dt: 1, seed: 21);
        var summary = RelaxationTimeBootstrap.FromSingleSeries(series, dt: 1, blockCount: 10, maxLag: 100, resamples: 100);
        Assert.Equal(10, summary.Segments);
        foreach (var estimator in Enum.GetValues<RelaxationEstimator>())
        {
            var estimate = summary.Get(estimator);
            Assert.True(estimate.StandardError > 0 && estimate.StandardError < 0.1 * 3, $"{estimator}: SE {estimate.StandardError}");
            Assert.InRange(3.0, estimate.Value - 3 * estimate.StandardError, estimate.Value + 3 * estimate.StandardError);
            Assert.InRange(estimate.Value, estimate.Lower95, estimate.Upper95);
        }
    }

    [Fact]
    public void Shorter_reference_prefixes_give_one_row_per_fraction()
    {
        var series = SyntheticSeries.OrnsteinUhlenbeck(200_000, tau: 2, dt: 1, seed: 8);
        var rows = ReferenceLengthBaseline.Compute(series, dt: 1);
        Assert.Equal([0.01, 0.1, 0.5, 1.0], rows.Select(r => r.Fraction));
        Assert.Equal([2_000, 20_000, 100_000, 200_000], rows.Select(r => r.Frames));
        Assert.InRange(rows[^1].Times.ExponentialFit, 1.9, 2.1);
        Assert.Equal(2_000.0, rows[0].Duration);
    }
}
