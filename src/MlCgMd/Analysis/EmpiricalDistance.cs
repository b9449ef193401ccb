namespace MlCgMd.Analysis;

/// <summary>
/// Distances between the empirical distributions of two 1-D samples (sizes may differ), exact from the sorted
/// samples: W1 = integral |F_a(x) - F_b(x)| dx (in the unit of the values) and KS = sup |F_a(x) - F_b(x)|.
/// </summary>
public static class EmpiricalDistance
{
    public static double Wasserstein1(IReadOnlyCollection<double> a, IReadOnlyCollection<double> b) => Compare(a, b).Wasserstein1;

    /// <summary>Two-sample Kolmogorov-Smirnov statistic, in [0, 1].</summary>
    public static double KolmogorovSmirnov(IReadOnlyCollection<double> a, IReadOnlyCollection<double> b) => Compare(a, b).KolmogorovSmirnov;

    /// <summary>Both distances from one merge of the sorted samples.</summary>
    public static (double Wasserstein1, double KolmogorovSmirnov) Compare(IReadOnlyCollection<double> a, IReadOnlyCollection<double> b)
    {
        var x = Sorted(a, nameof(a));
        var y = Sorted(b, nameof(b));
        int i = 0, j = 0;
        double area = 0, supremum = 0;
        double previous = Math.Min(x[0], y[0]);
        while (i < x.Length || j < y.Length)
        {
            double next = j >= y.Length || (i < x.Length && x[i] <= y[j]) ? x[i] : y[j];
            double gap = Math.Abs((double)i / x.Length - (double)j / y.Length);
            area += gap * (next - previous);
            // Step both CDFs past every copy of this value before reading the gap again.
            while (i < x.Length && x[i] == next) i++;
            while (j < y.Length && y[j] == next) j++;
            supremum = Math.Max(supremum, Math.Abs((double)i / x.Length - (double)j / y.Length));
            previous = next;
        }
        return (area, supremum);
    }

    private static double[] Sorted(IReadOnlyCollection<double> sample, string name)
    {
        ArgumentNullException.ThrowIfNull(sample, name);
        if (sample.Count == 0)
            throw new ArgumentException("Sample is empty.", name);
        var sorted = sample.ToArray();
        foreach (double v in sorted)
            if (!double.IsFinite(v))
                throw new ArgumentException($"Sample contains a non-finite value ({v}).", name);
        Array.Sort(sorted);
        return sorted;
    }
}
