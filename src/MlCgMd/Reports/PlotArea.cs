namespace MlCgMd.Reports;

/// <summary>The pixel rectangle of one panel's plot and the mapping from data to pixels (y grows downward in SVG).</summary>
internal sealed class PlotArea
{
    public double Left { get; }
    public double Top { get; }
    public double Width { get; }
    public double Height { get; }
    public AxisTicks XTicks { get; }
    public AxisTicks YTicks { get; }
    public AxisScale XScale { get; }
    public AxisScale YScale { get; }

    /// <summary>Id of the clip path that keeps series inside the plot rectangle.</summary>
    public string ClipId { get; }

    public PlotArea(double left, double top, double width, double height, AxisTicks xTicks, AxisTicks yTicks, AxisScale xScale, AxisScale yScale, string clipId)
    {
        Left = left; Top = top; Width = width; Height = height;
        XTicks = xTicks; YTicks = yTicks; XScale = xScale; YScale = yScale;
        ClipId = clipId;
    }

    public double Right => Left + Width;

    public double Bottom => Top + Height;

    public double X(double value) => Left + Width * Fraction(value, XTicks, XScale);

    public double Y(double value) => Bottom - Height * Fraction(value, YTicks, YScale);

    /// <summary>Pixel row of y = 0 on a linear axis (clamped to the plot), or the bottom edge on a log axis: where bars start.</summary>
    public double BaselineY() => YScale == AxisScale.Log ? Bottom : Math.Clamp(Y(0), Top, Bottom);

    public static bool Drawable(double value, AxisScale scale) =>
        double.IsFinite(value) && (scale == AxisScale.Linear || value > 0);

    private static double Fraction(double value, AxisTicks ticks, AxisScale scale)
    {
        double fraction = scale == AxisScale.Log
            ? (Math.Log10(value) - Math.Log10(ticks.Lower)) / (Math.Log10(ticks.Upper) - Math.Log10(ticks.Lower))
            : (value - ticks.Lower) / (ticks.Upper - ticks.Lower);
        // Far-off points still give finite coordinates; the clip path hides them.
        return Math.Clamp(fraction, -10, 11);
    }
}
