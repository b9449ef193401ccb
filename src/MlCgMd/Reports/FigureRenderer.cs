namespace MlCgMd.Reports;

/// <summary>Lays out a <see cref="Figure"/>'s panels and draws axes, ticks, grid, series, legends and colour bars as SVG.</summary>
internal static class FigureRenderer
{
    private const double MarginLeft = 66, MarginRight = 18, MarginTop = 30, MarginBottom = 48;
    private const double ColorBarSpace = 78, FigureTitleHeight = 30;
    private const double CharWidth = 6.2; // rough width of an 11 px sans-serif character, for layout

    public static string Render(Figure figure, string idPrefix)
    {
        ArgumentNullException.ThrowIfNull(figure);
        if (figure.Panels.Count == 0)
            throw new InvalidOperationException("The figure has no panels.");
        if (figure.Columns < 1)
            throw new InvalidOperationException($"Figure.Columns = {figure.Columns}; it must be at least 1.");
        if (!(figure.PanelWidth >= 160 && figure.PanelHeight >= 120))
            throw new InvalidOperationException($"Panels of {figure.PanelWidth} x {figure.PanelHeight} px are too small (at least 160 x 120).");

        int columns = Math.Min(figure.Columns, figure.Panels.Count);
        double titleHeight = figure.Title is null ? 0 : FigureTitleHeight;
        double width = columns * figure.PanelWidth;
        double height = titleHeight + figure.Rows * figure.PanelHeight;

        var svg = new SvgWriter();
        svg.Open("svg", ("xmlns", "http://www.w3.org/2000/svg"), ("width", width), ("height", height),
            ("viewBox", $"0 0 {SvgWriter.Number(width)} {SvgWriter.Number(height)}"), ("font-family", "DejaVu Sans, Helvetica, Arial, sans-serif"));
        svg.Element("rect", ("width", width), ("height", height), ("fill", "#ffffff"));
        if (figure.Title is not null)
            svg.TextElement("text", figure.Title, ("x", width / 2), ("y", 20), ("font-size", 15), ("font-weight", "bold"), ("text-anchor", "middle"), ("fill", "#111111"));

        for (int p = 0; p < figure.Panels.Count; p++)
        {
            double left = p % columns * figure.PanelWidth;
            double top = titleHeight + p / columns * figure.PanelHeight;
            RenderPanel(svg, figure.Panels[p], left, top, figure.PanelWidth, figure.PanelHeight, $"{idPrefix}-p{p}");
        }
        svg.Close();
        return svg.ToString();
    }

    private static void RenderPanel(SvgWriter svg, Axes axes, double left, double top, double width, double height, string id)
    {
        var heatMap = axes.Series.OfType<HeatMapSeries>().FirstOrDefault();
        var bars = axes.Series.OfType<BarSeries>().ToArray();
        if (heatMap is not null && (axes.XScale == AxisScale.Log || axes.YScale == AxisScale.Log))
            throw new InvalidOperationException($"Panel '{axes.Title}': a heat map needs linear axes (cells are unit squares).");
        if (bars.Length > 0 && axes.XScale == AxisScale.Log)
            throw new InvalidOperationException($"Panel '{axes.Title}': bar charts need a linear x axis (categories sit at 0, 1, ...).");
        double right = MarginRight + (heatMap is null ? 0 : ColorBarSpace);
        double bottom = MarginBottom + (bars.Length > 0 && CategoryLabelsRotated(bars[0], width - MarginLeft - right) ? 30 : 0);
        double plotLeft = left + MarginLeft, plotTop = top + MarginTop;
        double plotWidth = width - MarginLeft - right, plotHeight = height - MarginTop - bottom;

        var extent = axes.Series.Aggregate(DataExtent.Empty, (e, s) => e.Union(s.Extent(axes.XScale, axes.YScale)));
        var xTicks = bars.Length > 0 ? CategoryTicks(bars[0])
            : heatMap is not null ? Ticks.Linear(0, heatMap.Columns, extend: false)
            : AxisTicksFor(axes.XLimits, extent.IsEmpty ? null : (extent.XMin, extent.XMax), axes.XScale);
        var yTicks = heatMap is not null ? Ticks.Linear(0, heatMap.Rows, extend: false)
            : AxisTicksFor(axes.YLimits, extent.IsEmpty ? null : (extent.YMin, extent.YMax), axes.YScale);
        var area = new PlotArea(plotLeft, plotTop, plotWidth, plotHeight, xTicks, yTicks, axes.XScale, axes.YScale, $"{id}-clip");

        svg.Open("g", ("class", "panel"));
        svg.Open("defs");
        svg.Open("clipPath", ("id", area.ClipId));
        svg.Element("rect", ("x", plotLeft), ("y", plotTop), ("width", plotWidth), ("height", plotHeight));
        svg.Close();
        svg.Close();

        RenderGrid(svg, area, drawX: bars.Length == 0 && heatMap is null, drawY: heatMap is null);
        int barSlot = 0, annotationRow = 0;
        for (int s = 0; s < axes.Series.Count; s++)
        {
            var series = axes.Series[s];
            var style = new SeriesStyle(series.Color ?? Palette.Color(s), series is BarSeries ? barSlot++ : 0, bars.Length, annotationRow);
            series.Render(svg, area, style);
            if (series.Annotation is not null)
            {
                series.RenderAnnotation(svg, area, style);
                annotationRow++;
            }
        }
        svg.Element("rect", ("class", "frame"), ("x", plotLeft), ("y", plotTop), ("width", plotWidth), ("height", plotHeight),
            ("fill", "none"), ("stroke", "#333333"), ("stroke-width", 1));
        RenderTicks(svg, area, rotateX: bars.Length > 0 && CategoryLabelsRotated(bars[0], plotWidth));
        RenderLabels(svg, axes, area, left, top, width, height);
        if (axes.Legend != LegendPosition.None) RenderLegend(svg, axes, area, annotationRow);
        heatMap?.RenderColorBar(svg, area.Right + 12, plotTop, 14, plotHeight, $"{id}-colorbar");
        svg.Close();
    }

