using System.Globalization;
using MlCgMd.Reports;

namespace MlCgMd.Evaluation;

/// <summary>
/// The HTML report of a learned electrolyte rollout against reference MD: Li+ transport (MSD curves, log10 D parity),
/// Li+–anion coordination, stability, per-composition tables, and the metrics as JSON.
/// </summary>
public static class ElectrolyteReport
{
    private const string Md = "reference MD";
    private const string Ml = "learned simulator";

    public static HtmlReport Build(string title, ElectrolyteEvaluationResult result)
    {
        var report = new HtmlReport(title);
        report.Section("What was run");
        report.Paragraph($"{result.Systems.Count} unseen test compositions were rolled out for {result.Steps} steps of {F(result.StepTau)} τ " +
                         $"each ({F(result.Steps * result.StepTau)} τ per box), " + (result.Refined ? "with" : "without") +
                         " Score-GNN refinement. Rollout and reference MD are analysed on the same CG beads; each Li+ and each anion is its own bead.");

        report.Section("Li+ transport");
        report.Paragraph(result.DiffusivityStatement() + ". D is the slope of the MSD over one window in τ shared by the reference and the " +
                         $"rollout ({F(result.Systems[0].FitStart)}–{F(result.Systems[0].FitEnd)} τ: a tenth to a half of the reference), divided by 6; " +
                         "errors are bootstrap standard errors resampling ions (a lower bound where ions move together).");
        report.Figure(MsdCurves(result), "Li+ mean squared displacement per composition, reference MD and learned rollout; the shaded fit window is marked by its ends.");
        report.Figure(DiffusivityParity(result), "log10 D(Li+) per composition, rollout against reference, with the rollout's bootstrap error; the line is y = x.");
        report.Table(Transport(result));
        report.Paragraph(result.ChemistryBaselineStatement + ". A rollout's across-composition agreement shows more than recognising " +
                         "the chemistry only where it beats this lookup.");
        report.Paragraph(result.LithiumStepMsdStatement() + ". This short-time mobility needs only two rollout frames, so it " +
                         "covers boxes that stop before the fit window.");

        report.Section("Structure: Li+–anion coordination");
        report.Figure(CoordinationParity(result), "Li+–anion coordination number per composition (anion beads within the first minimum of g(r)).");

        report.Section("Stability");
        report.Paragraph($"{result.StoppedEarly} of {result.Systems.Count} rollouts were stopped by a stability check (mean " +
                         $"{F(result.MeanStepsBeforeStop)} steps before stopping, of {result.Steps}; a stable box counts as the full length). " +
                         "A box stops at its first CG bead collision (minimum image), over-stretched CG bond or non-finite position.");
        if (result.Systems.Any(s => s.ReferenceBondedMotion is not null))
            report.Table(BondedMotionTable(result));
        report.Metrics(result);
        return report;
    }

    public static Figure MsdCurves(ElectrolyteEvaluationResult result)
    {
        var figure = new Figure { Title = "Li+ MSD", Columns = 4, PanelWidth = 300, PanelHeight = 230, SharedLegend = true };
        foreach (ElectrolyteSystemEvaluation s in result.Systems)
        {
            var axes = new Axes { Title = s.Name, XLabel = "lag (τ)", YLabel = "MSD (σ²)", XScale = AxisScale.Log, YScale = AxisScale.Log };
            axes.Add(Curve(s.ReferenceLithiumMsd, s.ReferenceDt, Md, dashed: false));
            if (s.RolloutLithiumMsd.Length > 1) axes.Add(Curve(s.RolloutLithiumMsd, s.RolloutDt, Ml, dashed: true));
            figure.Add(axes);
        }
        return figure;
    }

    /// <summary>The MSD from lag 1 on (lag 0 has no place on log axes).</summary>
    private static LineSeries Curve(double[] msd, double dt, string label, bool dashed) =>
        new(Enumerable.Range(1, msd.Length - 1).Select(k => k * dt).ToList(), msd.Skip(1).ToList()) { Label = label, Dashed = dashed };

