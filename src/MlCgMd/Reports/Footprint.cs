namespace MlCgMd.Reports;

/// <summary>Pixel samples of drawn shapes, for legend placement (<see cref="Series.Footprint"/>).</summary>
internal static class Footprint
{
    private const double Spacing = 8; // px between samples along a segment

    /// <summary>Samples along the polyline through the drawable (x, y) data points.</summary>
    public static IEnumerable<(double X, double Y)> Polyline(IReadOnlyList<double> x, IReadOnlyList<double> y, PlotArea area)
    {
        (double X, double Y)? previous = null;
        for (int i = 0; i < x.Count; i++)
        {
            if (!PlotArea.Drawable(x[i], area.XScale) || !PlotArea.Drawable(y[i], area.YScale))
            {
                previous = null;
                continue;
            }
            var point = (area.X(x[i]), area.Y(y[i]));
            foreach (var sample in previous is { } start ? Segment(start, point) : [point])
                yield return sample;
            previous = point;
        }
    }

    /// <summary>Samples from <paramref name="start"/> (exclusive) to <paramref name="end"/> (inclusive).</summary>
    public static IEnumerable<(double X, double Y)> Segment((double X, double Y) start, (double X, double Y) end)
    {
        double length = Math.Sqrt((end.X - start.X) * (end.X - start.X) + (end.Y - start.Y) * (end.Y - start.Y));
        int steps = Math.Max(1, (int)Math.Min(2000, Math.Ceiling(length / Spacing)));
        for (int k = 1; k <= steps; k++)
        {
            double f = (double)k / steps;
            yield return (start.X + f * (end.X - start.X), start.Y + f * (end.Y - start.Y));
        }
    }

    /// <summary>Samples filling the pixel rectangle between two corners.</summary>
    public static IEnumerable<(double X, double Y)> Rectangle(double x1, double y1, double x2, double y2)
    {
        double left = Math.Min(x1, x2), right = Math.Max(x1, x2), top = Math.Min(y1, y2), bottom = Math.Max(y1, y2);
        int columns = Math.Min(500, (int)Math.Ceiling((right - left) / Spacing)), rows = Math.Min(500, (int)Math.Ceiling((bottom - top) / Spacing));
        for (int i = 0; i <= columns; i++)
            for (int j = 0; j <= rows; j++)
                yield return (left + (right - left) * i / Math.Max(1, columns), top + (bottom - top) * j / Math.Max(1, rows));
    }
}