    private static AxisTicks AxisTicksFor((double Lower, double Upper)? limits, (double Min, double Max)? data, AxisScale scale)
    {
        if (limits is { } fixedLimits)
        {
            if (!(fixedLimits.Upper > fixedLimits.Lower))
                throw new InvalidOperationException($"Axis limits [{fixedLimits.Lower}, {fixedLimits.Upper}] must have upper > lower.");
            return scale == AxisScale.Log
                ? Ticks.Log(fixedLimits.Lower, fixedLimits.Upper, extend: false)
                : Ticks.Linear(fixedLimits.Lower, fixedLimits.Upper, extend: false);
        }
        var (min, max) = data ?? (scale == AxisScale.Log ? (1.0, 10.0) : (0.0, 1.0));
        return scale == AxisScale.Log ? Ticks.Log(min, max) : Ticks.Linear(min, max);
    }

    private static AxisTicks CategoryTicks(BarSeries bars) =>
        new(-0.5, bars.Categories.Count - 0.5, Enumerable.Range(0, bars.Categories.Count).Select(i => (double)i).ToArray(), bars.Categories.ToArray());

    private static bool CategoryLabelsRotated(BarSeries bars, double plotWidth) =>
        bars.Categories.Max(c => c.Length) * CharWidth > 0.9 * plotWidth / bars.Categories.Count;

    private static void RenderGrid(SvgWriter svg, PlotArea area, bool drawX, bool drawY)
    {
        svg.Open("g", ("class", "grid"), ("stroke", "#e4e4e4"), ("stroke-width", 1));
        if (drawX)
            foreach (double v in area.XTicks.Values)
                svg.Element("line", ("x1", area.X(v)), ("y1", area.Top), ("x2", area.X(v)), ("y2", area.Bottom));
        if (drawY)
            foreach (double v in area.YTicks.Values)
                svg.Element("line", ("x1", area.Left), ("y1", area.Y(v)), ("x2", area.Right), ("y2", area.Y(v)));
        svg.Close();
    }

    private static void RenderTicks(SvgWriter svg, PlotArea area, bool rotateX)
    {
        svg.Open("g", ("class", "ticks"), ("font-size", 11), ("fill", "#222222"));
        for (int k = 0; k < area.XTicks.Values.Length; k++)
        {
            double x = area.X(area.XTicks.Values[k]);
            svg.Element("line", ("x1", x), ("y1", area.Bottom), ("x2", x), ("y2", area.Bottom + 5), ("stroke", "#333333"));
            if (rotateX)
                svg.TextElement("text", area.XTicks.Labels[k], ("x", x), ("y", area.Bottom + 16), ("text-anchor", "end"),
                    ("transform", $"rotate(-30 {SvgWriter.Number(x)} {SvgWriter.Number(area.Bottom + 16)})"));
            else
                svg.TextElement("text", area.XTicks.Labels[k], ("x", x), ("y", area.Bottom + 18), ("text-anchor", "middle"));
        }
        for (int k = 0; k < area.YTicks.Values.Length; k++)
        {
            double y = area.Y(area.YTicks.Values[k]);
            svg.Element("line", ("x1", area.Left - 5), ("y1", y), ("x2", area.Left), ("y2", y), ("stroke", "#333333"));
            svg.TextElement("text", area.YTicks.Labels[k], ("x", area.Left - 8), ("y", y + 4), ("text-anchor", "end"));
        }
        svg.Close();
    }

