using MlCgMd.Analysis;

namespace MlCgMd.Reports;

/// <summary>A binned distribution: heights per bin over bin edges, drawn as a step outline or translucent bars.</summary>
public sealed class HistogramSeries : Series
{
    /// <summary>[bins + 1] ascending edges (data x).</summary>
    public IReadOnlyList<double> Edges { get; }

    /// <summary>[bins] heights (counts or densities).</summary>
    public IReadOnlyList<double> Heights { get; }

    public HistogramStyle Style { get; init; } = HistogramStyle.Step;

    /// <summary>Fill opacity of bars, in [0, 1].</summary>
    public double Opacity { get; init; } = 0.45;

    public HistogramSeries(IReadOnlyList<double> edges, IReadOnlyList<double> heights)
    {
        ArgumentNullException.ThrowIfNull(edges);
        ArgumentNullException.ThrowIfNull(heights);
        if (edges.Count != heights.Count + 1)
            throw new ArgumentException($"edges has {edges.Count} values; expected heights.Count + 1 = {heights.Count + 1}.");
        for (int k = 1; k < edges.Count; k++)
            if (!(edges[k] > edges[k - 1]))
                throw new ArgumentException($"edges must be strictly ascending; edges[{k}] = {edges[k]} <= edges[{k - 1}].", nameof(edges));
        Edges = edges;
        Heights = heights;
    }

    /// <summary>The normalised density of an analysis histogram.</summary>
    public static HistogramSeries Density(Histogram histogram) => new(histogram.Edges, histogram.Density);

    internal override DataExtent Extent(AxisScale xScale, AxisScale yScale)
    {
        var extent = DataExtent.Empty;
        for (int k = 0; k < Heights.Count; k++)
        {
            if (!PlotArea.Drawable(Heights[k], yScale)) continue;
            if (PlotArea.Drawable(Edges[k], xScale)) extent = extent.Include(Edges[k], Heights[k]);
            if (PlotArea.Drawable(Edges[k + 1], xScale)) extent = extent.Include(Edges[k + 1], Heights[k]);
        }
        return yScale == AxisScale.Linear && !extent.IsEmpty ? extent.Include(extent.XMin, 0) : extent;
    }

    internal override void Render(SvgWriter svg, PlotArea area, SeriesStyle style)
    {
        svg.Open("g", ("class", $"series histogram {Style.ToString().ToLowerInvariant()}"), ("clip-path", $"url(#{area.ClipId})"));
        double baseline = area.BaselineY();
        if (Style == HistogramStyle.Bars)
        {
            for (int k = 0; k < Heights.Count; k++)
            {
                if (!Drawable(k, area)) continue;
                double left = area.X(Edges[k]), right = area.X(Edges[k + 1]), top = area.Y(Heights[k]);
                svg.Element("rect", ("x", left), ("y", Math.Min(top, baseline)), ("width", Math.Max(0, right - left)),
                    ("height", Math.Abs(baseline - top)), ("fill", style.Color), ("fill-opacity", Opacity),
                    ("stroke", style.Color), ("stroke-width", 0.6));
            }
        }
        else
        {
            var points = new List<string>();
            for (int k = 0; k < Heights.Count; k++)
            {
                if (!Drawable(k, area)) continue;
                double left = area.X(Edges[k]), right = area.X(Edges[k + 1]), top = area.Y(Heights[k]);
                if (points.Count == 0) points.Add(Point(left, baseline));
                points.Add(Point(left, top));
                points.Add(Point(right, top));
                if (k + 1 == Heights.Count || !Drawable(k + 1, area))
                {
                    points.Add(Point(right, baseline));
                    svg.Element("polyline", ("points", string.Join(' ', points)), ("fill", "none"), ("stroke", style.Color), ("stroke-width", 1.8));
                    points.Clear();
                }
            }
        }
        svg.Close();
    }

    internal override IEnumerable<(double X, double Y)> Footprint(PlotArea area)
    {
        double baseline = area.BaselineY();
        for (int k = 0; k < Heights.Count; k++)
        {
            if (!Drawable(k, area)) continue;
            double left = area.X(Edges[k]), right = area.X(Edges[k + 1]), top = area.Y(Heights[k]);
            var samples = Style == HistogramStyle.Bars
                ? MlCgMd.Reports.Footprint.Rectangle(left, top, right, baseline)
                : MlCgMd.Reports.Footprint.Segment((left, top), (right, top)).Prepend((left, top));
            foreach (var sample in samples) yield return sample;
        }
    }

    internal override void RenderSwatch(SvgWriter svg, double x, double y, string color)
    {
        if (Style == HistogramStyle.Bars)
            svg.Element("rect", ("x", x), ("y", y - 5), ("width", 20), ("height", 10), ("fill", color), ("fill-opacity", Opacity), ("stroke", color));
        else
            base.RenderSwatch(svg, x, y, color);
    }

    private bool Drawable(int bin, PlotArea area) =>
        PlotArea.Drawable(Heights[bin], area.YScale) && PlotArea.Drawable(Edges[bin], area.XScale) && PlotArea.Drawable(Edges[bin + 1], area.XScale);

    private static string Point(double x, double y) => $"{SvgWriter.Number(x)},{SvgWriter.Number(y)}";
}
