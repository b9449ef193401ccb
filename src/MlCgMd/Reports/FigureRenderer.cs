namespace MlCgMd.Reports;

/// <summary>Lays out a <see cref="Figure"/>'s panels and draws axes, ticks, grid, series, legends and colour bars as SVG.</summary>
internal static class FigureRenderer
{
    private const double MarginLeft = 66, MarginRight = 18, MarginTop = 30, MarginBottom = 48;
    private const double FigureTitleHeight = 30, SharedLegendHeight = 24, TitleLineHeight = 16;
    private const double CharWidth = 6.2; // rough width of an 11 px sans-serif character, for layout
    private const double TitleCharWidth = 7.6; // the same for a 13 px bold panel title

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
        double width = columns * figure.PanelWidth;
        double titleHeight = figure.Title is null ? 0 : FigureTitleHeight;
        var sharedLegend = figure.SharedLegend ? LegendEntries(figure.Panels) : [];
        double legendHeight = sharedLegend.Length > 0 ? SharedLegendHeight : 0;
        double height = titleHeight + legendHeight + figure.Rows * figure.PanelHeight;

        var svg = new SvgWriter();
        svg.Open("svg", ("xmlns", "http://www.w3.org/2000/svg"), ("width", width), ("height", height),
            ("viewBox", $"0 0 {SvgWriter.Number(width)} {SvgWriter.Number(height)}"), ("font-family", "DejaVu Sans, Helvetica, Arial, sans-serif"));
        svg.Element("rect", ("width", width), ("height", height), ("fill", "#ffffff"));
        if (figure.Title is not null)
            svg.TextElement("text", figure.Title, ("x", width / 2), ("y", 20), ("font-size", 15), ("font-weight", "bold"), ("text-anchor", "middle"), ("fill", "#111111"));
        if (sharedLegend.Length > 0) RenderSharedLegend(svg, sharedLegend, width, titleHeight);

