using MlCgMd.Reports;

namespace MlCgMd.Benchmarks;

/// <summary>
/// The cost-growth figure: simulated τ per wall second per core against fine beads per chain for every engine and
/// CG level (log-log), and the learned simulator's throughput against the chains per batch. Rows that could not be
/// measured are left out (the table printed beside it says why).
/// </summary>
public static class CostGrowthFigure
{
    public static Figure Draw(IReadOnlyList<CostGrowthRow> rows)
    {
        var size = new Axes
        {
            Title = "Cost growth with chain size (one core)", XLabel = "fine beads per chain", YLabel = "simulated τ per wall second",
            XScale = AxisScale.Log, YScale = AxisScale.Log,
        };
        foreach (var line in rows.Where(r => r.Series.StartsWith("size") && r.NotMeasured is null)
                     .GroupBy(r => r.Engine.StartsWith("learned") ? $"{r.Engine} ({r.Series[6..]})" : r.Engine))
        {
            var points = line.OrderBy(r => r.FineBeads).ToList();
            size.Add(new LineSeries(points.Select(r => (double)r.FineBeads).ToList(), points.Select(r => r.TauPerSecond).ToList())
                { Label = line.Key, Dashed = !line.Key.StartsWith("learned") });
        }
        var batch = new Axes
        {
            Title = "Learned throughput against batch size", XLabel = "chains per batch", YLabel = "simulated τ per wall second (all chains)",
            XScale = AxisScale.Log, YScale = AxisScale.Log,
        };
        foreach (var line in rows.Where(r => r.Series == "batch" && r.NotMeasured is null).GroupBy(r => r.Engine))
        {
            var points = line.OrderBy(r => r.Systems).ToList();
            batch.Add(new LineSeries(points.Select(r => (double)r.Systems).ToList(), points.Select(r => r.TauPerSecond).ToList()) { Label = line.Key });
        }
        var figure = new Figure { Columns = 2, PanelWidth = 520, PanelHeight = 380 };
        if (size.Series.Count > 0) figure.Add(size);
        if (batch.Series.Count > 0) figure.Add(batch);
        return figure;
    }
}
