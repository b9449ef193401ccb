namespace MlCgMd.Analysis;

/// <summary>Sample quantiles with linear interpolation between order statistics (numpy's default, Hyndman-Fan type 7).</summary>
public static class Quantiles
{
    /// <summary>The q-quantile of <paramref name="values"/> (any order; not modified), q in [0, 1].</summary>
    public static double Of(IReadOnlyCollection<double> values, double q)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.ToArray();
        Array.Sort(sorted);
        return OfSorted(sorted, q);
    }

    /// <summary>The q-quantile of an ascending array.</summary>
    public static double OfSorted(ReadOnlySpan<double> sorted, double q)
    {
        if (sorted.IsEmpty)
            throw new ArgumentException("Cannot take a quantile of an empty sample.", nameof(sorted));
        if (!(q >= 0 && q <= 1))
            throw new ArgumentOutOfRangeException(nameof(q), q, "q must be in [0, 1].");
        double position = q * (sorted.Length - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Length - 1);
        double fraction = position - below;
        return sorted[below] + fraction * (sorted[above] - sorted[below]);
    }
}
