using System.Text.Json.Serialization;

namespace MlCgMd.Analysis;

/// <summary>
/// Relaxation times with bootstrap error bars, and the pooled ACF they came from.
/// Times in the unit of dt; <see cref="Acf"/> and <see cref="AcfStandardError"/> are [MaxLag + 1], lag t at time t * dt.
/// </summary>
public sealed record RelaxationTimeSummary(
    [property: JsonPropertyName("integral")] BootstrapEstimate Integral,
    [property: JsonPropertyName("exponential_fit")] BootstrapEstimate ExponentialFit,
    [property: JsonPropertyName("inverse_e")] BootstrapEstimate InverseE,
    [property: JsonPropertyName("point")] RelaxationTimes Point,
    [property: JsonPropertyName("acf")] double[] Acf,
    [property: JsonPropertyName("acf_standard_error")] double[] AcfStandardError,
    [property: JsonPropertyName("dt")] double Dt,
    [property: JsonPropertyName("segments")] int Segments,
    [property: JsonPropertyName("resamples")] int Resamples)
{
    public BootstrapEstimate Get(RelaxationEstimator estimator) => estimator switch
    {
        RelaxationEstimator.Integral => Integral,
        RelaxationEstimator.ExponentialFit => ExponentialFit,
        RelaxationEstimator.InverseE => InverseE,
        _ => throw new ArgumentOutOfRangeException(nameof(estimator), estimator, "Unknown relaxation estimator."),
    };
}
