using System.Text.Json;
using System.Text.Json.Serialization;
using MlCgMd.Analysis;
using MlCgMd.Data;
using MlCgMd.Simulation;

namespace MlCgMd.Evaluation;

/// <summary>
/// Every test composition of an electrolyte rollout against reference MD, and the across-composition agreement
/// of log10 D(Li+) and of the Li+–anion coordination number (only over compositions whose rollout reached the
/// fit window; fewer than <see cref="EvaluationResult.MinimumPolymersForStatistics"/> give no statistic).
/// Written as the metrics file of <c>mlcgmd analyze</c>: LJ units, D in σ²/τ.
/// </summary>
public sealed record ElectrolyteEvaluationResult
{
    [JsonPropertyName("units")] public IReadOnlyDictionary<string, string> Units { get; } = new Dictionary<string, string>
    {
        ["length"] = "sigma (LJ); box, RDF peak",
        ["time"] = "tau (LJ); dt, fit window, step_tau",
        ["diffusivity"] = "sigma^2/tau; bootstrap standard error and 95% interval, resampling ions",
        ["coordination"] = "Li+ neighbours among the anion beads within the first minimum of g(r)",
        ["wall"] = "seconds of wall-clock time",
    };

    [JsonPropertyName("steps")] public required long Steps { get; init; }
    [JsonPropertyName("step_tau")] public required double StepTau { get; init; }
    [JsonPropertyName("has_score_gn")] public required bool HasScoreGn { get; init; }
    [JsonPropertyName("refined")] public required bool Refined { get; init; }
    [JsonPropertyName("rollout_wall_seconds")] public required double RolloutWallSeconds { get; init; }
    [JsonPropertyName("systems")] public required IReadOnlyList<ElectrolyteSystemEvaluation> Systems { get; init; }
    [JsonPropertyName("stopped_early")] public int StoppedEarly => Systems.Count(s => s.FailedStep is not null);
    /// <summary>Mean first failing step over all systems, a stable one counted as the full length.</summary>
    [JsonPropertyName("mean_steps_before_stop")] public double MeanStepsBeforeStop =>
        Systems.Select(s => (double)(s.FailedStep ?? Steps)).DefaultIfEmpty(0).Average();
    /// <summary>log10 D(Li+), rollout against reference, over the compositions with both.</summary>
    [JsonPropertyName("log10_diffusivity_li")] public ScatterStatistics? LogLithiumDiffusivity { get; init; }
    /// <summary>D(Li+) itself, rollout against reference (its mean relative error is the error in D).</summary>
    [JsonPropertyName("diffusivity_li")] public ScatterStatistics? LithiumDiffusivity { get; init; }
    /// <summary>log10 of the Li+ MSD over one model step, rollout against reference, over every composition with a rollout value.</summary>
    [JsonPropertyName("log10_li_step_msd")] public ScatterStatistics? LogLithiumStepMsd { get; init; }
    /// <summary>Li+–anion coordination number, rollout against reference, over the same compositions.</summary>
    [JsonPropertyName("li_anion_coordination")] public ScatterStatistics? Coordination { get; init; }
    /// <summary>The chemistry-lookup baseline of log10 D(Li+) over the same compositions (<see cref="ChemistryBaseline"/>); null where the dataset lacks what it needs.</summary>
    [JsonPropertyName("chemistry_baseline_log10_diffusivity_li")] public ScatterStatistics? ChemistryBaselineStatistics => ChemistryLookup?.Statistics;
    [JsonPropertyName("chemistry_baseline_statement")] public string ChemistryBaselineStatement =>
        ChemistryLookup?.Statement() ?? $"Chemistry-lookup baseline of log10 D(Li+): not computed ({ChemistryLookupMissing})";
    [JsonIgnore] public ChemistryBaseline.Result? ChemistryLookup { get; init; }
    /// <summary>Why there is no chemistry-lookup baseline (a file the dataset lacks), when there is none.</summary>
    [JsonIgnore] public string? ChemistryLookupMissing { get; init; }
    [JsonPropertyName("statement")] public string Statement => DiffusivityStatement();
    [JsonPropertyName("step_msd_statement")] public string StepMsdStatement => LithiumStepMsdStatement();

