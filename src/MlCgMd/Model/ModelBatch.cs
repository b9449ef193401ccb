using MlCgMd.Torch;

namespace MlCgMd.Model;

/// <summary>
/// Several fine-level systems batched for the simulator (the official data batch), all
/// indices already offset per system. Built by the training/rollout data pipeline.
/// </summary>
public sealed record ModelBatch
{
    /// <summary>[N, seq_len, dim] float32 unwrapped history positions of all particles.</summary>
    public required Tensor PositionHistory { get; init; }
    /// <summary>[N, dim] float32 target positions <see cref="TargetSteps"/> model steps after the history; null for rollouts.</summary>
    public Tensor? Target { get; init; }
    /// <summary>Model steps from the last history frame to the target (1 = the next frame; more for pushforward training).</summary>
    public int TargetSteps { get; init; } = 1;
    /// <summary>[N] int64 particle types (atomic numbers in the official battery data).</summary>
    public required Tensor ParticleTypes { get; init; }
    /// <summary>[N] float32 particle weights from the system kind: 1 for chains, masses for electrolytes.</summary>
    public required Tensor Weights { get; init; }
    /// <summary>Particles per system.</summary>
    public required long[] ParticleCounts { get; init; }
    /// <summary>[E, 2] int64 fine bonds, both directions.</summary>
    public required Tensor Bonds { get; init; }
    /// <summary>[E] int64 fine bond types (same order as <see cref="Bonds"/>), or null when the system kind has none.</summary>
    public Tensor? BondTypes { get; init; }
    /// <summary>[N] int64 CG bead of each particle (offset per system).</summary>
    public required Tensor Cluster { get; init; }
    /// <summary>CG beads per system.</summary>
    public required long[] BeadCounts { get; init; }
    /// <summary>[B, 2] int64 CG bonds (both directions), offset per system.</summary>
    public required Tensor CgBonds { get; init; }
    /// <summary>[systems, dim] cubic box edges for periodic systems, or null (open boundaries).</summary>
    public Tensor? Lattices { get; init; }
    /// <summary>[systems, seq_len] float32 fine-chain Rg labels of the history frames, or null.</summary>
    public Tensor? RgLabels { get; init; }

    public int SystemCount => ParticleCounts.Length;
}
