using System.Text.Json.Serialization;

namespace MlCgMd.Analysis;

/// <summary>
/// Relaxation times of one ACF by the three estimators, in time units (lag in frames times dt).
/// A value is NaN when its estimator is undefined on this ACF (no 1/e crossing within the lags, or C(1) &lt;= 0 for the fit).
/// </summary>
/// <param name="Integral">Integral of C(t) up to its first zero crossing.</param>
/// <param name="ExponentialFit">tau of the fitted exp(-t / tau).</param>
/// <param name="InverseE">First time C(t) = 1/e.</param>
/// <param name="IntegralReachedZero">False when C(t) stayed positive over all lags: the integral is then a lower bound.</param>
/// <param name="FitLags">Number of lags (excluding t = 0) used by the exponential fit.</param>
public sealed record RelaxationTimes(
    [property: JsonPropertyName("integral")] double Integral,
    [property: JsonPropertyName("exponential_fit")] double ExponentialFit,
    [property: JsonPropertyName("inverse_e")] double InverseE,
    [property: JsonPropertyName("integral_reached_zero")] bool IntegralReachedZero,
    [property: JsonPropertyName("fit_lags")] int FitLags)
{
    public double Get(RelaxationEstimator estimator) => estimator switch
    {
        RelaxationEstimator.Integral => Integral,
        RelaxationEstimator.ExponentialFit => ExponentialFit,
        RelaxationEstimator.InverseE => InverseE,
        _ => throw new ArgumentOutOfRangeException(nameof(estimator), estimator, "Unknown relaxation estimator."),
    };
}
