namespace MlCgMd.Reports;

/// <summary>
/// Points with symmetric vertical error bars (y ± error), optionally joined by a line
/// (e.g. an ACF with its bootstrap standard error, or relaxation times against reference length).
/// </summary>
public sealed class ErrorBarSeries : Series
{
    public IReadOnlyList<double> X { get; }

    public IReadOnlyList<double> Y { get; }

    /// <summary>[n] half-lengths of the bars, non-negative (NaN = no bar).</summary>
    public IReadOnlyList<double> Error { get; }

    public bool ConnectPoints { get; init; }

    public bool ShowMarkers { get; init; } = true;

    public ErrorBarSeries(IReadOnlyList<double> x, IReadOnlyList<double> y, IReadOnlyList<double> error)
    {
        RequireSameLength(x, nameof(x), y, nameof(y));
        RequireSameLength(x, nameof(x), error, nameof(error));
        for (int i = 0; i < error.Count; i++)
            if (error[i] < 0)
                throw new ArgumentException($"error[{i}] = {error[i]}; error bars must be non-negative.", nameof(error));
        X = x;
        Y = y;
        Error = error;
    }

    internal override DataExtent Extent(AxisScale xScale, AxisScale yScale)
    {
        var extent = DataExtent.Of(X, Y, xScale, yScale);
        for (int i = 0; i < X.Count; i++)
        {
            if (!PlotArea.Drawable(X[i], xScale) || !double.IsFinite(Error[i])) continue;
            foreach (double end in new[] { Y[i] - Error[i], Y[i] + Error[i] })
                if (PlotArea.Drawable(end, yScale)) extent = extent.Include(X[i], end);
        }
        // Markers need room at the frame; a marker-less curve (an ACF from t = 0) should start on the axis.
        return ShowMarkers ? extent.Padded(0.03, xScale, yScale) : extent;
    }

    internal override void Render(SvgWriter svg, PlotArea area, SeriesStyle style)
    {
        svg.Open("g", ("class", "series errorbar"), ("clip-path", $"url(#{area.ClipId})"), ("stroke", style.Color), ("fill", style.Color));
        if (ConnectPoints)
            foreach (var run in PolylineRuns.Of(X, Y, area))
                svg.Element("polyline", ("points", run), ("fill", "none"), ("stroke-width", 1.5));
        for (int i = 0; i < X.Count; i++)
        {
            if (!PlotArea.Drawable(X[i], area.XScale) || !PlotArea.Drawable(Y[i], area.YScale)) continue;
            double x = area.X(X[i]);
            if (double.IsFinite(Error[i]) && Error[i] > 0)
            {
                double low = Y[i] - Error[i];
                double top = area.Y(Y[i] + Error[i]);
                double bottom = PlotArea.Drawable(low, area.YScale) ? area.Y(low) : area.Bottom;
                svg.Element("line", ("class", "bar"), ("x1", x), ("y1", bottom), ("x2", x), ("y2", top), ("stroke-width", 1.2));
                svg.Element("line", ("x1", x - 3), ("y1", top), ("x2", x + 3), ("y2", top), ("stroke-width", 1.2));
                svg.Element("line", ("x1", x - 3), ("y1", bottom), ("x2", x + 3), ("y2", bottom), ("stroke-width", 1.2));
            }
            if (ShowMarkers)
                svg.Element("circle", ("cx", x), ("cy", area.Y(Y[i])), ("r", 3));
        }
        svg.Close();
    }

    internal override IEnumerable<(double X, double Y)> Footprint(PlotArea area)
    {
        var samples = ConnectPoints ? MlCgMd.Reports.Footprint.Polyline(X, Y, area) : [];
        foreach (var sample in samples) yield return sample;
        for (int i = 0; i < X.Count; i++)
        {
            if (!PlotArea.Drawable(X[i], area.XScale) || !PlotArea.Drawable(Y[i], area.YScale)) continue;
            double x = area.X(X[i]), y = area.Y(Y[i]);
            yield return (x, y);
            if (!double.IsFinite(Error[i]) || Error[i] <= 0) continue;
            double low = Y[i] - Error[i];
            double bottom = PlotArea.Drawable(low, area.YScale) ? area.Y(low) : area.Bottom;
            foreach (var sample in MlCgMd.Reports.Footprint.Segment((x, bottom), (x, area.Y(Y[i] + Error[i]))))
                yield return sample;
        }
    }

    internal override void RenderSwatch(SvgWriter svg, double x, double y, string color)
    {
        svg.Element("line", ("x1", x + 10), ("y1", y - 5), ("x2", x + 10), ("y2", y + 5), ("stroke", color), ("stroke-width", 1.2));
        if (ConnectPoints)
            base.RenderSwatch(svg, x, y, color);
        svg.Element("circle", ("cx", x + 10), ("cy", y), ("r", 3), ("fill", color));
    }
}
