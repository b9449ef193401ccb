using System.Globalization;

namespace MlCgMd.Reports;

/// <summary>
/// Bars over named categories (e.g. wall time per simulated tau, or speed-up over reference MD).
/// Category i sits at x = i; several bar series in one axes are drawn side by side and must share categories.
/// </summary>
public sealed class BarSeries : Series
{
    public IReadOnlyList<string> Categories { get; }

    public IReadOnlyList<double> Values { get; }

    /// <summary>Optional [categories] error half-lengths.</summary>
    public IReadOnlyList<double>? Errors { get; init; }

    /// <summary>Write each value above its bar, with this .NET format (e.g. "0.0x"); null = no value labels.</summary>
    public string? ValueFormat { get; init; }

    public BarSeries(IReadOnlyList<string> categories, IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(values);
        if (categories.Count != values.Count)
            throw new ArgumentException($"categories has {categories.Count} entries but values has {values.Count}; they must pair up.");
        if (categories.Count == 0)
            throw new ArgumentException("A bar series needs at least one category.", nameof(categories));
        Categories = categories;
        Values = values;
    }

    internal override DataExtent Extent(AxisScale xScale, AxisScale yScale)
    {
        var extent = DataExtent.Empty;
        for (int i = 0; i < Values.Count; i++)
        {
            double error = Errors is null || !double.IsFinite(Errors[i]) ? 0 : Errors[i];
            if (PlotArea.Drawable(Values[i], yScale)) extent = extent.Include(i, Values[i]);
            if (PlotArea.Drawable(Values[i] + error, yScale)) extent = extent.Include(i, Values[i] + error);
        }
        if (extent.IsEmpty) return extent;
        extent = extent.Include(-0.5, extent.YMin).Include(Values.Count - 0.5, extent.YMax);
        if (yScale == AxisScale.Linear) extent = extent.Include(0, 0);
        if (ValueFormat is null) return extent;
        // Headroom above the tallest bar for its value label.
        var padded = extent.Padded(0.08, xScale, yScale);
        return extent with { YMax = padded.YMax };
    }

    internal override void Render(SvgWriter svg, PlotArea area, SeriesStyle style)
    {
        const double groupWidth = 0.8; // in category units
        double slotWidth = groupWidth / Math.Max(1, style.BarSlots);
        double baseline = area.BaselineY();
        svg.Open("g", ("class", "series bar"), ("clip-path", $"url(#{area.ClipId})"), ("fill", style.Color));
        for (int i = 0; i < Values.Count; i++)
        {
            if (!PlotArea.Drawable(Values[i], area.YScale)) continue;
            double left = area.X(i - groupWidth / 2 + style.BarSlot * slotWidth);
            double right = area.X(i - groupWidth / 2 + (style.BarSlot + 1) * slotWidth);
            double top = area.Y(Values[i]);
            svg.Element("rect", ("x", left), ("y", Math.Min(top, baseline)), ("width", right - left), ("height", Math.Abs(baseline - top)));
            double middle = 0.5 * (left + right);
            double labelY = top;
            if (Errors is not null && double.IsFinite(Errors[i]) && Errors[i] > 0)
            {
                double upper = area.Y(Values[i] + Errors[i]);
                double lowerValue = Values[i] - Errors[i];
                double lower = PlotArea.Drawable(lowerValue, area.YScale) ? area.Y(lowerValue) : area.Bottom;
                svg.Element("line", ("x1", middle), ("y1", lower), ("x2", middle), ("y2", upper), ("stroke", "#333333"), ("stroke-width", 1.2));
                svg.Element("line", ("x1", middle - 4), ("y1", upper), ("x2", middle + 4), ("y2", upper), ("stroke", "#333333"), ("stroke-width", 1.2));
                labelY = Math.Min(labelY, upper);
            }
            if (ValueFormat is not null)
                svg.TextElement("text", Values[i].ToString(ValueFormat, CultureInfo.InvariantCulture), ("x", middle), ("y", labelY - 4),
                    ("font-size", 10), ("text-anchor", "middle"), ("fill", "#222222"));
        }
        svg.Close();
    }

    internal override IEnumerable<(double X, double Y)> Footprint(PlotArea area)
    {
        for (int i = 0; i < Values.Count; i++)
        {
            if (!PlotArea.Drawable(Values[i], area.YScale)) continue;
            // All slots of a category: the group is what the legend must not cover.
            var samples = MlCgMd.Reports.Footprint.Rectangle(area.X(i - 0.4), area.Y(Values[i]) - 14, area.X(i + 0.4), area.BaselineY());
            foreach (var sample in samples) yield return sample;
        }
    }

    internal override void RenderSwatch(SvgWriter svg, double x, double y, string color) =>
        svg.Element("rect", ("x", x), ("y", y - 5), ("width", 20), ("height", 10), ("fill", color));
}
