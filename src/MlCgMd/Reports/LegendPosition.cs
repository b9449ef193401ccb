namespace MlCgMd.Reports;

/// <summary>Corner of the plot where the legend box goes, or none.</summary>
public enum LegendPosition
{
    TopRight,
    TopLeft,
    BottomRight,
    BottomLeft,
    None,
}
