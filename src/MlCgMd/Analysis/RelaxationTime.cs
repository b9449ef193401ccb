namespace MlCgMd.Analysis;

/// <summary>
/// Relaxation time estimators on a normalised ACF C(t) (C(0) = 1, lag t in frames, time = t * dt),
/// following the GROMACS correlation module's integrate / expfit options plus a 1/e crossing.
/// </summary>
public static class RelaxationTime
{
    /// <summary>Default lower bound of C(t) for the exponential-fit window.</summary>
    public const double DefaultFitThreshold = 0.1;

    /// <summary>All three estimators.</summary>
    /// <param name="acf">[lags + 1] normalised ACF with acf[0] = 1.</param>
    /// <param name="dt">Time per frame (e.g. tau); must be positive.</param>
    /// <param name="fitThreshold">The fit uses lags 1..L, L the last lag before C first drops below this (0 &lt; threshold &lt; 1).</param>
    public static RelaxationTimes Estimate(ReadOnlySpan<double> acf, double dt, double fitThreshold = DefaultFitThreshold)
    {
        double integral = IntegralToFirstZero(acf, dt, out bool reachedZero);
        double fit = ExponentialFit(acf, dt, out int fitLags, fitThreshold);
        return new RelaxationTimes(integral, fit, InverseECrossing(acf, dt), reachedZero, fitLags);
    }

    /// <summary>
    /// Trapezoid integral of C(t) dt from 0 to the first zero crossing, the crossing located by linear
    /// interpolation. Without a crossing the whole ACF is integrated and <paramref name="reachedZero"/> is false.
    /// </summary>
    public static double IntegralToFirstZero(ReadOnlySpan<double> acf, double dt, out bool reachedZero)
    {
        Validate(acf, dt);
        double area = 0;
        for (int t = 1; t < acf.Length; t++)
        {
            if (acf[t] <= 0)
            {
                double fraction = acf[t - 1] / (acf[t - 1] - acf[t]);
                area += 0.5 * acf[t - 1] * fraction;
                reachedZero = true;
                return area * dt;
            }
            area += 0.5 * (acf[t - 1] + acf[t]);
        }
        reachedZero = false;
        return area * dt;
    }

    /// <summary>
    /// One-parameter least squares of exp(-t dt / tau) to C(t) (on C itself, as GROMACS's expfit, not on ln C),
    /// over lags 1..L where C stays at or above <paramref name="fitThreshold"/> (at least lag 1 when C(1) &gt; 0).
    /// Solved by Gauss-Newton in the rate 1/tau, started from the log-linear fit through the origin.
    /// </summary>
    public static double ExponentialFit(ReadOnlySpan<double> acf, double dt, out int fitLags, double fitThreshold = DefaultFitThreshold)
    {
        Validate(acf, dt);
        if (!(fitThreshold > 0 && fitThreshold < 1))
            throw new ArgumentOutOfRangeException(nameof(fitThreshold), fitThreshold, "fitThreshold must be in (0, 1).");
        fitLags = 0;
        if (acf.Length < 2 || acf[1] <= 0) return double.NaN;
        int last = 1;
        while (last + 1 < acf.Length && acf[last + 1] >= fitThreshold) last++;
        fitLags = last;

        double sumTT = 0, sumTLogC = 0;
        for (int t = 1; t <= last; t++)
        {
            sumTT += (double)t * t;
            sumTLogC += t * Math.Log(acf[t]);
        }
        double rate = -sumTLogC / sumTT; // per frame
        if (!(rate > 0)) return double.NaN;

        for (int iteration = 0; iteration < 100; iteration++)
        {
            double numerator = 0, denominator = 0;
            for (int t = 1; t <= last; t++)
            {
                double model = Math.Exp(-rate * t);
                double jacobian = -t * model;
                numerator += jacobian * (acf[t] - model);
                denominator += jacobian * jacobian;
            }
            double step = numerator / denominator;
            double next = rate + step;
            if (next <= 0) next = rate / 2; // stay in the physical (decaying) domain
            bool converged = Math.Abs(next - rate) <= 1e-12 * rate;
            rate = next;
            if (converged) break;
        }
        return dt / rate;
    }

    /// <summary>First time C(t) falls below 1/e, linearly interpolated between lags; NaN if it never does.</summary>
    public static double InverseECrossing(ReadOnlySpan<double> acf, double dt)
    {
        Validate(acf, dt);
        double target = Math.Exp(-1);
        for (int t = 1; t < acf.Length; t++)
        {
            if (acf[t] < target)
            {
                double fraction = (acf[t - 1] - target) / (acf[t - 1] - acf[t]);
                return (t - 1 + fraction) * dt;
            }
        }
        return double.NaN;
    }

    private static void Validate(ReadOnlySpan<double> acf, double dt)
    {
        if (acf.IsEmpty)
            throw new ArgumentException("acf is empty.", nameof(acf));
        if (Math.Abs(acf[0] - 1) > 1e-9)
            throw new ArgumentException($"acf[0] = {acf[0]}; a normalised ACF starts at 1.", nameof(acf));
        if (!(dt > 0) || !double.IsFinite(dt))
            throw new ArgumentOutOfRangeException(nameof(dt), dt, "dt (time per frame) must be positive and finite.");
    }
}