    public static Figure DiffusivityParity(ElectrolyteEvaluationResult result)
    {
        var rows = result.Compared;
        var axes = new Axes { Title = "Li+ self-diffusion", XLabel = "reference MD log10 D (σ²/τ)", YLabel = "learned simulator log10 D (σ²/τ)" };
        if (rows.Count > 0)
        {
            var x = rows.Select(s => Math.Log10(s.ReferenceLithium.Value)).ToList();
            var y = rows.Select(s => Math.Log10(s.RolloutLithium!.Value)).ToList();
            axes.Add(rows.Count >= 2 ? ScatterSeries.Parity(x, y) : new ScatterSeries(x, y) { ShowIdentityLine = true });
            // d log10 D = dD / (D ln 10)
            axes.Add(new ErrorBarSeries(x, y, rows.Select(s => s.RolloutLithium!.StandardError / (s.RolloutLithium.Value * Math.Log(10))).ToList())
                { ShowMarkers = false });
        }
        return new Figure(axes);
    }

    public static Figure CoordinationParity(ElectrolyteEvaluationResult result)
    {
        var rows = result.Systems.Where(s => double.IsFinite(s.RolloutCoordination)).ToList();
        var axes = new Axes { Title = "Li+–anion coordination", XLabel = "reference MD", YLabel = "learned simulator" };
        if (rows.Count > 0)
        {
            var x = rows.Select(s => s.ReferenceCoordination).ToList();
            var y = rows.Select(s => s.RolloutCoordination).ToList();
            axes.Add(rows.Count >= 2 ? ScatterSeries.Parity(x, y) : new ScatterSeries(x, y) { ShowIdentityLine = true });
        }
        return new Figure(axes);
    }

    public static HtmlTable Transport(ElectrolyteEvaluationResult result) =>
        new(["composition", "beads", "steps run", "D(Li+) MD", "± SE", "D(Li+) ML", "± SE", "D(anion) MD", "D(anion) ML",
             "CN Li–An MD", "CN Li–An ML", "stopped"],
            result.Systems.Select(s => (IReadOnlyList<object?>)
            [
                s.Name, s.Beads, s.StepsDone, s.ReferenceLithium.Value, s.ReferenceLithium.StandardError, s.RolloutLithium?.Value,
                s.RolloutLithium?.StandardError, s.ReferenceAnion.Value, s.RolloutAnion?.Value, s.ReferenceCoordination,
                double.IsFinite(s.RolloutCoordination) ? s.RolloutCoordination : null, s.Failure ?? "—",
            ]), $"Per composition (n = {result.Systems.Count}); D in σ²/τ; an empty ML cell: the rollout was too short for the fit window.", "G3");

    public static HtmlTable BondedMotionTable(ElectrolyteEvaluationResult result)
    {
        var rows = result.Systems.Where(s => s.ReferenceBondedMotion is not null).ToList();
        return new(["composition", "CG bonds", "mean CG bond MD (σ)", "ML", "bonded displacement correlation MD", "ML",
                    "bond-vector change² MD (σ²)", "ML"],
            rows.Select(s => (IReadOnlyList<object?>)
            [
                s.Name, s.ReferenceBondedMotion!.Bonds, s.ReferenceBondedMotion.MeanBondLength, s.RolloutBondedMotion?.MeanBondLength,
                s.ReferenceBondedMotion.DisplacementCorrelation, s.RolloutBondedMotion?.DisplacementCorrelation,
                s.ReferenceBondedMotion.BondChangeMeanSquare, s.RolloutBondedMotion?.BondChangeMeanSquare,
            ]), $"CG bonds per composition with CG bonds (n = {rows.Count}): over the valid frames, and over one model step of " +
                $"{F(result.StepTau)} τ (the reference's frames at the same spacing). Bonded beads move together in MD; " +
                "a simulator that samples every bead's displacement independently does not, and its bonds change faster.", "G3");
    }

    private static string F(double value) => value.ToString("G3", CultureInfo.InvariantCulture);
}
