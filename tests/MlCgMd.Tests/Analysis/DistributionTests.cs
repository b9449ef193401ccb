using MlCgMd.Analysis;

namespace MlCgMd.Tests.Analysis;

public class DistributionTests
{
    [Fact]
    public void Wasserstein_distance_of_a_shifted_sample_is_the_shift()
    {
        var sample = SyntheticSeries.Gaussian(1000, seed: 4);
        var shifted = sample.Select(v => v + 0.75).ToArray();
        Assert.Equal(0.75, EmpiricalDistance.Wasserstein1(sample, shifted), 10);
        Assert.Equal(0.0, EmpiricalDistance.Wasserstein1(sample, sample), 12);
    }

    [Fact]
    public void Wasserstein_and_KS_of_samples_of_different_sizes_match_the_hand_computation()
    {
        // F_a steps 1/2 at 0 and 2; F_b steps 1 at 1. |F_a - F_b| = 1/2 on [0, 1) and 1/2 on [1, 2).
        var (w1, ks) = EmpiricalDistance.Compare([0.0, 2.0], [1.0]);
        Assert.Equal(1.0, w1, 12);
        Assert.Equal(0.5, ks, 12);
        Assert.Equal(1.0, EmpiricalDistance.KolmogorovSmirnov([0.0, 1.0], [5.0, 6.0, 7.0]), 12);
    }

    [Fact]
    public void Shared_histograms_normalise_to_unit_area_and_use_common_bins()
    {
        var ml = SyntheticSeries.Gaussian(3000, seed: 1);
        var md = SyntheticSeries.Gaussian(500, seed: 2).Select(v => v + 1).ToArray();
        var edges = Histogram.SharedEdges(30, ml, md);
        var a = Histogram.Compute(ml, edges);
        var b = Histogram.Compute(md, edges);
        Assert.Equal(ml.Length, a.Counts.Sum());
        Assert.Equal(md.Length, b.Counts.Sum());
        double width = edges[1] - edges[0];
        Assert.Equal(1.0, a.Density.Sum() * width, 10);
        Assert.Equal(1.0, b.Density.Sum() * width, 10);
        Assert.Equal(edges.Min(), Math.Min(ml.Min(), md.Min()));
    }

    [Fact]
    public void Histogram_puts_edge_values_in_the_right_bins_and_counts_outliers()
    {
        var histogram = Histogram.Compute([0.0, 0.5, 1.0, 2.0, 3.0, -1.0], [0.0, 1.0, 2.0]);
        Assert.Equal([2L, 2L], histogram.Counts);
        Assert.Equal(2, histogram.Outside);
        Assert.Equal([0.5, 1.5], histogram.Centers());
    }

    [Fact]
    public void Quantile_interpolates_between_order_statistics()
    {
        Assert.Equal(2.5, Quantiles.Of([4.0, 1.0, 3.0, 2.0], 0.5), 12);
        Assert.Equal(1.0, Quantiles.Of([4.0, 1.0, 3.0, 2.0], 0.0), 12);
        Assert.Equal(1.3, Quantiles.Of([4.0, 1.0, 3.0, 2.0], 0.1), 12);
    }

    [Fact]
    public void Comparison_of_a_shifted_sample_reports_the_shift_and_shared_bins()
    {
        var reference = SyntheticSeries.Gaussian(2000, seed: 12);
        var predicted = reference.Select(v => 2 * v + 0.5).ToArray();
        var comparison = DistributionComparison.Compute(reference, predicted, bins: 20);
        Assert.Equal(comparison.Reference.Edges, comparison.Predicted.Edges);
        Assert.Equal(2 * comparison.ReferenceStandardDeviation, comparison.PredictedStandardDeviation, 10);
        Assert.Equal(2 * comparison.ReferenceMean + 0.5, comparison.PredictedMean, 10);
        Assert.Equal(EmpiricalDistance.Wasserstein1(reference, predicted), comparison.Wasserstein1, 12);
        Assert.Equal(0, comparison.Reference.Outside + comparison.Predicted.Outside);
    }
}
