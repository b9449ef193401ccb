using System.Globalization;

namespace MlCgMd.Reports;

/// <summary>
/// A matrix drawn as coloured cells (e.g. a contact map). Cell (r, c) covers x in [c, c + 1] and y in [r, r + 1],
/// so row 0 is at the bottom. Continuous values run over [Minimum, Maximum] with a colour bar; categorical values
/// (<see cref="Categories"/>) take one palette colour each, with a key of swatches.
/// </summary>
public sealed class HeatMapSeries : Series
{
    /// <summary>[rows * columns] row-major values.</summary>
    public IReadOnlyList<double> Values { get; }

    public int Rows { get; }

    public int Columns { get; }

    /// <summary>Lower end of the colour scale; null = the smallest finite value.</summary>
    public double? Minimum { get; init; }

    /// <summary>Upper end of the colour scale; null = the largest finite value.</summary>
    public double? Maximum { get; init; }

    public Colormap Colormap { get; init; } = Colormap.Viridis;

    /// <summary>Label of the colour bar, with units.</summary>
    public string? ColorBarLabel { get; init; }

    /// <summary>
    /// Names of categories when the values are category indices 0, 1, ... (e.g. edge types): each is drawn in its
    /// own palette colour and named in a key. Cells holding NaN or a value that is not an index are left blank.
    /// </summary>
    public IReadOnlyList<string>? Categories { get; init; }

    public HeatMapSeries(IReadOnlyList<double> values, int rows, int columns)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (rows < 1 || columns < 1)
            throw new ArgumentOutOfRangeException(nameof(rows), $"Heat map needs positive rows and columns, got {rows} x {columns}.");
        if (values.Count != rows * columns)
            throw new ArgumentException($"values has {values.Count} entries; expected [rows * columns] = {rows * columns}.", nameof(values));
        Values = values;
        Rows = rows;
        Columns = columns;
    }

    private const double KeyCharWidth = 6.2; // an 11 px character, for layout

    /// <summary>Width in px the colour bar or the category key takes right of the plot.</summary>
    internal double KeyWidth => Categories is null ? 78 : 12 + 14 + 6 + Categories.Select(c => c.Length).DefaultIfEmpty(0).Max() * KeyCharWidth + 8;

    /// <summary>The colour-scale range actually used.</summary>
    public (double Low, double High) ColorRange()
    {
        var finite = Values.Where(double.IsFinite).ToArray();
        double low = Minimum ?? (finite.Length > 0 ? finite.Min() : 0);
        double high = Maximum ?? (finite.Length > 0 ? finite.Max() : 1);
        return high > low ? (low, high) : (low, low + 1);
    }

    internal override DataExtent Extent(AxisScale xScale, AxisScale yScale) => new(0, Columns, 0, Rows);

    internal override void Render(SvgWriter svg, PlotArea area, SeriesStyle style)
    {
        var (low, high) = ColorRange();
        svg.Open("g", ("class", "series heatmap"), ("clip-path", $"url(#{area.ClipId})"), ("shape-rendering", "crispEdges"));
        for (int r = 0; r < Rows; r++)
        {
            // Runs of equal colour along a row become one rectangle, which keeps sparse contact maps small.
            int start = 0;
            string? runColor = null;
            for (int c = 0; c <= Columns; c++)
            {
                string? color = c < Columns ? CellColor(Values[r * Columns + c], low, high) : null;
                if (c < Columns && color == runColor) continue;
                if (runColor is not null)
                    svg.Element("rect", ("x", area.X(start)), ("y", area.Y(r + 1)), ("width", area.X(c) - area.X(start)),
                        ("height", area.Y(r) - area.Y(r + 1)), ("fill", runColor));
                start = c;
                runColor = color;
            }
        }
        svg.Close();
    }

    /// <summary>The colour bar, or the key of categories, right of the plot: <paramref name="width"/> x <paramref name="height"/> px at (left, top).</summary>
    internal void RenderKey(SvgWriter svg, double left, double top, double width, double height, string gradientId)
    {
        if (Categories is null) RenderColorBar(svg, left, top, width, height, gradientId);
        else RenderCategoryKey(svg, left, top, width);
    }

    private void RenderCategoryKey(SvgWriter svg, double left, double top, double swatch)
    {
        svg.Open("g", ("class", "category-key"));
        for (int k = 0; k < Categories!.Count; k++)
        {
            double y = top + 4 + 20 * k;
            svg.Element("rect", ("x", left), ("y", y), ("width", swatch), ("height", swatch), ("fill", Palette.Color(k)),
                ("stroke", "#444444"), ("stroke-width", 0.6));
            svg.TextElement("text", Categories[k], ("x", left + swatch + 6), ("y", y + swatch - 3), ("font-size", 11), ("fill", "#222222"));
        }
        svg.Close();
    }

    private void RenderColorBar(SvgWriter svg, double left, double top, double width, double height, string gradientId)
    {
        var (low, high) = ColorRange();
        svg.Open("g", ("class", "colorbar"));
        svg.Open("defs");
        svg.Open("linearGradient", ("id", gradientId), ("x1", 0), ("y1", 1), ("x2", 0), ("y2", 0));
        for (int k = 0; k <= 10; k++)
            svg.Element("stop", ("offset", (k / 10.0).ToString("0.0", CultureInfo.InvariantCulture)), ("stop-color", Colormap.Map(k / 10.0)));
        svg.Close();
        svg.Close();
        svg.Element("rect", ("x", left), ("y", top), ("width", width), ("height", height), ("fill", $"url(#{gradientId})"), ("stroke", "#444444"), ("stroke-width", 0.8));
        var ticks = Ticks.Linear(low, high, target: 5, extend: false);
        for (int k = 0; k < ticks.Values.Length; k++)
        {
            double y = top + height * (1 - (ticks.Values[k] - low) / (high - low));
            svg.Element("line", ("x1", left + width), ("y1", y), ("x2", left + width + 4), ("y2", y), ("stroke", "#444444"));
            svg.TextElement("text", ticks.Labels[k], ("x", left + width + 6), ("y", y + 3.5), ("font-size", 10), ("fill", "#222222"));
        }
        if (ColorBarLabel is not null)
        {
            double x = left + width + 44, y = top + height / 2;
            svg.TextElement("text", ColorBarLabel, ("x", x), ("y", y), ("font-size", 11), ("text-anchor", "middle"),
                ("transform", $"rotate(90 {SvgWriter.Number(x)} {SvgWriter.Number(y)})"), ("fill", "#222222"));
        }
        svg.Close();
    }

    internal override IEnumerable<(double X, double Y)> Footprint(PlotArea area) =>
        MlCgMd.Reports.Footprint.Rectangle(area.Left, area.Top, area.Right, area.Bottom);

    internal override void RenderSwatch(SvgWriter svg, double x, double y, string color) =>
        svg.Element("rect", ("x", x), ("y", y - 5), ("width", 20), ("height", 10), ("fill", Categories is null ? Colormap.Map(0.6) : Palette.Color(0)));

    private string? CellColor(double value, double low, double high)
    {
        if (!double.IsFinite(value)) return null;
        if (Categories is null) return Colormap.Map((value - low) / (high - low));
        return value >= 0 && value < Categories.Count && value == Math.Floor(value) ? Palette.Color((int)value) : null;
    }
}
