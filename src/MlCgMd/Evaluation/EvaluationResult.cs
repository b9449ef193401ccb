using MlCgMd.Analysis;
using MlCgMd.Simulation;

namespace MlCgMd.Evaluation;

/// <summary>All polymers of a rollout against reference MD, with the across-polymer statistics the paper reports.</summary>
public sealed record EvaluationResult
{
    /// <summary>Polymers with at least two rollout frames (including ones stopped later by a stability check).</summary>
    public required IReadOnlyList<PolymerEvaluation> Polymers { get; init; }
    /// <summary>Systems stopped by a stability check before writing two frames: nothing to compare.</summary>
    public required IReadOnlyList<RolloutSystem> StoppedBeforeTwoFrames { get; init; }
    public required bool HasScoreGn { get; init; }
    public required bool Refined { get; init; }
    public required long Steps { get; init; }
    public required double FrameInterval { get; init; }
    public required double StepTau { get; init; }
    public required double RolloutWallSeconds { get; init; }
    /// <summary>Mean CG Rg per polymer, rollout vs reference (r² is the paper's 0.90 figure).</summary>
    public ScatterStatistics? MeanRg { get; init; }
    /// <summary>Rg² relaxation time per polymer (integral estimator), rollout vs reference (the paper's 0.48).</summary>
    public ScatterStatistics? RelaxationTime { get; init; }
    public int SystemCount => Polymers.Count + StoppedBeforeTwoFrames.Count;
    public int FailedSystems => Polymers.Count(p => p.FailedStep is not null) + StoppedBeforeTwoFrames.Count;
    /// <summary>Mean first failing step over all systems, counting a stable system as the full length.</summary>
    public double MeanStepsBeforeFailure =>
        Polymers.Select(p => (double)(p.FailedStep ?? Steps)).Concat(StoppedBeforeTwoFrames.Select(s => (double)(s.FailedStep ?? 0)))
            .DefaultIfEmpty(0).Average();
    public int FramesWithCollisions => Polymers.Sum(p => p.FramesWithCollisions);

    internal static EvaluationResult From(RolloutManifest manifest, List<PolymerEvaluation> polymers, List<RolloutSystem> stoppedEarly,
                                          double frameInterval)
    {
        var withTau = polymers.Where(p => p.ReferenceTau is not null && p.RolloutTau is not null).ToList();
        return new EvaluationResult
        {
            Polymers = polymers,
            StoppedBeforeTwoFrames = stoppedEarly,
            HasScoreGn = manifest.HasScoreGn,
            Refined = manifest.HasScoreGn && manifest.Options.Refine,
            Steps = manifest.Options.Steps,
            FrameInterval = frameInterval,
            StepTau = manifest.Dilation * frameInterval,
            RolloutWallSeconds = manifest.WallSeconds,
            MeanRg = polymers.Count >= 2
                ? ScatterStatistics.Compute(polymers.Select(p => p.ReferenceMeanRg).ToList(), polymers.Select(p => p.RolloutMeanRg).ToList())
                : null,
            RelaxationTime = withTau.Count >= 2
                ? ScatterStatistics.Compute(withTau.Select(p => p.ReferenceTau!.Integral.Value).ToList(),
                    withTau.Select(p => p.RolloutTau!.Integral.Value).ToList())
                : null,
        };
    }

    /// <summary>Scalars per polymer and overall, for metrics.json.</summary>
    public EvaluationSummary Summary() => new(
        Steps, StepTau, HasScoreGn, Refined, RolloutWallSeconds, SystemCount, FailedSystems, MeanStepsBeforeFailure,
        StoppedBeforeTwoFrames.Select(s => new StoppedSystem(s.Name, s.FailedStep, s.Failure)).ToList(),
        FramesWithCollisions, MeanRg, RelaxationTime,
        Polymers.Select(p => new PolymerSummary(
            p.Name, p.Beads, p.FailedStep, p.Failure, p.ReferenceMeanRg, p.RolloutMeanRg,
            p.Rg2Distribution.Wasserstein1, p.Rg2Distribution.KolmogorovSmirnov,
            p.ReferenceTau?.Point, p.RolloutTau?.Point,
            p.ReferenceTau?.Integral.StandardError, p.RolloutTau?.Integral.StandardError,
            p.ShorterReference, p.ReferenceContacts.MeanAbsoluteDifference(p.RolloutContacts), p.FramesWithCollisions,
            p.RolloutRg2.Length, p.ReferenceRg2.Length)).ToList());
}
