namespace MlCgMd.Reports;

/// <summary>
/// One thing drawn in an <see cref="Axes"/>. Series with a <see cref="Label"/> appear in the legend;
/// <see cref="Color"/> (CSS colour) overrides the palette colour given by the series' position.
/// </summary>
public abstract class Series
{
    public string? Label { get; init; }

    public string? Color { get; init; }

    /// <summary>Text written in the plot's top-left corner, e.g. "r² = 0.90".</summary>
    public string? Annotation { get; init; }

    /// <summary>Data bounding box on the given scales.</summary>
    internal abstract DataExtent Extent(AxisScale xScale, AxisScale yScale);

    internal abstract void Render(SvgWriter svg, PlotArea area, SeriesStyle style);

    /// <summary>Pixel points covered by the drawn series, sampled densely enough for legend placement to avoid them.</summary>
    internal abstract IEnumerable<(double X, double Y)> Footprint(PlotArea area);

    /// <summary>Draws the legend swatch in the 20 x 10 px box whose left-middle point is (x, y).</summary>
    internal virtual void RenderSwatch(SvgWriter svg, double x, double y, string color) =>
        svg.Element("line", ("x1", x), ("y1", y), ("x2", x + 20), ("y2", y), ("stroke", color), ("stroke-width", 2));

    internal void RenderAnnotation(SvgWriter svg, PlotArea area, SeriesStyle style)
    {
        if (Annotation is null) return;
        svg.TextElement("text", Annotation, ("class", "annotation"), ("x", area.Left + 8), ("y", area.Top + 18 + 16 * style.AnnotationRow),
            ("font-size", 12), ("fill", style.Color));
    }

    /// <summary>Checks two arrays pair up, naming them in the error.</summary>
    protected static void RequireSameLength(IReadOnlyList<double> a, string aName, IReadOnlyList<double> b, string bName)
    {
        ArgumentNullException.ThrowIfNull(a, aName);
        ArgumentNullException.ThrowIfNull(b, bName);
        if (a.Count != b.Count)
            throw new ArgumentException($"{aName} has {a.Count} values but {bName} has {b.Count}; they must pair up.");
    }
}

/// <summary>Resolved drawing style of a series within its axes.</summary>
/// <param name="BarSlot">Position of this bar series among the axes' bar series (for grouped bars).</param>
/// <param name="AnnotationRow">Text line, from the top of the plot, for this series' annotation.</param>
internal readonly record struct SeriesStyle(string Color, int BarSlot, int BarSlots, int AnnotationRow);