    private static void RenderLabels(SvgWriter svg, Axes axes, PlotArea area, double left, double top, double width, double height)
    {
        if (axes.Title is not null)
            svg.TextElement("text", axes.Title, ("x", area.Left + area.Width / 2), ("y", top + 19), ("font-size", 13),
                ("font-weight", "bold"), ("text-anchor", "middle"), ("fill", "#111111"));
        if (axes.XLabel is not null)
            svg.TextElement("text", axes.XLabel, ("x", area.Left + area.Width / 2), ("y", top + height - 10), ("font-size", 12),
                ("text-anchor", "middle"), ("fill", "#111111"));
        if (axes.YLabel is not null)
        {
            double x = left + 16, y = area.Top + area.Height / 2;
            svg.TextElement("text", axes.YLabel, ("x", x), ("y", y), ("font-size", 12), ("text-anchor", "middle"),
                ("transform", $"rotate(-90 {SvgWriter.Number(x)} {SvgWriter.Number(y)})"), ("fill", "#111111"));
        }
    }

    private static (double X, double Y) LegendCorner(LegendPosition position, PlotArea area, double boxWidth, double boxHeight)
    {
        bool rightSide = position is LegendPosition.TopRight or LegendPosition.BottomRight;
        bool topSide = position is LegendPosition.TopRight or LegendPosition.TopLeft;
        return (rightSide ? area.Right - 8 - boxWidth : area.Left + 8, topSide ? area.Top + 8 : area.Bottom - 8 - boxHeight);
    }

    /// <summary>The corner whose legend box would cover the fewest series samples and annotation text.</summary>
    private static LegendPosition LeastCoveredCorner(Axes axes, PlotArea area, double boxWidth, double boxHeight, int annotationRows)
    {
        var covered = axes.Series.SelectMany(s => s.Footprint(area)).ToList();
        for (int row = 0; row < annotationRows; row++)
            covered.AddRange(Footprint.Rectangle(area.Left + 8, area.Top + 6 + 16 * row, area.Left + 8 + 150, area.Top + 20 + 16 * row));
        var best = LegendPosition.TopRight;
        int fewest = int.MaxValue;
        foreach (var position in new[] { LegendPosition.TopRight, LegendPosition.TopLeft, LegendPosition.BottomRight, LegendPosition.BottomLeft })
        {
            var (x, y) = LegendCorner(position, area, boxWidth, boxHeight);
            int count = covered.Count(p => p.X >= x - 4 && p.X <= x + boxWidth + 4 && p.Y >= y - 4 && p.Y <= y + boxHeight + 4);
            if (count < fewest)
            {
                fewest = count;
                best = position;
            }
        }
        return best;
    }

    private static void RenderLegend(SvgWriter svg, Axes axes, PlotArea area, int annotationRows)
    {
        var entries = axes.Series.Select((s, i) => (Series: s, Color: s.Color ?? Palette.Color(i))).Where(e => e.Series.Label is not null).ToArray();
        if (entries.Length == 0) return;
        const double rowHeight = 17, padding = 7;
        double boxWidth = padding * 2 + 26 + entries.Max(e => e.Series.Label!.Length) * CharWidth;
        double boxHeight = padding * 2 + entries.Length * rowHeight - 4;
        var position = axes.Legend == LegendPosition.Best ? LeastCoveredCorner(axes, area, boxWidth, boxHeight, annotationRows) : axes.Legend;
        var (x, y) = LegendCorner(position, area, boxWidth, boxHeight);

        svg.Open("g", ("class", "legend"));
        svg.Element("rect", ("x", x), ("y", y), ("width", boxWidth), ("height", boxHeight), ("fill", "#ffffff"), ("fill-opacity", 0.85),
            ("stroke", "#bbbbbb"), ("stroke-width", 0.8), ("rx", 3));
        for (int e = 0; e < entries.Length; e++)
        {
            double rowY = y + padding + 6.5 + e * rowHeight;
            entries[e].Series.RenderSwatch(svg, x + padding, rowY, entries[e].Color);
            svg.TextElement("text", entries[e].Series.Label!, ("x", x + padding + 26), ("y", rowY + 4), ("font-size", 11), ("fill", "#222222"));
        }
        svg.Close();
    }
}
