using System.Text.Json.Serialization;

namespace MlCgMd.Analysis;

/// <summary>
/// A point estimate with its bootstrap standard error and 95% percentile interval
/// (Lower95, Upper95 = 2.5% and 97.5% quantiles of the replicates). NaN where the replicates could not tell.
/// </summary>
public sealed record BootstrapEstimate(
    [property: JsonPropertyName("value")] double Value,
    [property: JsonPropertyName("standard_error")] double StandardError,
    [property: JsonPropertyName("lower95")] double Lower95,
    [property: JsonPropertyName("upper95")] double Upper95)
{
    /// <summary>Summarises finite replicates (non-finite ones are the estimator failing on that resample and are skipped).</summary>
    internal static BootstrapEstimate FromReplicates(double value, IEnumerable<double> replicates)
    {
        var finite = replicates.Where(double.IsFinite).ToArray();
        if (finite.Length < 2)
            return new BootstrapEstimate(value, double.NaN, double.NaN, double.NaN);
        double mean = finite.Average();
        double variance = finite.Sum(r => (r - mean) * (r - mean)) / (finite.Length - 1);
        return new BootstrapEstimate(value, Math.Sqrt(variance), Quantiles.Of(finite, 0.025), Quantiles.Of(finite, 0.975));
    }
}
