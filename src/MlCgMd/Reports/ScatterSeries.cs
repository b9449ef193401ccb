using System.Globalization;
using MlCgMd.Analysis;

namespace MlCgMd.Reports;

/// <summary>
/// Markers at (x, y) points, optionally with the y = x reference line of a parity plot. With the reference line
/// both axes span the union of the x and y ranges so the diagonal crosses the panel.
/// </summary>
public sealed class ScatterSeries : Series
{
    public IReadOnlyList<double> X { get; }

    public IReadOnlyList<double> Y { get; }

    /// <summary>Marker radius in px.</summary>
    public double MarkerRadius { get; init; } = 3.5;

    public bool ShowIdentityLine { get; init; }

    /// <param name="x">[n] data x.</param>
    /// <param name="y">[n] data y.</param>
    public ScatterSeries(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        RequireSameLength(x, nameof(x), y, nameof(y));
        X = x;
        Y = y;
    }

    /// <summary>
    /// Parity plot of predicted vs reference values with the y = x line and the annotation "r² = ..., n = ...",
    /// where r² is the squared Pearson correlation (<see cref="ScatterStatistics.PearsonRSquared"/>).
    /// </summary>
    public static ScatterSeries Parity(IReadOnlyList<double> reference, IReadOnlyList<double> predicted, string? label = null)
    {
        var statistics = ScatterStatistics.Compute(reference, predicted);
        return new ScatterSeries(reference, predicted)
        {
            Label = label,
            ShowIdentityLine = true,
            Annotation = string.Create(CultureInfo.InvariantCulture, $"r² = {statistics.PearsonRSquared:F2}, n = {statistics.Count}"),
        };
    }

    internal override DataExtent Extent(AxisScale xScale, AxisScale yScale)
    {
        var extent = DataExtent.Of(X, Y, xScale, yScale);
        if (ShowIdentityLine && !extent.IsEmpty)
        {
            double low = Math.Min(extent.XMin, extent.YMin), high = Math.Max(extent.XMax, extent.YMax);
            extent = new DataExtent(low, high, low, high);
        }
        return extent.Padded(0.04, xScale, yScale);
    }

    internal override void Render(SvgWriter svg, PlotArea area, SeriesStyle style)
    {
        if (ShowIdentityLine) RenderIdentityLine(svg, area);
        svg.Open("g", ("class", "series scatter"), ("clip-path", $"url(#{area.ClipId})"), ("fill", style.Color), ("fill-opacity", 0.75),
            ("stroke", style.Color), ("stroke-width", 0.8));
        for (int i = 0; i < X.Count; i++)
            if (PlotArea.Drawable(X[i], area.XScale) && PlotArea.Drawable(Y[i], area.YScale))
                svg.Element("circle", ("cx", area.X(X[i])), ("cy", area.Y(Y[i])), ("r", MarkerRadius));
        svg.Close();
    }

    internal override IEnumerable<(double X, double Y)> Footprint(PlotArea area)
    {
        for (int i = 0; i < X.Count; i++)
            if (PlotArea.Drawable(X[i], area.XScale) && PlotArea.Drawable(Y[i], area.YScale))
                yield return (area.X(X[i]), area.Y(Y[i]));
        if (!ShowIdentityLine) yield break;
        var xs = IdentityLineSamples(area);
        foreach (var sample in MlCgMd.Reports.Footprint.Polyline(xs, xs, area))
            yield return sample;
    }

    internal override void RenderSwatch(SvgWriter svg, double x, double y, string color) =>
        svg.Element("circle", ("cx", x + 10), ("cy", y), ("r", MarkerRadius), ("fill", color), ("fill-opacity", 0.75));

    private static void RenderIdentityLine(SvgWriter svg, PlotArea area)
    {
        var xs = IdentityLineSamples(area);
        svg.Open("g", ("class", "identity-line"), ("clip-path", $"url(#{area.ClipId})"));
        foreach (var run in PolylineRuns.Of(xs, xs, area))
            svg.Element("polyline", ("points", run), ("fill", "none"), ("stroke", "#888888"), ("stroke-width", 1), ("stroke-dasharray", "4 3"));
        svg.Close();
    }

    /// <summary>x samples across the axis; the line is drawn through (x, x), so it is right on mixed linear/log axes (where y = x is curved).</summary>
    private static double[] IdentityLineSamples(PlotArea area)
    {
        const int samples = 64;
        var xs = new double[samples + 1];
        for (int k = 0; k <= samples; k++)
        {
            double f = (double)k / samples;
            xs[k] = area.XScale == AxisScale.Log
                ? Math.Pow(10, Math.Log10(area.XTicks.Lower) + f * (Math.Log10(area.XTicks.Upper) - Math.Log10(area.XTicks.Lower)))
                : area.XTicks.Lower + f * (area.XTicks.Upper - area.XTicks.Lower);
        }
        return xs;
    }
}
