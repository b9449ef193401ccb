using MlCgMd.Analysis;
using MlCgMd.CoarseGraining;
using MlCgMd.Data;
using MlCgMd.Data.Hdf5;
using MlCgMd.Simulation;
using MlCgMd.SystemKinds;

namespace MlCgMd.Evaluation;

/// <summary>
/// Compares a rollout folder with the reference MD trajectories of the same systems: both
/// are mapped to the rollout's CG beads (same clusters, same weights), then Rg² series and
/// distributions, Rg² relaxation times, contact maps, CG bond lengths and collisions are
/// computed per polymer, and per-polymer means are correlated across polymers. These are the
/// metrics of the chain kind; a rollout of another kind, or reference data of another kind than
/// the rollout's recipe, is refused.
/// </summary>
public static class RolloutEvaluator
{
    /// <summary>Blocks for the block bootstrap of relaxation times.</summary>
    public const int BootstrapBlocks = 10;

    /// <param name="frameInterval">τ between recorded reference frames</param>
    /// <param name="contactCutoff">CG contact distance (σ); null: the reference's mean CG bond length</param>
    public static EvaluationResult Evaluate(string rolloutDirectory, string dataDirectory, double frameInterval,
                                            double? contactCutoff = null)
    {
        if (!(frameInterval > 0)) throw new ArgumentException("the frame interval (τ per recorded frame) must be positive");
        RolloutManifest manifest = RolloutManifest.Read(rolloutDirectory);
        SystemKind kind = manifest.Kind;
        EvaluationMetric[] missing = SystemKind.Chain.Metrics.Except(kind.Metrics).ToArray();
        if (missing.Length > 0)
            throw new InvalidDataException(
                $"{rolloutDirectory}: a rollout of {kind.Name} systems; the evaluation computes the chain metrics, of which " +
                $"{string.Join(", ", missing)} do not apply to {kind.Name} systems");
        double rolloutDt = manifest.Options.SaveEvery * manifest.Dilation * frameInterval;
        var polymers = new List<PolymerEvaluation>();
        var stoppedEarly = new List<RolloutSystem>();
        foreach (RolloutSystem system in manifest.Systems)
        {
            // A system stopped before writing two frames has nothing to compare; it is reported as failed.
            if (system.FramesWritten < 2)
            {
                stoppedEarly.Add(system);
                continue;
            }
            string rolloutPath = Path.Combine(rolloutDirectory, system.File);
            var folder = new TrajectoryFolder(Path.Combine(dataDirectory, system.Name), kind.Schema);
            if (SystemKind.OfFolder(folder.Path) is { } stored && stored != kind)
                throw new InvalidDataException(
                    $"'{folder.Path}' holds {stored.Name} trajectories, but the rollout in {rolloutDirectory} simulated " +
                    $"{manifest.Recipe?.ToString() ?? kind.Name + " systems"}");
            polymers.Add(EvaluateOne(system, rolloutPath, folder, kind, frameInterval, rolloutDt, manifest.CollisionDistance,
                contactCutoff));
        }
        return EvaluationResult.From(manifest, polymers, stoppedEarly, frameInterval);
    }

    private static PolymerEvaluation EvaluateOne(RolloutSystem system, string rolloutPath, TrajectoryFolder folder, SystemKind kind,
                                                 double referenceDt, double rolloutDt, double collisionDistance,
                                                 double? contactCutoff)
    {
        var (map, bonds) = ReadMapping(rolloutPath, folder, kind);
        var reference = new PositionFrames(RolloutFile.ReferenceOnBeads(folder, map), map.BeadCount);
        var rollout = new PositionFrames(RolloutFile.ReadPositions(rolloutPath, system.FramesWritten), map.BeadCount);

        double[] refRg2 = RadiusOfGyration.SquaredPerFrame(reference, map.BeadWeights);
        double[] mlRg2 = RadiusOfGyration.SquaredPerFrame(rollout, map.BeadWeights);
        double[] refBonds = BondLengths.Compute(reference, bonds);
        double[] mlBonds = BondLengths.Compute(rollout, bonds);
        double cutoff = contactCutoff ?? (refBonds.Length > 0 ? refBonds.Average() : 1.5);
        // The rollout monitor's own rule, so the counts and the stops agree.
        int framesWithCollisions = StabilityMonitor.FramesWithCollisions(rollout.Positions, rollout.FrameCount,
            bonds.SelectMany(b => new[] { b.First, b.Second }).ToArray(), collisionDistance);

        return new PolymerEvaluation
        {
            Name = system.Name,
            Beads = map.BeadCount,
            FailedStep = system.FailedStep,
            Failure = system.Failure,
            ReferenceDt = referenceDt,
            RolloutDt = rolloutDt,
            ReferenceRg2 = refRg2,
            RolloutRg2 = mlRg2,
            Rg2Distribution = DistributionComparison.Compute(refRg2, mlRg2),
            ReferenceTau = TauOrNull(refRg2, referenceDt),
            RolloutTau = TauOrNull(mlRg2, rolloutDt),
            ReferenceHalves = refRg2.Length >= 4 ? ReferenceHalves.Compute(refRg2, referenceDt) : null,
            ShorterReference = refRg2.Length >= 400 ? ReferenceLengthBaseline.Compute(refRg2, referenceDt) : [],
            ReferenceContacts = ContactMap.Compute(reference, cutoff),
            RolloutContacts = ContactMap.Compute(rollout, cutoff),
            ReferenceBondLengths = refBonds,
            RolloutBondLengths = mlBonds,
            FramesWithCollisions = framesWithCollisions,
        };
    }

    /// <summary>Block-bootstrap relaxation times, or null when the series is too short to have blocks of several frames.</summary>
    internal static RelaxationTimeSummary? TauOrNull(double[] series, double dt) =>
        series.Length >= BootstrapBlocks * 8 ? RelaxationTimeBootstrap.FromSingleSeries(series, dt, BootstrapBlocks) : null;

    /// <summary>The rollout's beads over the reference particles (weighted as the kind weighs them) and its CG bonds, each once.</summary>
    private static (CoarseGrainMap Map, (int First, int Second)[] Bonds) ReadMapping(string rolloutPath, TrajectoryFolder folder,
                                                                                     SystemKind kind)
    {
        CoarseGrainMap map = RolloutFile.ReadMap(rolloutPath, folder, kind);
        long[] cgBonds;
        using (Hdf5File file = Hdf5File.OpenRead(rolloutPath))
            cgBonds = file.Read<long>("cg_bonds").Data;
        var bonds = new List<(int, int)>();
        for (int b = 0; b < cgBonds.Length; b += 2)
            if (cgBonds[b] < cgBonds[b + 1]) bonds.Add(((int)cgBonds[b], (int)cgBonds[b + 1]));
        return (map, bonds.ToArray());
    }
}
