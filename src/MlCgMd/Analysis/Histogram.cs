namespace MlCgMd.Analysis;

/// <summary>
/// Histogram of a sample over given bin edges. Bins are [e_k, e_{k+1}) except the last, which includes its
/// right edge. Values outside the edges are counted in <see cref="Outside"/> only.
/// <see cref="Density"/> = count / (sample size * bin width), so it integrates to the fraction inside the range
/// (1 when the edges span the sample) and two samples of different sizes compare directly.
/// </summary>
/// <param name="Edges">[bins + 1] ascending.</param>
/// <param name="Counts">[bins].</param>
/// <param name="Density">[bins], in 1 / (unit of the values).</param>
public sealed record Histogram(double[] Edges, long[] Counts, double[] Density, long Outside)
{
    public int BinCount => Counts.Length;

    /// <summary>Bin centres, [bins].</summary>
    public double[] Centers() => Enumerable.Range(0, BinCount).Select(k => 0.5 * (Edges[k] + Edges[k + 1])).ToArray();

    public static Histogram Compute(IReadOnlyList<double> sample, double[] edges)
    {
        ArgumentNullException.ThrowIfNull(sample);
        ValidateEdges(edges);
        int bins = edges.Length - 1;
        var counts = new long[bins];
        long outside = 0;
        foreach (double v in sample)
        {
            if (!double.IsFinite(v))
                throw new ArgumentException($"sample contains a non-finite value ({v}).", nameof(sample));
            if (v < edges[0] || v > edges[^1]) { outside++; continue; }
            int k = Array.BinarySearch(edges, v);
            int bin = k >= 0 ? Math.Min(k, bins - 1) : ~k - 1;
            counts[bin]++;
        }
        var density = new double[bins];
        if (sample.Count > 0)
            for (int k = 0; k < bins; k++)
                density[k] = counts[k] / (sample.Count * (edges[k + 1] - edges[k]));
        return new Histogram(edges, counts, density, outside);
    }

    /// <summary>[bins + 1] evenly spaced edges from lower to upper.</summary>
    public static double[] UniformEdges(double lower, double upper, int bins)
    {
        if (bins < 1)
            throw new ArgumentOutOfRangeException(nameof(bins), bins, "bins must be at least 1.");
        if (!(upper > lower) || !double.IsFinite(lower) || !double.IsFinite(upper))
            throw new ArgumentException($"Edge range [{lower}, {upper}] must be finite with upper > lower.");
        var edges = new double[bins + 1];
        for (int k = 0; k <= bins; k++) edges[k] = lower + (upper - lower) * k / bins;
        edges[bins] = upper;
        return edges;
    }

    /// <summary>
    /// Shared edges spanning every given sample (e.g. ML rollout and reference MD), so their histograms
    /// are directly comparable. A constant pooled sample gets a unit-wide range around its value.
    /// </summary>
    public static double[] SharedEdges(int bins, params IReadOnlyList<double>[] samples)
    {
        double lower = double.PositiveInfinity, upper = double.NegativeInfinity;
        foreach (var sample in samples)
            foreach (double v in sample)
            {
                lower = Math.Min(lower, v);
                upper = Math.Max(upper, v);
            }
        if (double.IsInfinity(lower))
            throw new ArgumentException("All samples are empty; no range for the bins.", nameof(samples));
        if (upper == lower) { lower -= 0.5; upper += 0.5; }
        return UniformEdges(lower, upper, bins);
    }

    private static void ValidateEdges(double[] edges)
    {
        ArgumentNullException.ThrowIfNull(edges);
        if (edges.Length < 2)
            throw new ArgumentException($"edges has {edges.Length} values; at least 2 are needed.", nameof(edges));
        for (int k = 1; k < edges.Length; k++)
            if (!(edges[k] > edges[k - 1]))
                throw new ArgumentException($"edges must be strictly ascending; edges[{k}] = {edges[k]} <= edges[{k - 1}] = {edges[k - 1]}.", nameof(edges));
    }
}
