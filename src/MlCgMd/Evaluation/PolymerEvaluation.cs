using MlCgMd.Analysis;

namespace MlCgMd.Evaluation;

/// <summary>
/// One test polymer, learned rollout against reference MD, both at CG level with the same
/// beads. Times in τ; lengths in σ.
/// </summary>
public sealed record PolymerEvaluation
{
    public required string Name { get; init; }
    public required int Beads { get; init; }
    public long? FailedStep { get; init; }
    public string? Failure { get; init; }
    /// <summary>Time between analysed frames of the reference and of the rollout (τ).</summary>
    public required double ReferenceDt { get; init; }
    public required double RolloutDt { get; init; }
    /// <summary>CG Rg² per frame (σ²): reference MD and rollout.</summary>
    public required double[] ReferenceRg2 { get; init; }
    public required double[] RolloutRg2 { get; init; }
    public required DistributionComparison Rg2Distribution { get; init; }
    public double ReferenceMeanRg => ReferenceRg2.Average(Math.Sqrt);
    public double RolloutMeanRg => RolloutRg2.Average(Math.Sqrt);
    /// <summary>Relaxation times of Rg² (three estimators, bootstrap errors over ions); null if the series is too short.</summary>
    public RelaxationTimeSummary? ReferenceTau { get; init; }
    public RelaxationTimeSummary? RolloutTau { get; init; }
    /// <summary>The reference's two halves against each other (the MD-against-MD baseline); null below 4 frames.</summary>
    public ReferenceHalves? ReferenceHalves { get; init; }
    /// <summary>The same estimates from prefixes of the reference (shorter MD runs).</summary>
    public required IReadOnlyList<ReferenceLengthRow> ShorterReference { get; init; }
    public required ContactMap ReferenceContacts { get; init; }
    public required ContactMap RolloutContacts { get; init; }
    public required double[] ReferenceBondLengths { get; init; }
    public required double[] RolloutBondLengths { get; init; }
    /// <summary>Rollout frames with at least one non-bonded CG pair closer than the collision distance.</summary>
    public required int FramesWithCollisions { get; init; }
}