        for (int p = 0; p < figure.Panels.Count; p++)
        {
            double left = p % columns * figure.PanelWidth;
            double top = titleHeight + legendHeight + p / columns * figure.PanelHeight;
            RenderPanel(svg, figure.Panels[p], left, top, figure.PanelWidth, figure.PanelHeight, $"{idPrefix}-p{p}", drawLegend: !figure.SharedLegend);
        }
        svg.Close();
        return svg.ToString();
    }

    private static void RenderPanel(SvgWriter svg, Axes axes, double left, double top, double width, double height, string id, bool drawLegend)
    {
        var heatMap = axes.Series.OfType<HeatMapSeries>().FirstOrDefault();
        var bars = axes.Series.OfType<BarSeries>().ToArray();
        if (heatMap is not null && (axes.XScale == AxisScale.Log || axes.YScale == AxisScale.Log))
            throw new InvalidOperationException($"Panel '{axes.Title}': a heat map needs linear axes (cells are unit squares).");
        if (bars.Length > 0 && axes.XScale == AxisScale.Log)
            throw new InvalidOperationException($"Panel '{axes.Title}': bar charts need a linear x axis (categories sit at 0, 1, ...).");
        if (axes.EqualAspect && (axes.XScale == AxisScale.Log || axes.YScale == AxisScale.Log || bars.Length > 0))
            throw new InvalidOperationException($"Panel '{axes.Title}': equal aspect needs two linear data axes.");

        // Titles centre on the panel and wrap within it, so neighbouring panels' titles never meet.
        string[] titleLines = axes.Title is null ? [] : Wrap(axes.Title, width - 16, TitleCharWidth);
        double right = MarginRight + (heatMap?.KeyWidth ?? 0);
        double bottom = MarginBottom + (bars.Length > 0 && CategoryLabelsRotated(bars[0], width - MarginLeft - right) ? 30 : 0);
        double plotTop = top + MarginTop + TitleLineHeight * Math.Max(0, titleLines.Length - 1);
        var extent = axes.Series.Aggregate(DataExtent.Empty, (e, s) => e.Union(s.Extent(axes.XScale, axes.YScale)));

        PlotArea Layout(double rightMargin)
        {
            double plotWidth = width - MarginLeft - rightMargin, plotHeight = top + height - bottom - plotTop;
            var xTicks = bars.Length > 0 ? CategoryTicks(bars[0])
                : heatMap is not null ? Ticks.Linear(0, heatMap.Columns, extend: false)
                : AxisTicksFor(axes.XLimits, extent.IsEmpty ? null : (extent.XMin, extent.XMax), axes.XScale);
            var yTicks = heatMap is not null ? Ticks.Linear(0, heatMap.Rows, extend: false)
                : AxisTicksFor(axes.YLimits, extent.IsEmpty ? null : (extent.YMin, extent.YMax), axes.YScale);
            if (axes.EqualAspect) (xTicks, yTicks) = EqualAspectTicks(xTicks, yTicks, plotWidth, plotHeight);
            return new PlotArea(left + MarginLeft, plotTop, plotWidth, plotHeight, xTicks, yTicks, axes.XScale, axes.YScale, $"{id}-clip");
        }

        var area = Layout(right);
        var legend = drawLegend && axes.Legend != LegendPosition.None ? LegendEntries([axes]) : [];
        var (legendWidth, legendHeight) = LegendSize(legend);
        (double X, double Y)? legendCorner = null;
        if (legend.Length > 0)
        {
            var position = axes.Legend;
            if (position == LegendPosition.Best)
            {
                int covered;
                (position, covered) = LeastCoveredCorner(axes, area, legendWidth, legendHeight);
                // Every corner would hide data: the legend goes beside the plot, which narrows to make room,
                // or, in a panel too narrow for that, under its tick labels, the plot shortening instead.
                if (covered > 0 && width - MarginLeft - right - legendWidth - 10 >= 0.4 * width)
                {
                    right += legendWidth + 10;
                    area = Layout(right);
                    legendCorner = (area.Right + 6, area.Top);
                }
                else if (covered > 0)
                {
                    bottom += legendHeight + 8;
                    area = Layout(right);
                    legendCorner = (area.Left, area.Bottom + 26);
                }
            }
            legendCorner ??= LegendCorner(position, area, legendWidth, legendHeight);
        }

        svg.Open("g", ("class", "panel"));
        svg.Open("defs");
        svg.Open("clipPath", ("id", area.ClipId));
        svg.Element("rect", ("x", area.Left), ("y", area.Top), ("width", area.Width), ("height", area.Height));
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
        svg.Element("rect", ("class", "frame"), ("x", area.Left), ("y", area.Top), ("width", area.Width), ("height", area.Height),
            ("fill", "none"), ("stroke", "#333333"), ("stroke-width", 1));
        RenderTicks(svg, area, rotateX: bars.Length > 0 && CategoryLabelsRotated(bars[0], area.Width));
        RenderLabels(svg, axes, titleLines, area, left, top, width, height);
        if (legendCorner is { } corner) RenderLegend(svg, legend, corner, legendWidth, legendHeight);
        heatMap?.RenderKey(svg, area.Right + 12, area.Top, 14, area.Height, $"{id}-colorbar");
        svg.Close();
    }

    /// <summary>Widens the range of one axis so that a data unit spans the same number of pixels on both.</summary>
    private static (AxisTicks X, AxisTicks Y) EqualAspectTicks(AxisTicks x, AxisTicks y, double plotWidth, double plotHeight)
    {
        double xScale = plotWidth / (x.Upper - x.Lower), yScale = plotHeight / (y.Upper - y.Lower);
        if (xScale > yScale)
        {
            double half = plotWidth / yScale / 2, middle = (x.Lower + x.Upper) / 2;
            return (Ticks.Linear(middle - half, middle + half, extend: false), y);
        }
        double halfY = plotHeight / xScale / 2, middleY = (y.Lower + y.Upper) / 2;
        return (x, Ticks.Linear(middleY - halfY, middleY + halfY, extend: false));
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

    private static void RenderLabels(SvgWriter svg, Axes axes, string[] titleLines, PlotArea area, double left, double top, double width, double height)
    {
        for (int line = 0; line < titleLines.Length; line++)
            svg.TextElement("text", titleLines[line], ("class", "panel-title"), ("x", left + width / 2), ("y", top + 19 + TitleLineHeight * line),
                ("font-size", 13), ("font-weight", "bold"), ("text-anchor", "middle"), ("fill", "#111111"));
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

    /// <summary>Splits text at spaces into lines of at most <paramref name="maxWidth"/> px (a longer word keeps its own line).</summary>
    private static string[] Wrap(string text, double maxWidth, double charWidth)
    {
        int maxChars = Math.Max(1, (int)(maxWidth / charWidth));
        var lines = new List<string>();
        string current = "";
        foreach (string word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (current.Length > 0 && current.Length + 1 + word.Length > maxChars)
            {
                lines.Add(current);
                current = word;
            }
            else
            {
                current = current.Length == 0 ? word : current + " " + word;
            }
        }
        if (current.Length > 0) lines.Add(current);
        return lines.ToArray();
    }

    private static (double X, double Y) LegendCorner(LegendPosition position, PlotArea area, double boxWidth, double boxHeight)
    {
        bool rightSide = position is LegendPosition.TopRight or LegendPosition.BottomRight;
        bool topSide = position is LegendPosition.TopRight or LegendPosition.TopLeft;
        return (rightSide ? area.Right - 8 - boxWidth : area.Left + 8, topSide ? area.Top + 8 : area.Bottom - 8 - boxHeight);
    }

    /// <summary>The corner whose legend box would cover the fewest series samples and annotation text, and how many it covers.</summary>
    private static (LegendPosition Position, int Covered) LeastCoveredCorner(Axes axes, PlotArea area, double boxWidth, double boxHeight)
    {
        var covered = axes.Series.SelectMany(s => s.Footprint(area)).ToList();
        int annotationRows = axes.Series.Count(s => s.Annotation is not null);
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
        return (best, fewest);
    }

    /// <summary>The labelled series of the given panels, one entry per distinct label, coloured as drawn.</summary>
    private static (Series Series, string Color)[] LegendEntries(IEnumerable<Axes> panels) =>
        panels.SelectMany(a => a.Series.Select((s, i) => (Series: s, Color: s.Color ?? Palette.Color(i))))
            .Where(e => e.Series.Label is not null).DistinctBy(e => e.Series.Label).ToArray();

    private const double LegendRowHeight = 17, LegendPadding = 7, SwatchSpace = 26;

    private static (double Width, double Height) LegendSize((Series Series, string Color)[] entries) =>
        entries.Length == 0 ? (0, 0)
            : (LegendPadding * 2 + SwatchSpace + entries.Max(e => e.Series.Label!.Length) * CharWidth,
               LegendPadding * 2 + entries.Length * LegendRowHeight - 4);

    private static void RenderLegend(SvgWriter svg, (Series Series, string Color)[] entries, (double X, double Y) corner, double boxWidth, double boxHeight)
    {
        var (x, y) = corner;
        svg.Open("g", ("class", "legend"));
        svg.Element("rect", ("x", x), ("y", y), ("width", boxWidth), ("height", boxHeight), ("fill", "#ffffff"), ("fill-opacity", 0.85),
            ("stroke", "#bbbbbb"), ("stroke-width", 0.8), ("rx", 3));
        for (int e = 0; e < entries.Length; e++)
        {
            double rowY = y + LegendPadding + 6.5 + e * LegendRowHeight;
            entries[e].Series.RenderSwatch(svg, x + LegendPadding, rowY, entries[e].Color);
            svg.TextElement("text", entries[e].Series.Label!, ("x", x + LegendPadding + SwatchSpace), ("y", rowY + 4), ("font-size", 11), ("fill", "#222222"));
        }
        svg.Close();
    }

    /// <summary>One legend for all panels, in a row centred under the figure title.</summary>
    private static void RenderSharedLegend(SvgWriter svg, (Series Series, string Color)[] entries, double figureWidth, double top)
    {
        const double gap = 18;
        double total = entries.Sum(e => SwatchSpace + e.Series.Label!.Length * CharWidth) + gap * (entries.Length - 1);
        double x = Math.Max(8, (figureWidth - total) / 2), y = top + SharedLegendHeight / 2;
        svg.Open("g", ("class", "legend shared-legend"));
        foreach (var (series, color) in entries)
        {
            series.RenderSwatch(svg, x, y, color);
            svg.TextElement("text", series.Label!, ("x", x + SwatchSpace), ("y", y + 4), ("font-size", 11), ("fill", "#222222"));
            x += SwatchSpace + series.Label!.Length * CharWidth + gap;
        }
        svg.Close();
    }
}
