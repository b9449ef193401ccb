namespace MlCgMd.Reports;

/// <summary>Bounding box of the drawable data of a series, in data units; empty when it holds nothing drawable.</summary>
internal readonly record struct DataExtent(double XMin, double XMax, double YMin, double YMax)
{
    public static DataExtent Empty { get; } = new(double.PositiveInfinity, double.NegativeInfinity, double.PositiveInfinity, double.NegativeInfinity);

    public bool IsEmpty => XMin > XMax || YMin > YMax;

    public DataExtent Include(double x, double y) =>
        new(Math.Min(XMin, x), Math.Max(XMax, x), Math.Min(YMin, y), Math.Max(YMax, y));

    public DataExtent Union(DataExtent other) =>
        new(Math.Min(XMin, other.XMin), Math.Max(XMax, other.XMax), Math.Min(YMin, other.YMin), Math.Max(YMax, other.YMax));

    /// <summary>Widened by <paramref name="fraction"/> of its span on each side (of its log span on log axes), so markers clear the frame.</summary>
    public DataExtent Padded(double fraction, AxisScale xScale, AxisScale yScale)
    {
        if (IsEmpty) return this;
        var (xMin, xMax) = Pad(XMin, XMax, fraction, xScale);
        var (yMin, yMax) = Pad(YMin, YMax, fraction, yScale);
        return new DataExtent(xMin, xMax, yMin, yMax);
    }

    private static (double, double) Pad(double min, double max, double fraction, AxisScale scale)
    {
        // One value (a single point, or a flat line) spans nothing: give it a range around itself to draw in.
        if (min == max)
            return scale == AxisScale.Log ? (min / 2, max * 2) : min == 0 ? (-1, 1) : (min - 0.1 * Math.Abs(min), max + 0.1 * Math.Abs(max));
        if (scale == AxisScale.Log)
        {
            double factor = Math.Pow(max / min, fraction);
            return (min / factor, max * factor);
        }
        double margin = (max - min) * fraction;
        // Padding never moves a limit across zero (a non-negative quantity keeps its axis at 0).
        double low = min >= 0 ? Math.Max(0, min - margin) : min - margin;
        double high = max <= 0 ? Math.Min(0, max + margin) : max + margin;
        return (low, high);
    }

    /// <summary>Extent of the (x, y) points drawable on the given scales (finite, and positive on log axes).</summary>
    public static DataExtent Of(IReadOnlyList<double> x, IReadOnlyList<double> y, AxisScale xScale, AxisScale yScale)
    {
        var extent = Empty;
        for (int i = 0; i < x.Count; i++)
            if (PlotArea.Drawable(x[i], xScale) && PlotArea.Drawable(y[i], yScale))
                extent = extent.Include(x[i], y[i]);
        return extent;
    }
}
