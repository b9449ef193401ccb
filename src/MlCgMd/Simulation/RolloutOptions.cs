using System.Text.Json.Serialization;

namespace MlCgMd.Simulation;

/// <summary>How a learned rollout runs (defaults: the official chain eval config, eval.yaml).</summary>
public sealed record RolloutOptions
{
    /// <summary>Model steps to simulate (each = dilation recorded frames of the reference).</summary>
    [JsonPropertyName("steps")] public long Steps { get; init; } = 1000;
    /// <summary>Save CG positions every this many steps (the official save_frequency).</summary>
    [JsonPropertyName("save_every")] public int SaveEvery { get; init; } = 100;
    /// <summary>Take the mean acceleration instead of sampling (the official deter).</summary>
    [JsonPropertyName("deterministic")] public bool Deterministic { get; init; }
    /// <summary>
    /// Correlation of the sampled acceleration noise of two CG-bonded beads (0 = the official independent sampling;
    /// see <see cref="Model.BondCorrelatedNoise"/>): an extension beyond the paper, for the reference's measured value.
    /// </summary>
    [JsonPropertyName("bond_noise_correlation")] public double BondNoiseCorrelation { get; init; }
    /// <summary>
    /// Factor on the CG prior's bond stiffness at rollout (1 = as fitted and trained; models with a CG prior only).
    /// An ablation beyond the paper: the fitted prior restores a stretched CG bond by only c·k_b ≈ 2% of the
    /// stretch per step on the electrolyte boxes.
    /// </summary>
    [JsonPropertyName("prior_bond_scale")] public double PriorBondScale { get; init; } = 1;
    /// <summary>Score-GNN refinement on (when the model has one); off = the ablation.</summary>
    [JsonPropertyName("refine")] public bool Refine { get; init; } = true;
    [JsonPropertyName("step_per_sigma")] public int? StepPerSigma { get; init; }
    [JsonPropertyName("step_size")] public double? StepSize { get; init; }
    /// <summary>Refinement step-size schedule ("constant" or "sigma_squared"); null: the model's.</summary>
    [JsonPropertyName("step_size_schedule")] public string? StepSizeSchedule { get; init; }
    /// <summary>Systems simulated together in one batch.</summary>
    [JsonPropertyName("batch_size")] public int BatchSize { get; init; } = 40;
    [JsonPropertyName("seed")] public ulong Seed { get; init; } = 1;
    /// <summary>Write a resume point every this many steps.</summary>
    [JsonPropertyName("checkpoint_every")] public long CheckpointEvery { get; init; } = 1000;
    [JsonPropertyName("device")] public string Device { get; init; } = "cpu";
    /// <summary>Threads of every libtorch pool; 0 = all cores. One by default (small or shared machines).</summary>
    [JsonPropertyName("threads")] public int Threads { get; init; } = 1;
    /// <summary>Stop a system when two CG beads come closer than this (null: from the reference, see <see cref="StabilityThresholds"/>).</summary>
    [JsonPropertyName("collision_distance")] public double? CollisionDistance { get; init; }
    /// <summary>Stop a system when a CG bond exceeds this length (null: from the reference).</summary>
    [JsonPropertyName("max_bond_length")] public double? MaxBondLength { get; init; }

    public void Validate()
    {
        if (Steps < 1) throw new ArgumentException("rollout: 'steps' must be at least 1");
        if (SaveEvery < 1) throw new ArgumentException("rollout: 'save_every' must be at least 1");
        if (BatchSize < 1) throw new ArgumentException("rollout: 'batch_size' must be at least 1");
        if (CheckpointEvery < 1) throw new ArgumentException("rollout: 'checkpoint_every' must be at least 1");
        if (StepPerSigma is < 0) throw new ArgumentException("rollout: 'step_per_sigma' must be >= 0");
        if (StepSize is { } size && !(size > 0 && double.IsFinite(size)))
            throw new ArgumentException($"rollout: 'step_size' must be a positive number (got {size})");
        if (CollisionDistance is { } collision && !(collision >= 0 && double.IsFinite(collision)))
            throw new ArgumentException($"rollout: 'collision_distance' must be a number >= 0 (got {collision})");
        if (MaxBondLength is { } bond && !(bond > 0))
            throw new ArgumentException($"rollout: 'max_bond_length' must be positive (got {bond})");
        if (!(BondNoiseCorrelation >= 0 && BondNoiseCorrelation < Model.BondCorrelatedNoise.MaxCorrelation))
            throw new ArgumentException($"rollout: 'bond_noise_correlation' must be in [0, {Model.BondCorrelatedNoise.MaxCorrelation:F3}) " +
                                        $"(got {BondNoiseCorrelation})");
        if (!(PriorBondScale > 0 && double.IsFinite(PriorBondScale)))
            throw new ArgumentException($"rollout: 'prior_bond_scale' must be a positive number (got {PriorBondScale})");
        if (Threads < 0) throw new ArgumentException("rollout: 'threads' must be >= 0 (0: all cores)");
        if (StepSizeSchedule is not null && !Model.RefinementOptions.IsKnownSchedule(StepSizeSchedule))
            throw new ArgumentException($"rollout: 'step_size_schedule' must be {Model.RefinementOptions.ScheduleChoices}, " +
                                        $"not '{StepSizeSchedule}'");
    }

    /// <summary>Frames saved for a full rollout: steps 0, save_every, 2·save_every, ... below Steps (the rows of each HDF5 file).</summary>
    [JsonPropertyName("saved_frames")]
    public long SavedFrames => (Steps + SaveEvery - 1) / SaveEvery;
}
