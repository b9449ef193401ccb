using System.Globalization;

namespace MlCgMd.Reports;

/// <summary>Axis limits rounded outward to tick marks, and the labelled tick values inside them.</summary>
/// <param name="Lower">Axis lower limit (data units).</param>
/// <param name="Upper">Axis upper limit (data units).</param>
/// <param name="Values">Labelled tick positions, ascending, within [Lower, Upper].</param>
/// <param name="Labels">One label per tick value.</param>
public sealed record AxisTicks(double Lower, double Upper, double[] Values, string[] Labels);

/// <summary>"Nice" tick generation: steps of 1, 2 or 5 times a power of ten (linear), decades (log).</summary>
public static class Ticks
{
    /// <summary>Linear ticks for data in [lower, upper], about <paramref name="target"/> of them.</summary>
    /// <param name="extend">Round the limits outward to whole steps (false keeps the given limits).</param>
    public static AxisTicks Linear(double lower, double upper, int target = 5, bool extend = true)
    {
        (lower, upper) = Widen(lower, upper);
        double step = NiceStep((upper - lower) / Math.Max(1, target));
        if (extend)
        {
            lower = Math.Floor(lower / step + 1e-9) * step;
            upper = Math.Ceiling(upper / step - 1e-9) * step;
        }
        var values = new List<double>();
        for (double k = Math.Ceiling(lower / step - 1e-9); k * step <= upper + 1e-9 * step; k++)
            values.Add(Math.Abs(k * step) < 1e-12 * step ? 0 : k * step);
        int decimals = Math.Max(0, -(int)Math.Floor(Math.Log10(step) + 1e-9));
        bool scientific = Math.Max(Math.Abs(lower), Math.Abs(upper)) >= 1e6 || step < 1e-4;
        var labels = values.Select(v => scientific
            ? v.ToString("0.##E+0", CultureInfo.InvariantCulture)
            : v.ToString("F" + decimals, CultureInfo.InvariantCulture)).ToArray();
        return new AxisTicks(lower, upper, values.ToArray(), labels);
    }

    /// <summary>
    /// Log ticks for positive data in [lower, upper]: a tick per decade. Over at most 2.5 decades the limits
    /// round outward to 1, 2 or 5 times a power of ten rather than to whole decades, and over at most 1.5
    /// decades the 2x and 5x values are labelled too.
    /// </summary>
    public static AxisTicks Log(double lower, double upper, bool extend = true)
    {
        if (!(lower > 0) || !(upper > 0) || !double.IsFinite(lower) || !double.IsFinite(upper))
            throw new ArgumentException($"Log axis needs positive finite limits, got [{lower}, {upper}].");
        if (upper < lower) (lower, upper) = (upper, lower);
        double lowDecade = Math.Floor(Math.Log10(lower) + 1e-9);
        double highDecade = Math.Ceiling(Math.Log10(upper) - 1e-9);
        if (highDecade == lowDecade) highDecade++;
        double span = Math.Log10(upper / lower);
        double[] mantissas = span <= 2.5 ? [1, 2, 5] : [1];
        var candidates = new List<double>();
        for (double d = lowDecade; d <= highDecade; d++)
            foreach (double m in mantissas) candidates.Add(m * Math.Pow(10, d));
        if (extend)
        {
            lower = candidates.Last(c => c <= lower * (1 + 1e-9));
            upper = candidates.First(c => c >= upper * (1 - 1e-9));
        }
        bool labelMultiples = Math.Log10(upper / lower) <= 1.5 + 1e-9;
        var values = candidates
            .Where(v => v >= lower * (1 - 1e-9) && v <= upper * (1 + 1e-9))
            .Where(v => labelMultiples || IsPowerOfTen(v))
            .ToArray();
        // One notation per axis: plain numbers in [0.001, 1e6), otherwise powers of ten for all labels.
        bool plain = values.Length > 0 && values[0] >= 1e-3 * (1 - 1e-9) && values[^1] < 1e6;
        var labels = values.Select(v => plain ? v.ToString("0.###", CultureInfo.InvariantCulture) : PowerOfTenLabel(v)).ToArray();
        return new AxisTicks(lower, upper, values, labels);
    }

    /// <summary>The 1, 2 or 5 times 10^k nearest to <paramref name="rough"/> on a log scale (switching at sqrt 2, sqrt 10, sqrt 50).</summary>
    public static double NiceStep(double rough)
    {
        if (!(rough > 0) || !double.IsFinite(rough))
            throw new ArgumentOutOfRangeException(nameof(rough), rough, "Step must be positive and finite.");
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        double fraction = rough / magnitude;
        double nice = fraction < Math.Sqrt(2) ? 1 : fraction < Math.Sqrt(10) ? 2 : fraction < Math.Sqrt(50) ? 5 : 10;
        return nice * magnitude;
    }

    /// <summary>"10⁵" or "2×10⁵", with Unicode superscript digits.</summary>
    private static string PowerOfTenLabel(double value)
    {
        int exponent = (int)Math.Floor(Math.Log10(value) + 1e-9);
        double mantissa = Math.Round(value / Math.Pow(10, exponent), 6);
        string power = "10" + string.Concat(exponent.ToString(CultureInfo.InvariantCulture).Select(c => c == '-' ? '⁻' : "⁰¹²³⁴⁵⁶⁷⁸⁹"[c - '0']));
        return mantissa == 1 ? power : $"{mantissa.ToString("0.###", CultureInfo.InvariantCulture)}×{power}";
    }

    private static bool IsPowerOfTen(double value) => Math.Abs(Math.Log10(value) - Math.Round(Math.Log10(value))) < 1e-9;

    private static (double, double) Widen(double lower, double upper)
    {
        if (!double.IsFinite(lower) || !double.IsFinite(upper))
            throw new ArgumentException($"Axis limits must be finite, got [{lower}, {upper}].");
        if (upper < lower) (lower, upper) = (upper, lower);
        // A span at round-off level of the values is treated as a single value (and cannot stall the tick loop).
        if (upper - lower <= 1e-9 * Math.Max(Math.Abs(lower), Math.Abs(upper)))
        {
            double pad = lower == 0 ? 1 : Math.Abs(lower) * 0.1;
            return (lower - pad, upper + pad);
        }
        return (lower, upper);
    }
}
