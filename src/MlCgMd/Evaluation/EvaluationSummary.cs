using System.Text.Json;
using System.Text.Json.Serialization;
using MlCgMd.Analysis;
using MlCgMd.Data;

namespace MlCgMd.Evaluation;

/// <summary>
/// metrics.json (written by <c>mlcgmd analyze</c> and by the quickstart): the scalars of an evaluation,
/// per polymer and across polymers, with the ablation and speeds when the run has them. Lengths in σ,
/// times in τ, wall time in seconds; <see cref="Units"/> says so in the file. Every key is snake_case.
/// </summary>
public sealed record MetricsFile(
    [property: JsonPropertyName("units")] IReadOnlyDictionary<string, string> Units,
    [property: JsonPropertyName("evaluation")] EvaluationSummary Evaluation,
    [property: JsonPropertyName("ablation")] EvaluationSummary? Ablation,
    [property: JsonPropertyName("speeds")] IReadOnlyList<SpeedMeasurement>? Speeds)
{
    public const string FileName = "metrics.json";

    public static readonly IReadOnlyDictionary<string, string> LjUnits = new Dictionary<string, string>
    {
        ["length"] = "sigma (LJ); Rg, bond lengths, rg2 distances in sigma / sigma^2",
        ["time"] = "tau (LJ); step_tau, relaxation times, acf lags",
        ["wall"] = "seconds of wall-clock time",
        ["contact_map_mad"] = "contact probability (dimensionless)",
    };

    public MetricsFile(EvaluationSummary evaluation, EvaluationSummary? ablation = null, IReadOnlyList<SpeedMeasurement>? speeds = null)
        : this(LjUnits, evaluation, ablation, speeds)
    {
    }

    /// <summary>Undefined estimates (NaN) are results too: written as the strings "NaN" / "Infinity".</summary>
    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public void Write(string path) => AtomicFile.WriteText(path, w => w.Write(JsonSerializer.Serialize(this, Json)));
}

/// <summary>One rollout evaluated against reference MD (see <see cref="EvaluationResult"/>).</summary>
public sealed record EvaluationSummary(
    [property: JsonPropertyName("steps")] long Steps,
    [property: JsonPropertyName("step_tau")] double StepTau,
    [property: JsonPropertyName("has_score_gn")] bool HasScoreGn,
    [property: JsonPropertyName("refined")] bool Refined,
    [property: JsonPropertyName("rollout_wall_seconds")] double RolloutWallSeconds,
    [property: JsonPropertyName("systems")] int Systems,
    [property: JsonPropertyName("failed_systems")] int FailedSystems,
    [property: JsonPropertyName("mean_steps_before_failure")] double MeanStepsBeforeFailure,
    [property: JsonPropertyName("stopped_before_two_frames")] IReadOnlyList<StoppedSystem> StoppedBeforeTwoFrames,
    [property: JsonPropertyName("frames_with_collisions")] int FramesWithCollisions,
    [property: JsonPropertyName("mean_rg")] ScatterStatistics? MeanRg,
    [property: JsonPropertyName("relaxation_time")] ScatterStatistics? RelaxationTime,
    [property: JsonPropertyName("reference_halves_relaxation_time")] ScatterStatistics? HalvesRelaxationTime,
    [property: JsonPropertyName("median_rg2_wasserstein1")] double MedianRg2Wasserstein1,
    [property: JsonPropertyName("median_reference_halves_rg2_wasserstein1")] double MedianHalvesRg2Wasserstein1,
    [property: JsonPropertyName("mean_rg_statement")] string MeanRgStatement,
    [property: JsonPropertyName("relaxation_time_statement")] string RelaxationTimeStatement,
    [property: JsonPropertyName("polymers")] IReadOnlyList<PolymerSummary> Polymers);

/// <summary>A system that stopped before writing two frames: nothing to compare.</summary>
public sealed record StoppedSystem(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("failed_step")] long? FailedStep,
    [property: JsonPropertyName("failure")] string? Failure);

/// <summary>One polymer: CG Rg (σ), Rg² relaxation times (τ), distribution distances, contacts, collisions.</summary>
public sealed record PolymerSummary(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("beads")] int Beads,
    [property: JsonPropertyName("failed_step")] long? FailedStep,
    [property: JsonPropertyName("failure")] string? Failure,
    [property: JsonPropertyName("reference_mean_rg")] double ReferenceMeanRg,
    [property: JsonPropertyName("rollout_mean_rg")] double RolloutMeanRg,
    [property: JsonPropertyName("rg2_wasserstein1")] double Rg2Wasserstein1,
    [property: JsonPropertyName("rg2_ks")] double Rg2Ks,
    [property: JsonPropertyName("reference_tau")] RelaxationTimes? ReferenceTau,
    [property: JsonPropertyName("rollout_tau")] RelaxationTimes? RolloutTau,
    [property: JsonPropertyName("reference_tau_integral_se")] double? ReferenceTauIntegralSe,
    [property: JsonPropertyName("rollout_tau_integral_se")] double? RolloutTauIntegralSe,
    [property: JsonPropertyName("shorter_reference")] IReadOnlyList<ReferenceLengthRow> ShorterReference,
    [property: JsonPropertyName("contact_map_mad")] double ContactMapMad,
    [property: JsonPropertyName("frames_with_collisions")] int FramesWithCollisions,
    [property: JsonPropertyName("rollout_frames")] int RolloutFrames,
    [property: JsonPropertyName("reference_frames")] int ReferenceFrames,
    [property: JsonPropertyName("reference_halves_rg2_wasserstein1")] double? HalvesRg2Wasserstein1,
    [property: JsonPropertyName("reference_halves_rg2_ks")] double? HalvesRg2Ks,
    [property: JsonPropertyName("reference_first_half_tau")] RelaxationTimes? FirstHalfTau,
    [property: JsonPropertyName("reference_second_half_tau")] RelaxationTimes? SecondHalfTau);
