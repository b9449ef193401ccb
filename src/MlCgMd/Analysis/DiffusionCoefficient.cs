using System.Text.Json.Serialization;

namespace MlCgMd.Analysis;

/// <summary>
/// A self-diffusion coefficient from the linear regime of the MSD: the least-squares slope of
/// MSD(t) = 6 D t + b over lags FitStart..FitEnd (in time units), for the particle average (Value)
/// and for every particle on its own; StandardError is the standard deviation of the per-particle
/// slopes over sqrt(Particles) (particles treated as independent). Units: length^2 / time.
/// </summary>
public sealed record DiffusionCoefficient(
    [property: JsonPropertyName("value")] double Value,
    [property: JsonPropertyName("standard_error")] double StandardError,
    [property: JsonPropertyName("particles")] int Particles,
    [property: JsonPropertyName("fit_start")] double FitStart,
    [property: JsonPropertyName("fit_end")] double FitEnd)
{
    /// <summary>Default window: lags from a tenth to a half of the trajectory (past the caging, with many time origins left).</summary>
    public const double DefaultStartFraction = 0.1, DefaultEndFraction = 0.5;

    /// <param name="perParticle">[particles, lags + 1] MSD of each particle (<see cref="MeanSquaredDisplacement.PerParticle"/>)</param>
    /// <param name="frameInterval">time between frames</param>
    /// <param name="startLag">first lag of the fit window (frames), at least 1</param>
    /// <param name="endLag">last lag of the fit window (frames), at most the largest lag</param>
    public static DiffusionCoefficient Fit(double[,] perParticle, double frameInterval, int startLag, int endLag)
    {
        int n = perParticle.GetLength(0), lags = perParticle.GetLength(1) - 1;
        if (n == 0) throw new ArgumentException("no particles to fit a diffusion coefficient to");
        if (startLag < 1 || endLag > lags || endLag - startLag < 1)
            throw new ArgumentOutOfRangeException(nameof(startLag), $"fit window {startLag}..{endLag} must hold two lags or more within 1..{lags}");
        var slopes = new double[n];
        var average = MeanSquaredDisplacement.Average(perParticle);
        for (int s = 0; s < n; s++)
        {
            var row = new double[lags + 1];
            for (int k = 0; k <= lags; k++) row[k] = perParticle[s, k];
            slopes[s] = Slope(row, frameInterval, startLag, endLag) / 6.0;
        }
        double value = Slope(average, frameInterval, startLag, endLag) / 6.0;
        double mean = slopes.Average();
        double error = n > 1 ? Math.Sqrt(slopes.Sum(d => (d - mean) * (d - mean)) / (n - 1) / n) : double.NaN;
        return new DiffusionCoefficient(value, error, n, startLag * frameInterval, endLag * frameInterval);
    }

    /// <summary>The fit over the default window of a trajectory with <paramref name="frames"/> frames.</summary>
    public static DiffusionCoefficient FitDefaultWindow(double[,] perParticle, double frameInterval, int frames)
    {
        int start = Math.Max(1, (int)Math.Round(DefaultStartFraction * (frames - 1)));
        int end = Math.Min(perParticle.GetLength(1) - 1, Math.Max(start + 1, (int)Math.Round(DefaultEndFraction * (frames - 1))));
        return Fit(perParticle, frameInterval, start, end);
    }

    private static double Slope(double[] msd, double dt, int start, int end)
    {
        double n = end - start + 1, sumT = 0, sumY = 0, sumTT = 0, sumTY = 0;
        for (int k = start; k <= end; k++)
        {
            double t = k * dt;
            sumT += t; sumY += msd[k]; sumTT += t * t; sumTY += t * msd[k];
        }
        return (n * sumTY - sumT * sumY) / (n * sumTT - sumT * sumT);
    }
}