    /// <summary>The short-time Li+ mobility agreement as one sentence with its n and what was excluded.</summary>
    public string LithiumStepMsdStatement()
    {
        int with = Systems.Count(s => s.RolloutLithiumStepMsd is not null);
        string exclusion = with < Systems.Count ? $" ({Systems.Count - with} excluded: fewer than 2 rollout frames)" : "";
        if (LogLithiumStepMsd is not { } m)
            return $"Li+ MSD over one model step ({StepTau:G4} τ): too few compositions for an across-composition statistic " +
                   $"({with} of {Systems.Count}, at least {EvaluationResult.MinimumPolymersForStatistics} needed){exclusion}";
        return $"Li+ MSD over one model step ({StepTau:G4} τ), log10 over {m.Count} of {Systems.Count} compositions{exclusion}: " +
               $"Pearson r {m.PearsonR:F3} (r² {m.PearsonRSquared:F3}), R² against y = x {m.IdentityRSquared:F3}, mean absolute error {m.MeanAbsoluteError:F3} decades";
    }

    /// <summary>The compositions the across-composition statistics cover: their rollout reached the fit window.</summary>
    [JsonIgnore] public IReadOnlyList<ElectrolyteSystemEvaluation> Compared => Systems.Where(s => s.RolloutLithium is not null).ToList();

    /// <summary>The log10 D(Li+) agreement as one sentence with its n and what was excluded.</summary>
    public string DiffusivityStatement()
    {
        int excluded = Systems.Count - Compared.Count;
        string exclusion = excluded > 0 ? $" ({excluded} excluded: rollout too short for the fit window)" : "";
        string stability = $"{Systems.Count - StoppedEarly} of {Systems.Count} rollouts ran all {Steps} steps ({Steps * StepTau:G6} τ)";
        if (LogLithiumDiffusivity is not { } d)
            return $"{stability}; log10 D(Li+): too few compositions for an across-composition statistic ({Compared.Count} of " +
                   $"{Systems.Count}, at least {EvaluationResult.MinimumPolymersForStatistics} needed){exclusion}";
        string coordination = Coordination is { } c
            ? $"; Li+–anion coordination number: Pearson r {c.PearsonR:F3} (r² {c.PearsonRSquared:F3}), mean relative error {100 * c.MeanRelativeError:F1}%"
            : "";
        return $"{stability}; log10 D(Li+) over {d.Count} of {Systems.Count} compositions{exclusion}: Pearson r {d.PearsonR:F3} (r² {d.PearsonRSquared:F3}), " +
               $"R² against y = x {d.IdentityRSquared:F3}, mean absolute error {d.MeanAbsoluteError:F3} decades " +
               $"(mean relative error of D {100 * LithiumDiffusivity!.MeanRelativeError:F1}%){coordination}";
    }

    internal static ElectrolyteEvaluationResult From(RolloutManifest manifest, List<ElectrolyteSystemEvaluation> systems, double frameInterval)
    {
        var compared = systems.Where(s => s.RolloutLithium is not null).ToList();
        bool enough = compared.Count >= EvaluationResult.MinimumPolymersForStatistics;
        return new ElectrolyteEvaluationResult
        {
            Steps = manifest.Options.Steps,
            StepTau = manifest.Dilation * frameInterval,
            HasScoreGn = manifest.HasScoreGn,
            Refined = manifest.HasScoreGn && manifest.Options.Refine,
            RolloutWallSeconds = manifest.WallSeconds,
            Systems = systems,
            LogLithiumDiffusivity = enough
                ? ScatterStatistics.Compute(compared.Select(s => Math.Log10(s.ReferenceLithium.Value)).ToList(),
                    compared.Select(s => Math.Log10(s.RolloutLithium!.Value)).ToList())
                : null,
            LithiumDiffusivity = enough
                ? ScatterStatistics.Compute(compared.Select(s => s.ReferenceLithium.Value).ToList(), compared.Select(s => s.RolloutLithium!.Value).ToList())
                : null,
            Coordination = enough
                ? ScatterStatistics.Compute(compared.Select(s => s.ReferenceCoordination).ToList(), compared.Select(s => s.RolloutCoordination).ToList())
                : null,
            LogLithiumStepMsd = StepMsdStatistics(systems),
        };
    }

    private static ScatterStatistics? StepMsdStatistics(List<ElectrolyteSystemEvaluation> systems)
    {
        var with = systems.Where(s => s.RolloutLithiumStepMsd is not null).ToList();
        return with.Count >= EvaluationResult.MinimumPolymersForStatistics
            ? ScatterStatistics.Compute(with.Select(s => Math.Log10(s.ReferenceLithiumStepMsd)).ToList(),
                with.Select(s => Math.Log10(s.RolloutLithiumStepMsd!.Value)).ToList())
            : null;
    }

    public void Write(string path) => AtomicFile.WriteText(path, w => w.Write(JsonSerializer.Serialize(this, MetricsFile.Json)));
}
