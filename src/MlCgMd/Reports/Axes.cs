namespace MlCgMd.Reports;

/// <summary>
/// One panel of a <see cref="Figure"/>: a plot with its title, axis labels (put units in them, e.g. "t (τ)"),
/// scales, optional fixed limits, legend position and the series drawn in it (in order, later on top).
/// Limits not given are taken from the data and rounded outward to nice ticks.
/// </summary>
public sealed class Axes
{
    public string? Title { get; init; }

    public string? XLabel { get; init; }

    public string? YLabel { get; init; }

    public AxisScale XScale { get; init; } = AxisScale.Linear;

    public AxisScale YScale { get; init; } = AxisScale.Linear;

    /// <summary>Fixed x range in data units; null = from the data.</summary>
    public (double Lower, double Upper)? XLimits { get; init; }

    /// <summary>Fixed y range in data units; null = from the data.</summary>
    public (double Lower, double Upper)? YLimits { get; init; }

    /// <summary>
    /// Where the legend goes. <see cref="LegendPosition.Best"/> takes the corner that hides the fewest drawn points and
    /// annotations; when every corner would hide some, the legend goes beside the plot instead (or under it, when the
    /// panel is too narrow).
    /// </summary>
    public LegendPosition Legend { get; init; } = LegendPosition.Best;

    /// <summary>One data unit spans as many pixels on x as on y (positions, maps): the narrower range is widened to fit.</summary>
    public bool EqualAspect { get; init; }

    public List<Series> Series { get; } = [];

    /// <summary>Adds a series and returns this axes, for chaining.</summary>
    public Axes Add(Series series)
    {
        ArgumentNullException.ThrowIfNull(series);
        Series.Add(series);
        return this;
    }
}
