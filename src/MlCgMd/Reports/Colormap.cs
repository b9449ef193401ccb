using System.Globalization;

namespace MlCgMd.Reports;

/// <summary>A sequential colormap, linearly interpolated between anchor colours.</summary>
public sealed class Colormap
{
    private readonly (double R, double G, double B)[] _anchors;

    private Colormap(params string[] hexAnchors)
    {
        _anchors = hexAnchors.Select(h => (
            (double)int.Parse(h.AsSpan(1, 2), NumberStyles.HexNumber),
            (double)int.Parse(h.AsSpan(3, 2), NumberStyles.HexNumber),
            (double)int.Parse(h.AsSpan(5, 2), NumberStyles.HexNumber))).ToArray();
    }

    /// <summary>Perceptually uniform dark-purple to yellow map (matplotlib's viridis sampled at 10 anchors).</summary>
    public static Colormap Viridis { get; } = new(
        "#440154", "#482878", "#3e4989", "#31688e", "#26828e", "#1f9e89", "#35b779", "#6ece58", "#b5de2b", "#fde725");

    /// <summary>The colour at position <paramref name="t"/> in [0, 1] (clamped), as #rrggbb.</summary>
    public string Map(double t)
    {
        if (double.IsNaN(t)) t = 0;
        t = Math.Clamp(t, 0, 1) * (_anchors.Length - 1);
        int low = Math.Min((int)Math.Floor(t), _anchors.Length - 2);
        double f = t - low;
        var (r0, g0, b0) = _anchors[low];
        var (r1, g1, b1) = _anchors[low + 1];
        return $"#{Channel(r0 + f * (r1 - r0))}{Channel(g0 + f * (g1 - g0))}{Channel(b0 + f * (b1 - b0))}";
    }

    private static string Channel(double value) => ((int)Math.Round(value)).ToString("x2", CultureInfo.InvariantCulture);
}
