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

    /// <summary>Across-polymer statistics need at least this many polymers; fewer are reported as too few, never as an r².</summary>
    public const int MinimumPolymersForStatistics = 3;

    /// <summary>Polymers with relaxation times in both the rollout and the reference (the ones <see cref="RelaxationTime"/> covers).</summary>
    public IReadOnlyList<PolymerEvaluation> PolymersWithTau =>
        Polymers.Where(p => p.ReferenceTau is not null && p.RolloutTau is not null).ToList();

    /// <summary>First-half against second-half reference relaxation times (the MD-against-MD bound of <see cref="RelaxationTime"/>).</summary>
    public ScatterStatistics? HalvesRelaxationTime { get; init; }
    /// <summary>Polymers whose two reference halves both have relaxation times.</summary>
    public int HalvesWithTau { get; init; }
    /// <summary>Median over polymers of the Rg² W1 distance, rollout against reference (σ²).</summary>
    public double MedianRg2Wasserstein1 => Median(Polymers.Select(p => p.Rg2Distribution.Wasserstein1));
    /// <summary>Median over polymers of the Rg² W1 distance between the reference's two halves (σ²).</summary>
    public double MedianHalvesRg2Wasserstein1 =>
        Median(Polymers.Where(p => p.ReferenceHalves is not null).Select(p => p.ReferenceHalves!.Rg2Wasserstein1));

    /// <summary>The mean-Rg agreement as one sentence with its n and what was excluded.</summary>
    public string MeanRgStatement()
    {
        string stopped = Polymers.Count(p => p.FailedStep is not null) is var later and > 0
            ? $"; {later} of them stopped before the end and are compared over the frames they reached" : "";
        string excluded = StoppedBeforeTwoFrames.Count > 0
            ? $" ({StoppedBeforeTwoFrames.Count} excluded: stopped before two frames)" : "";
        if (MeanRg is not { } rg)
            return $"mean CG Rg: too few polymers for an across-polymer statistic ({Polymers.Count} of {SystemCount}, " +
                   $"at least {MinimumPolymersForStatistics} needed){excluded}";
        return $"mean CG Rg over {rg.Count} of {SystemCount} polymers{excluded}: Pearson r {rg.PearsonR:F3} (r² {rg.PearsonRSquared:F3}), " +
               $"R² against y = x {rg.IdentityRSquared:F3}, mean relative error {100 * rg.MeanRelativeError:F1}%{stopped}";
    }

    /// <summary>The relaxation-time agreement as one sentence with its n, what was excluded, and the MD-against-MD bound.</summary>
    public string RelaxationTimeStatement()
    {
        int tooShort = Polymers.Count - PolymersWithTau.Count;
        var exclusions = new List<string>();
        if (StoppedBeforeTwoFrames.Count > 0) exclusions.Add($"{StoppedBeforeTwoFrames.Count} stopped before two frames");
        if (tooShort > 0) exclusions.Add($"{tooShort} with a rollout or reference shorter than {RolloutEvaluator.BootstrapBlocks * 8} frames");
        string excluded = exclusions.Count > 0 ? $" ({string.Join(", ", exclusions)} excluded)" : "";
        string bound = HalvesRelaxationTime is { } h
            ? $"; MD against MD (two halves of each reference, {h.Count} polymers): r² {h.PearsonRSquared:F3}, mean relative error {100 * h.MeanRelativeError:F1}%"
            : "";
        if (RelaxationTime is not { } tau)
            return $"Rg² relaxation time: too few polymers with estimates ({PolymersWithTau.Count} of {SystemCount}, at least " +
                   $"{MinimumPolymersForStatistics} needed){excluded}{bound}";
        return $"Rg² relaxation time (integral estimator) over {tau.Count} of {SystemCount} polymers{excluded}: Pearson r " +
               $"{tau.PearsonR:F3} (r² {tau.PearsonRSquared:F3}), mean relative error {100 * tau.MeanRelativeError:F1}%{bound}";
    }

    internal static EvaluationResult From(RolloutManifest manifest, List<PolymerEvaluation> polymers, List<RolloutSystem> stoppedEarly,
                                          double frameInterval)
    {
        var withTau = polymers.Where(p => p.ReferenceTau is not null && p.RolloutTau is not null).ToList();
        var halves = polymers.Select(p => p.ReferenceHalves).Where(h => h?.FirstTau is not null && h.SecondTau is not null).ToList();
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
            MeanRg = polymers.Count >= MinimumPolymersForStatistics
                ? ScatterStatistics.Compute(polymers.Select(p => p.ReferenceMeanRg).ToList(), polymers.Select(p => p.RolloutMeanRg).ToList())
                : null,
            RelaxationTime = withTau.Count >= MinimumPolymersForStatistics
                ? ScatterStatistics.Compute(withTau.Select(p => p.ReferenceTau!.Integral.Value).ToList(),
                    withTau.Select(p => p.RolloutTau!.Integral.Value).ToList())
                : null,
            HalvesRelaxationTime = halves.Count >= MinimumPolymersForStatistics
                ? ScatterStatistics.Compute(halves.Select(h => h!.FirstTau!.Integral.Value).ToList(),
                    halves.Select(h => h!.SecondTau!.Integral.Value).ToList())
                : null,
            HalvesWithTau = halves.Count,
        };
    }

    private static double Median(IEnumerable<double> values)
    {
        double[] sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : Quantiles.OfSorted(sorted, 0.5);
    }

    /// <summary>Scalars per polymer and overall, for metrics.json.</summary>
    public EvaluationSummary Summary() => new(
        Steps, StepTau, HasScoreGn, Refined, RolloutWallSeconds, SystemCount, FailedSystems, MeanStepsBeforeFailure,
        StoppedBeforeTwoFrames.Select(s => new StoppedSystem(s.Name, s.FailedStep, s.Failure)).ToList(),
        FramesWithCollisions, MeanRg, RelaxationTime, HalvesRelaxationTime, MedianRg2Wasserstein1, MedianHalvesRg2Wasserstein1,
        MeanRgStatement(), RelaxationTimeStatement(),
        Polymers.Select(p => new PolymerSummary(
            p.Name, p.Beads, p.FailedStep, p.Failure, p.ReferenceMeanRg, p.RolloutMeanRg,
            p.Rg2Distribution.Wasserstein1, p.Rg2Distribution.KolmogorovSmirnov,
            p.ReferenceTau?.Point, p.RolloutTau?.Point,
            p.ReferenceTau?.Integral.StandardError, p.RolloutTau?.Integral.StandardError,
            p.ShorterReference, p.ReferenceContacts.MeanAbsoluteDifference(p.RolloutContacts), p.FramesWithCollisions,
            p.RolloutRg2.Length, p.ReferenceRg2.Length, p.ReferenceHalves?.Rg2Wasserstein1, p.ReferenceHalves?.Rg2Ks,
            p.ReferenceHalves?.FirstTau?.Point, p.ReferenceHalves?.SecondTau?.Point)).ToList());
}
