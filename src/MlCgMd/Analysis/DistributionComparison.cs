namespace MlCgMd.Analysis;

/// <summary>
/// A predicted sample (e.g. Rg^2 over a learned rollout) against a reference sample (reference MD):
/// histograms on shared bins, summary moments and the exact W1 / KS distances. Values keep their unit;
/// densities are in 1 / unit.
/// </summary>
public sealed record DistributionComparison(
    Histogram Reference,
    Histogram Predicted,
    double ReferenceMean,
    double ReferenceStandardDeviation,
    double PredictedMean,
    double PredictedStandardDeviation,
    double Wasserstein1,
    double KolmogorovSmirnov)
{
    /// <param name="reference">[n] reference values.</param>
    /// <param name="predicted">[m] predicted values.</param>
    /// <param name="bins">Number of shared bins spanning both samples.</param>
    public static DistributionComparison Compute(IReadOnlyList<double> reference, IReadOnlyList<double> predicted, int bins = 50)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(predicted);
        var (w1, ks) = EmpiricalDistance.Compare(reference, predicted);
        var edges = Histogram.SharedEdges(bins, reference, predicted);
        return new DistributionComparison(
            Histogram.Compute(reference, edges),
            Histogram.Compute(predicted, edges),
            reference.Average(), StandardDeviation(reference),
            predicted.Average(), StandardDeviation(predicted),
            w1, ks);
    }

    /// <summary>Sample standard deviation (n - 1); 0 for a single value.</summary>
    private static double StandardDeviation(IReadOnlyList<double> values)
    {
        if (values.Count < 2) return 0;
        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
    }
}
