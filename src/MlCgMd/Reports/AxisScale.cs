namespace MlCgMd.Reports;

/// <summary>How data values map onto an axis.</summary>
public enum AxisScale
{
    Linear,

    /// <summary>Base-10 logarithmic; non-positive values are not drawn.</summary>
    Log,
}
