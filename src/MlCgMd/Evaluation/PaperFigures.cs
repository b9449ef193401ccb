using MlCgMd.Analysis;
using MlCgMd.Reports;

namespace MlCgMd.Evaluation;

/// <summary>The paper's figure set, drawn from evaluations of learned rollouts against reference MD.</summary>
public static class PaperFigures
{
    private const string Md = "reference MD";
    private const string Ml = "learned simulator";

    /// <summary>
    /// Rg² distributions per test polymer, MD vs ML (one panel each, at most <paramref name="maxPanels"/>), with the
    /// Wasserstein-1 distance in each panel's title and one legend for all panels.
    /// </summary>
    public static Figure Rg2Distributions(EvaluationResult result, int maxPanels = 12)
    {
        var figure = new Figure { Title = "Rg² distributions per test polymer", Columns = 4, PanelWidth = 300, PanelHeight = 230, SharedLegend = true };
        foreach (PolymerEvaluation p in result.Polymers.Take(maxPanels))
        {
            var axes = new Axes { Title = $"{p.Name}: W1 = {p.Rg2Distribution.Wasserstein1:G3} σ²", XLabel = "Rg² (σ²)", YLabel = "density (1/σ²)" };
            axes.Add(new HistogramSeries(p.Rg2Distribution.Reference.Edges, p.Rg2Distribution.Reference.Density) { Label = Md, Style = HistogramStyle.Bars });
            axes.Add(new HistogramSeries(p.Rg2Distribution.Predicted.Edges, p.Rg2Distribution.Predicted.Density) { Label = Ml });
            figure.Add(axes);
        }
        return figure;
    }

    /// <summary>Mean CG Rg per polymer, ML against MD, with y = x and r².</summary>
    public static Figure MeanRgScatter(EvaluationResult result)
    {
        var axes = new Axes { Title = "Mean Rg per test polymer", XLabel = "reference MD mean Rg (σ)", YLabel = "learned simulator mean Rg (σ)" };
        axes.Add(ParityOrPoints(result.Polymers.Select(p => p.ReferenceMeanRg).ToList(),
            result.Polymers.Select(p => p.RolloutMeanRg).ToList()));
        return new Figure(axes);
    }

    /// <summary>Normalised ACF of Rg² per polymer, MD vs ML, against time (τ).</summary>
    public static Figure AcfCurves(EvaluationResult result, int maxPanels = 12)
    {
        var figure = new Figure { Title = "Autocorrelation of Rg²", Columns = 4, PanelWidth = 300, PanelHeight = 230, SharedLegend = true };
        foreach (PolymerEvaluation p in result.Polymers.Where(p => p.ReferenceTau is not null).Take(maxPanels))
        {
            var axes = new Axes { Title = p.Name, XLabel = "lag (τ)", YLabel = "C(t)" };
            axes.Add(AcfLine(p.ReferenceTau!, Md));
            if (p.RolloutTau is not null) axes.Add(AcfLine(p.RolloutTau, Ml));
            figure.Add(axes);
        }
        return figure;
    }

    private static LineSeries AcfLine(RelaxationTimeSummary tau, string label)
    {
        // Up to a few relaxation times; further lags are noise.
        int lags = Math.Min(tau.Acf.Length, Math.Max(8, (int)(6 * Math.Max(tau.Point.Integral, tau.Dt) / tau.Dt)));
        return new LineSeries(Enumerable.Range(0, lags).Select(k => k * tau.Dt).ToList(), tau.Acf.Take(lags).ToList()) { Label = label };
    }

    /// <summary>Rg² relaxation time per polymer (integral estimator), ML against MD, with bootstrap error bars.</summary>
    public static Figure RelaxationTimeScatter(EvaluationResult result)
    {
        var rows = result.Polymers.Where(p => p.ReferenceTau is not null && p.RolloutTau is not null).ToList();
        var axes = new Axes { Title = "Relaxation time of Rg²", XLabel = "reference MD τ_R (τ)", YLabel = "learned simulator τ_R (τ)" };
        if (rows.Count > 0)
        {
            var x = rows.Select(p => p.ReferenceTau!.Integral.Value).ToList();
            var y = rows.Select(p => p.RolloutTau!.Integral.Value).ToList();
            axes.Add(ParityOrPoints(x, y));
            axes.Add(new ErrorBarSeries(x, y, rows.Select(p => p.RolloutTau!.Integral.StandardError).ToList()) { ShowMarkers = false });
        }
        return new Figure(axes);
    }

    /// <summary>
    /// A parity scatter with y = x and r², or plain points when fewer than two polymers can be compared. Unlabelled:
    /// one series needs no legend (the captions say what the points and the line are).
    /// </summary>
    private static ScatterSeries ParityOrPoints(List<double> reference, List<double> predicted) =>
        reference.Count >= 2
            ? ScatterSeries.Parity(reference, predicted)
            : new ScatterSeries(reference, predicted) { ShowIdentityLine = true };

