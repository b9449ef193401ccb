using System.Text.Json.Serialization;

namespace MlCgMd.Analysis;

/// <summary>
/// Agreement of per-system predictions y (e.g. ML rollout mean Rg or relaxation time per polymer) with
/// references x (reference MD).
/// </summary>
/// <param name="PearsonR">Pearson correlation of y with x.</param>
/// <param name="PearsonRSquared">PearsonR^2: how well y follows some line in x. The figures' "r^2" annotation shows this.</param>
/// <param name="IdentityRSquared">Coefficient of determination of y = x, 1 - sum (y - x)^2 / sum (x - mean x)^2:
/// how well y equals x, against the spread of the references; can be negative.</param>
/// <param name="MeanAbsoluteError">mean |y - x|, in the unit of the values.</param>
/// <param name="MeanRelativeError">mean |y - x| / |x| (dimensionless; NaN if some x is 0).</param>
public sealed record ScatterStatistics(
    [property: JsonPropertyName("count")] int Count,
    [property: JsonPropertyName("pearson_r")] double PearsonR,
    [property: JsonPropertyName("pearson_r_squared")] double PearsonRSquared,
    [property: JsonPropertyName("identity_r_squared")] double IdentityRSquared,
    [property: JsonPropertyName("mean_absolute_error")] double MeanAbsoluteError,
    [property: JsonPropertyName("mean_relative_error")] double MeanRelativeError)
{
    /// <param name="x">[n] reference values.</param>
    /// <param name="y">[n] predicted values.</param>
    public static ScatterStatistics Compute(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count)
            throw new ArgumentException($"x has {x.Count} values but y has {y.Count}; they must pair up.");
        int n = x.Count;
        if (n < 2)
            throw new ArgumentException($"Need at least 2 pairs, got {n}.");
        double meanX = x.Average(), meanY = y.Average();
        double sxx = 0, syy = 0, sxy = 0, residual = 0, absolute = 0, relative = 0;
        for (int i = 0; i < n; i++)
        {
            double dx = x[i] - meanX, dy = y[i] - meanY;
            sxx += dx * dx;
            syy += dy * dy;
            sxy += dx * dy;
            double error = y[i] - x[i];
            residual += error * error;
            absolute += Math.Abs(error);
            relative += x[i] == 0 ? double.NaN : Math.Abs(error) / Math.Abs(x[i]);
        }
        double r = sxx > 0 && syy > 0 ? sxy / Math.Sqrt(sxx * syy) : double.NaN;
        double identity = sxx > 0 ? 1 - residual / sxx : double.NaN;
        return new ScatterStatistics(n, r, r * r, identity, absolute / n, relative / n);
    }
}
