namespace MlCgMd.Reports;

/// <summary>Corner of the plot where the legend box goes, or none.</summary>
public enum LegendPosition
{
    /// <summary>
    /// The corner whose legend box covers the fewest drawn points (ties: top right, top left, bottom right, bottom left);
    /// beside the plot when every corner covers some (under it, in a panel too narrow for that).
    /// </summary>
    Best,
    TopRight,
    TopLeft,
    BottomRight,
    BottomLeft,
    None,
}
