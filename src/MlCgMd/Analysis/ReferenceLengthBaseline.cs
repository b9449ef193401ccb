using System.Text.Json.Serialization;

namespace MlCgMd.Analysis;

/// <summary>
/// One row of the "reference MD of shorter length" baseline: relaxation times estimated from the first
/// <see cref="Fraction"/> of the reference series, as if only that much MD had been run.
/// </summary>
/// <param name="Fraction">Share of the full reference series used, in (0, 1].</param>
/// <param name="Frames">Frames in the prefix.</param>
/// <param name="Duration">Simulated time of the prefix, Frames * dt.</param>
public sealed record ReferenceLengthRow(
    [property: JsonPropertyName("fraction")] double Fraction,
    [property: JsonPropertyName("frames")] int Frames,
    [property: JsonPropertyName("duration")] double Duration,
    [property: JsonPropertyName("times")] RelaxationTimes Times);

/// <summary>Relaxation times from prefixes of a reference series, to compare a learned rollout with shorter MD runs.</summary>
public static class ReferenceLengthBaseline
{
    /// <summary>1/100, 1/10, 1/2 and the full reference.</summary>
    public static IReadOnlyList<double> DefaultFractions { get; } = [0.01, 0.1, 0.5, 1.0];

    /// <param name="reference">[frames] observable (e.g. Rg^2) of one reference MD trajectory, every dt.</param>
    /// <param name="dt">Time per frame.</param>
    /// <param name="fractions">Prefix lengths as fractions of the full series; null = <see cref="DefaultFractions"/>.
    /// Each prefix uses lags up to half its own length.</param>
    public static IReadOnlyList<ReferenceLengthRow> Compute(
        double[] reference,
        double dt,
        IReadOnlyList<double>? fractions = null,
        double fitThreshold = RelaxationTime.DefaultFitThreshold)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var rows = new List<ReferenceLengthRow>();
        foreach (double fraction in fractions ?? DefaultFractions)
        {
            if (!(fraction > 0 && fraction <= 1))
                throw new ArgumentOutOfRangeException(nameof(fractions), fraction, "Each fraction must be in (0, 1].");
            int frames = (int)Math.Round(fraction * reference.Length);
            if (frames < 4)
                throw new ArgumentException($"A {fraction} prefix of {reference.Length} frames has {frames} frames; at least 4 are needed.", nameof(fractions));
            var acf = Autocorrelation.Normalized(reference[..frames]);
            rows.Add(new ReferenceLengthRow(fraction, frames, frames * dt, RelaxationTime.Estimate(acf, dt, fitThreshold)));
        }
        return rows;
    }
}
