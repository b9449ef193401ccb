namespace MlCgMd.Analysis;

/// <summary>The three ways a relaxation time is read off a normalised ACF (see <see cref="RelaxationTime"/>).</summary>
public enum RelaxationEstimator
{
    /// <summary>Trapezoid integral of C(t) from 0 to its first zero crossing.</summary>
    Integral,

    /// <summary>Least-squares fit of exp(-t / tau) to C(t) over the early lags (C above a threshold).</summary>
    ExponentialFit,

    /// <summary>Time at which C(t) first falls below 1/e, by linear interpolation.</summary>
    InverseE,
}
