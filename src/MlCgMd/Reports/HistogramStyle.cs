namespace MlCgMd.Reports;

public enum HistogramStyle
{
    /// <summary>Outline of the bin tops (several overlaid distributions stay readable).</summary>
    Step,

    /// <summary>Filled translucent bars.</summary>
    Bars,
}
