using System.Text;

namespace MlCgMd.Reports;

/// <summary>Splits (x, y) points into SVG "points" strings of consecutive drawable points.</summary>
internal static class PolylineRuns
{
    public static IEnumerable<string> Of(IReadOnlyList<double> x, IReadOnlyList<double> y, PlotArea area)
    {
        var run = new StringBuilder();
        int count = 0;
        for (int i = 0; i < x.Count; i++)
        {
            if (PlotArea.Drawable(x[i], area.XScale) && PlotArea.Drawable(y[i], area.YScale))
            {
                if (count > 0) run.Append(' ');
                run.Append(SvgWriter.Number(area.X(x[i]))).Append(',').Append(SvgWriter.Number(area.Y(y[i])));
                count++;
                continue;
            }
            if (count > 1) yield return run.ToString();
            run.Clear();
            count = 0;
        }
        if (count > 1) yield return run.ToString();
    }
}