    /// <summary>Relaxation times from shorter reference runs vs the rollout, for one polymer.</summary>
    public static Figure ShorterReference(PolymerEvaluation p)
    {
        var axes = new Axes
        {
            Title = $"{p.Name}: τ_R from MD of shorter length", XLabel = "reference MD length (τ)", YLabel = "τ_R (τ)", XScale = AxisScale.Log,
        };
        if (p.ShorterReference.Count > 0)
        {
            axes.Add(new LineSeries(p.ShorterReference.Select(r => r.Duration).ToList(),
                p.ShorterReference.Select(r => r.Times.Integral).ToList()) { Label = "MD prefix (integral)" });
            if (p.RolloutTau is not null)
            {
                double duration = p.RolloutRg2.Length * p.RolloutDt;
                axes.Add(new ErrorBarSeries([duration], [p.RolloutTau.Integral.Value], [p.RolloutTau.Integral.StandardError])
                    { Label = "learned rollout" });
            }
        }
        return new Figure(axes);
    }

    /// <summary>Contact maps of one polymer: MD and ML side by side (same colour range).</summary>
    public static Figure ContactMaps(PolymerEvaluation p)
    {
        int m = p.Beads;
        var md = new Axes { Title = $"{p.Name}: reference MD", XLabel = "bead", YLabel = "bead" };
        md.Add(new HeatMapSeries(p.ReferenceContacts.Frequency, m, m) { Minimum = 0, Maximum = 1, ColorBarLabel = "contact frequency" });
        var ml = new Axes { Title = $"{p.Name}: learned simulator", XLabel = "bead", YLabel = "bead" };
        ml.Add(new HeatMapSeries(p.RolloutContacts.Frequency, m, m) { Minimum = 0, Maximum = 1, ColorBarLabel = "contact frequency" });
        return new Figure(md, ml) { Columns = 2, Title = "Bead contact maps" };
    }

    /// <summary>CG bond-length distributions pooled over polymers, MD vs ML.</summary>
    public static Figure BondLengths(EvaluationResult result)
    {
        var reference = result.Polymers.SelectMany(p => p.ReferenceBondLengths).ToList();
        var rollout = result.Polymers.SelectMany(p => p.RolloutBondLengths).ToList();
        var axes = new Axes { Title = "CG bond lengths", XLabel = "bond length (σ)", YLabel = "density (1/σ)" };
        if (reference.Count > 0 && rollout.Count > 0)
        {
            var edges = Histogram.SharedEdges(50, reference, rollout);
            axes.Add(new HistogramSeries(edges, Histogram.Compute(reference, edges).Density) { Label = Md, Style = HistogramStyle.Bars });
            axes.Add(new HistogramSeries(edges, Histogram.Compute(rollout, edges).Density) { Label = Ml });
        }
        return new Figure(axes);
    }

    /// <summary>
    /// The Score-GNN ablation: how many systems are still running after each step (a system stops at its first failed
    /// stability check), how many stopped, and the mean steps before stopping, with and without refinement.
    /// </summary>
    public static Figure ScoreGnnAblation(EvaluationResult withScore, EvaluationResult withoutScore)
    {
        string[] categories = ["with Score GNN", "without Score GNN"];
        var running = new Axes { Title = $"Systems still running (n = {withScore.SystemCount})", XLabel = "model step", YLabel = "systems" };
        running.Add(StillRunning(withScore, categories[0], dashed: false));
        running.Add(StillRunning(withoutScore, categories[1], dashed: true));
        var failed = new Axes { Title = "Systems stopped early", YLabel = "systems" };
        failed.Add(new BarSeries(categories, [withScore.FailedSystems, withoutScore.FailedSystems]) { ValueFormat = "0" });
        var survival = new Axes { Title = "Mean steps before stopping", YLabel = $"steps (of {withScore.Steps})" };
        survival.Add(new BarSeries(categories, [withScore.MeanStepsBeforeFailure, withoutScore.MeanStepsBeforeFailure]) { ValueFormat = "G4" });
        return new Figure(running, failed, survival) { Columns = 3, Title = "Score-GNN ablation", PanelWidth = 330 };
    }

    /// <summary>Step curve of the number of systems not yet stopped against the model step.</summary>
    private static LineSeries StillRunning(EvaluationResult result, string label, bool dashed)
    {
        var stops = result.Polymers.Select(p => p.FailedStep).Concat(result.StoppedBeforeTwoFrames.Select(s => (long?)(s.FailedStep ?? 0)))
            .Where(s => s is not null).Select(s => (double)s!.Value).Order().ToList();
        int running = result.SystemCount;
        var x = new List<double> { 0 };
        var y = new List<double> { running };
        foreach (double step in stops)
        {
            x.Add(step); y.Add(running);
            running--;
            x.Add(step); y.Add(running);
        }
        x.Add(result.Steps); y.Add(running);
        return new LineSeries(x, y) { Label = label, Dashed = dashed };
    }

    /// <summary>Simulated time per wall-clock second for each engine, on a linear axis (bar lengths compare), values on the bars.</summary>
    public static Figure SpeedUp(IReadOnlyList<(string Engine, double TauPerSecond)> speeds)
    {
        var axes = new Axes { Title = "Speed on the same systems", YLabel = "simulated τ per wall-clock second", Legend = LegendPosition.None };
        axes.Add(new BarSeries(speeds.Select(s => s.Engine).ToList(), speeds.Select(s => s.TauPerSecond).ToList()) { ValueFormat = "G4" });
        return new Figure(axes) { PanelWidth = 520 };
    }
}
