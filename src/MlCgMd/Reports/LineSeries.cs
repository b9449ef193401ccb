namespace MlCgMd.Reports;

/// <summary>A polyline through (x, y) points; non-drawable points (NaN, or non-positive on log axes) break the line.</summary>
public sealed class LineSeries : Series
{
    public IReadOnlyList<double> X { get; }

    public IReadOnlyList<double> Y { get; }

    public double StrokeWidth { get; init; } = 1.8;

    public bool Dashed { get; init; }

    /// <param name="x">[n] data x.</param>
    /// <param name="y">[n] data y.</param>
    public LineSeries(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        RequireSameLength(x, nameof(x), y, nameof(y));
        X = x;
        Y = y;
    }

    internal override DataExtent Extent(AxisScale xScale, AxisScale yScale) => DataExtent.Of(X, Y, xScale, yScale);

    internal override void Render(SvgWriter svg, PlotArea area, SeriesStyle style)
    {
        svg.Open("g", ("class", "series line"), ("clip-path", $"url(#{area.ClipId})"));
        foreach (var run in PolylineRuns.Of(X, Y, area))
            svg.Element("polyline", ("points", run), ("fill", "none"), ("stroke", style.Color), ("stroke-width", StrokeWidth),
                ("stroke-dasharray", Dashed ? "6 4" : null), ("stroke-linejoin", "round"));
        svg.Close();
    }

    internal override IEnumerable<(double X, double Y)> Footprint(PlotArea area) => MlCgMd.Reports.Footprint.Polyline(X, Y, area);

    internal override void RenderSwatch(SvgWriter svg, double x, double y, string color) =>
        svg.Element("line", ("x1", x), ("y1", y), ("x2", x + 20), ("y2", y), ("stroke", color), ("stroke-width", StrokeWidth),
            ("stroke-dasharray", Dashed ? "6 4" : null));
}
