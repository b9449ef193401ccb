using System.Text.Json.Serialization;
using MlCgMd.Analysis;

namespace MlCgMd.Evaluation;

/// <summary>
/// One test composition, learned rollout against reference MD on the same CG beads (each Li+ and each anion is
/// its own bead): self-diffusion of Li+ and of the anions over one fit window in τ shared by both (block-bootstrap
/// errors), and the Li+–anion radial distribution and coordination number (the rollout's counted within the
/// reference's first minimum, so both count one shell). A diffusivity is null where the
/// trajectory is too short for the window (a rollout that stopped early), with the reason.
/// </summary>
public sealed record ElectrolyteSystemEvaluation
{
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("beads")] public required int Beads { get; init; }
    [JsonPropertyName("lithium_beads")] public required int LithiumBeads { get; init; }
    [JsonPropertyName("anion_beads")] public required int AnionBeads { get; init; }
    [JsonPropertyName("box_length")] public required double BoxLength { get; init; }
    [JsonPropertyName("steps_done")] public required long StepsDone { get; init; }
    [JsonPropertyName("failed_step")] public long? FailedStep { get; init; }
    [JsonPropertyName("failure")] public string? Failure { get; init; }
    /// <summary>Time between analysed frames (τ): reference MD and rollout.</summary>
    [JsonPropertyName("reference_dt")] public required double ReferenceDt { get; init; }
    [JsonPropertyName("rollout_dt")] public required double RolloutDt { get; init; }
    [JsonPropertyName("reference_frames")] public required int ReferenceFrames { get; init; }
    [JsonPropertyName("rollout_frames")] public required int RolloutFrames { get; init; }
    /// <summary>The MSD fit window (τ), the same lags for reference and rollout.</summary>
    [JsonPropertyName("fit_start")] public required double FitStart { get; init; }
    [JsonPropertyName("fit_end")] public required double FitEnd { get; init; }
    [JsonPropertyName("reference_diffusivity_li")] public required BootstrapEstimate ReferenceLithium { get; init; }
    [JsonPropertyName("rollout_diffusivity_li")] public BootstrapEstimate? RolloutLithium { get; init; }
    [JsonPropertyName("reference_diffusivity_anion")] public required BootstrapEstimate ReferenceAnion { get; init; }
    [JsonPropertyName("rollout_diffusivity_anion")] public BootstrapEstimate? RolloutAnion { get; init; }
    /// <summary>Why the rollout's diffusivities are null (too few frames for the window), else null.</summary>
    [JsonPropertyName("rollout_diffusivity_missing")] public string? RolloutDiffusivityMissing { get; init; }
    [JsonPropertyName("reference_li_anion_coordination")] public required double ReferenceCoordination { get; init; }
    [JsonPropertyName("rollout_li_anion_coordination")] public required double RolloutCoordination { get; init; }
    [JsonPropertyName("reference_li_anion_peak")] public required double ReferencePeak { get; init; }
    [JsonPropertyName("rollout_li_anion_peak")] public required double RolloutPeak { get; init; }
    /// <summary>Li+ MSD (σ²) averaged over Li+ beads and time origins at lags 0.. half the trajectory, every rollout_dt / reference_dt.</summary>
    [JsonIgnore] public double[] ReferenceLithiumMsd { get; init; } = [];
    [JsonIgnore] public double[] RolloutLithiumMsd { get; init; } = [];
    /// <summary>
    /// Li+ MSD over one model step (σ², rollout_dt τ, averaged over Li+ beads and every time origin): short-time
    /// mobility, defined for any rollout of at least 2 frames, where D needs the whole fit window. Null: too short.
    /// </summary>
    [JsonPropertyName("reference_li_step_msd")] public required double ReferenceLithiumStepMsd { get; init; }
    [JsonPropertyName("rollout_li_step_msd")] public double? RolloutLithiumStepMsd { get; init; }
    /// <summary>CG bonds over the valid frames: mean length and, over one model step, the bonded beads' displacement correlation (null without CG bonds).</summary>
    [JsonPropertyName("reference_bonded_motion")] public BondedMotion? ReferenceBondedMotion { get; init; }
    [JsonPropertyName("rollout_bonded_motion")] public BondedMotion? RolloutBondedMotion { get; init; }
    /// <summary>Rollout frames with two non-bonded CG beads closer than the collision distance (minimum image).</summary>
    [JsonPropertyName("frames_with_collisions")] public required int FramesWithCollisions { get; init; }
}
