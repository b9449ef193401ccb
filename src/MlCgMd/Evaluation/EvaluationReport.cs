using System.Globalization;
using MlCgMd.Reports;

namespace MlCgMd.Evaluation;

/// <summary>
/// The HTML report of a learned rollout against reference MD: narrative, tables and the
/// paper's figures, plus the metrics as JSON. Optional parts: the Score-GNN ablation
/// (a second evaluation without refinement) and speed measurements.
/// </summary>
public static class EvaluationReport
{
    public static HtmlReport Build(string title, EvaluationResult result, EvaluationResult? withoutScore = null,
                                   IReadOnlyList<SpeedMeasurement>? speeds = null, string? context = null)
    {
        var report = new HtmlReport(title);
        report.Section("What was run");
        if (context is not null) report.Paragraph(context);
        report.Paragraph($"{result.SystemCount} unseen test polymers were rolled out for {result.Steps} steps of " +
                         $"{F(result.StepTau)} τ each ({F(result.Steps * result.StepTau)} τ per polymer), " +
                         (result.Refined ? "with" : "without") + " Score-GNN refinement. " +
                         $"Both the rollout and the reference MD are analysed at CG level with the same METIS beads.");

        if (result.StoppedBeforeTwoFrames.Count > 0)
            report.Paragraph($"{result.StoppedBeforeTwoFrames.Count} of them were stopped by a stability check before two frames " +
                             "were written and have no structural statistics: " +
                             string.Join("; ", result.StoppedBeforeTwoFrames.Select(s => $"{s.Name} at step {s.FailedStep} ({s.Failure})")) + ".");
        if (result.Polymers.Count > 0) AddComparisons(report, result);
        AddStability(report, result, withoutScore);
        if (speeds is { Count: > 0 })
        {
            report.Section("Speed");
            report.Figure(PaperFigures.SpeedUp(speeds.Select(s => (s.Engine, s.TauPerSecond)).ToList()),
                "Simulated time per wall-clock second on the same systems, measured in one run.");
            report.Table(PaperTables.Speed(speeds));
        }
        report.Metrics(new MetricsFile(result.Summary(), withoutScore?.Summary(), speeds));
        return report;
    }

    /// <summary>
    /// A closing section on a second model, the one trained from scratch in the same run (its
    /// rollouts with and without the Score GNN): statements with n, the stability comparison.
    /// </summary>
    public static void AddTrainedHere(HtmlReport report, EvaluationResult withScore, EvaluationResult withoutScore, string context)
    {
        report.Section("A model trained in this run");
        report.Paragraph(context);
        report.Paragraph($"With the Score GNN: {withScore.FailedSystems} of {withScore.SystemCount} polymers stopped early " +
                         $"(mean steps before stopping {F(withScore.MeanStepsBeforeFailure)} of {withScore.Steps}); without: " +
                         $"{withoutScore.FailedSystems} of {withoutScore.SystemCount} ({F(withoutScore.MeanStepsBeforeFailure)}).");
        report.Paragraph($"With the Score GNN, {withScore.MeanRgStatement()}.");
        report.Paragraph($"With the Score GNN, {withScore.RelaxationTimeStatement()}.");
        report.Figure(PaperFigures.ScoreGnnAblation(withScore, withoutScore),
            "The model trained in this run: stability with and without the Score GNN.");
    }

    private static void AddComparisons(HtmlReport report, EvaluationResult result)
    {
        report.Section("Structure: radius of gyration");
        report.Paragraph($"Learned against reference, {result.MeanRgStatement()}. The paper reports r² = 0.90 on its data. " +
                         $"Rg² distributions: median W1 over {result.Polymers.Count} polymers {F(result.MedianRg2Wasserstein1)} σ² " +
                         $"against {F(result.MedianHalvesRg2Wasserstein1)} σ² between the two halves of each reference run (MD against MD).");
        report.Figure(PaperFigures.MeanRgScatter(result), "Mean CG radius of gyration per test polymer; the line is y = x.");
        report.Figure(PaperFigures.Rg2Distributions(result), "Rg² distributions, reference MD (bars) vs learned simulator (line).");
        report.Table(PaperTables.Structure(result));

        report.Section("Dynamics: relaxation of Rg²");
        report.Paragraph($"Learned against reference, {result.RelaxationTimeStatement()}. The integral estimator integrates the " +
                         "ACF to its first zero. The paper reports r² = 0.48.");
        report.Figure(PaperFigures.AcfCurves(result), "Normalised autocorrelation of Rg² against lag time.");
        report.Figure(PaperFigures.RelaxationTimeScatter(result), "Rg² relaxation time per polymer with block-bootstrap standard errors.");
        report.Table(PaperTables.RelaxationTimes(result));
        if (result.Polymers.FirstOrDefault(p => p.ShorterReference.Count > 0) is { } example)
            report.Figure(PaperFigures.ShorterReference(example),
                "Baseline: the same estimate from reference MD of shorter lengths (prefixes of the reference).");

        report.Section("Contacts and bonds");
        PolymerEvaluation shown = result.Polymers.OrderByDescending(p => p.Beads).First();
        report.Figure(PaperFigures.ContactMaps(shown), "Bead contact frequencies (contact: closer than the mean CG bond length).");
        report.Figure(PaperFigures.BondLengths(result), "CG bond-length distributions over all test polymers.");
    }

    private static void AddStability(HtmlReport report, EvaluationResult result, EvaluationResult? withoutScore)
    {
        report.Section("Stability");
        report.Paragraph($"{result.FailedSystems} of {result.SystemCount} polymers were stopped by a stability check " +
                         $"(mean {F(result.MeanStepsBeforeFailure)} steps before stopping, of {result.Steps}; a stable system " +
                         "counts as the full length). A system stops at its first bead collision, over-stretched CG bond or " +
                         "non-finite position, so its saved frames hold none of these.");
        if (withoutScore is not null)
        {
            report.Paragraph($"Without Score-GNN refinement: {withoutScore.FailedSystems} of {withoutScore.SystemCount} stopped " +
                             $"(mean {F(withoutScore.MeanStepsBeforeFailure)} steps before stopping).");
            report.Figure(PaperFigures.ScoreGnnAblation(result, withoutScore),
                "The same rollouts with and without the Score GNN: systems still running after each model step, systems stopped early, mean steps before stopping.");
            report.Table(PaperTables.Ablation(result, withoutScore));
        }
    }

    private static string F(double value) => value.ToString("G3", CultureInfo.InvariantCulture);
}
