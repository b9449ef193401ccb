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

    public LegendPosition Legend { get; init; } = LegendPosition.Best;

    public List<Series> Series { get; } = [];

    /// <summary>Adds a series and returns this axes, for chaining.</summary>
    public Axes Add(Series series)
    {
        ArgumentNullException.ThrowIfNull(series);
        Series.Add(series);
        return this;
    }
}
