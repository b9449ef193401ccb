namespace MlCgMd.Analysis;

/// <summary>
/// Relaxation times with bootstrap error bars, and the pooled ACF they came from.
/// Times in the unit of dt; <see cref="Acf"/> and <see cref="AcfStandardError"/> are [MaxLag + 1], lag t at time t * dt.
/// </summary>
public sealed record RelaxationTimeSummary(
    BootstrapEstimate Integral,
    BootstrapEstimate ExponentialFit,
    BootstrapEstimate InverseE,
    RelaxationTimes Point,
    double[] Acf,
    double[] AcfStandardError,
    double Dt,
    int Segments,
    int Resamples)
{
    public BootstrapEstimate Get(RelaxationEstimator estimator) => estimator switch
    {
        RelaxationEstimator.Integral => Integral,
        RelaxationEstimator.ExponentialFit => ExponentialFit,
        RelaxationEstimator.InverseE => InverseE,
        _ => throw new ArgumentOutOfRangeException(nameof(estimator), estimator, "Unknown relaxation estimator."),
    };
}
