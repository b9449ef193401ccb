using System.Globalization;
using MlCgMd.Analysis;
using MlCgMd.Reports;

namespace MlCgMd.Evaluation;

/// <summary>The tables that go with <see cref="PaperFigures"/>: per-polymer structure and dynamics, stability, speed.</summary>
public static class PaperTables
{
    /// <summary>Mean Rg, Rg² distance and the stopping step per polymer.</summary>
    public static HtmlTable Structure(EvaluationResult result) =>
        new(["polymer", "beads", "MD mean Rg (σ)", "ML mean Rg (σ)", "W1 of Rg² (σ²)", "KS", "stopped at step"],
            result.Polymers.Select(p => (IReadOnlyList<object?>)
            [
                p.Name, p.Beads, p.ReferenceMeanRg, p.RolloutMeanRg, p.Rg2Distribution.Wasserstein1,
                p.Rg2Distribution.KolmogorovSmirnov, p.FailedStep?.ToString(CultureInfo.InvariantCulture) ?? "—",
            ]), $"Per-polymer structure (n = {result.Polymers.Count} polymers with at least two rollout frames).", "G4");

    /// <summary>Rg² relaxation times per polymer by the three estimators, with the rollout's bootstrap error.</summary>
    public static HtmlTable RelaxationTimes(EvaluationResult result)
    {
        var rows = result.Polymers.Where(p => p.ReferenceTau is not null).ToList();
        return new(["polymer", "MD τ integral", "MD τ exp. fit", "MD τ 1/e", "ML τ integral", "ML τ exp. fit", "ML τ 1/e", "ML τ SE"],
            rows.Select(p => (IReadOnlyList<object?>)
            [
                p.Name, p.ReferenceTau!.Point.Integral, p.ReferenceTau.Point.ExponentialFit, p.ReferenceTau.Point.InverseE,
                p.RolloutTau?.Point.Integral, p.RolloutTau?.Point.ExponentialFit, p.RolloutTau?.Point.InverseE,
                p.RolloutTau?.Integral.StandardError,
            ]), $"Relaxation times (τ) by three estimators (n = {rows.Count} polymers whose reference is long enough; " +
                "an empty ML cell: the rollout stopped too early for an estimate).", "G4");
    }

    /// <summary>Stopped systems, steps before stopping and accuracy, with and without Score-GNN refinement.</summary>
    public static HtmlTable Ablation(EvaluationResult withScore, EvaluationResult withoutScore) =>
        new(["", "with Score GNN", "without Score GNN"],
        [
            ["systems", withScore.SystemCount, withoutScore.SystemCount],
            ["stopped early", withScore.FailedSystems, withoutScore.FailedSystems],
            [$"mean steps before stopping (of {withScore.Steps})", withScore.MeanStepsBeforeFailure, withoutScore.MeanStepsBeforeFailure],
            ["mean Rg r² vs MD", RSquared(withScore.MeanRg), RSquared(withoutScore.MeanRg)],
            ["mean W1 of Rg² (σ²)", MeanW1(withScore), MeanW1(withoutScore)],
        ], "Side by side, the same model and systems. Structure statistics cover the frames written before a system stopped; " +
           "a stable system counts as the full length in the mean steps.", "G4");

    /// <summary>Speed per engine, and how many times faster the learned simulator (the first row) is.</summary>
    public static HtmlTable Speed(IReadOnlyList<SpeedMeasurement> speeds)
    {
        double learned = speeds.Count > 0 ? speeds[0].TauPerSecond : double.NaN;
        string first = speeds.Count > 0 ? speeds[0].Engine : "first engine";
        return new(["engine", "systems", "τ per system", "wall s", "τ / s", $"{first}: times as fast"],
            speeds.Select(s => (IReadOnlyList<object?>)[s.Engine, s.Systems, s.SimulatedTauPerSystem, s.WallSeconds, s.TauPerSecond, learned / s.TauPerSecond]),
            "Simulated time per wall-clock second, one thread each, measured in one run.", "G4");
    }

    private static object RSquared(ScatterStatistics? statistics) =>
        statistics is null ? "— (fewer than 2 polymers)" : statistics.PearsonRSquared;

    private static double MeanW1(EvaluationResult result) =>
        result.Polymers.Select(p => p.Rg2Distribution.Wasserstein1).DefaultIfEmpty(double.NaN).Average();
}
