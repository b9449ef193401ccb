using MlCgMd.Analysis;
using MlCgMd.CoarseGraining;
using MlCgMd.Data;
using MlCgMd.Data.Hdf5;
using MlCgMd.Generation;
using MlCgMd.Simulation;
using MlCgMd.SystemKinds;
using MlCgMd.Systems;

namespace MlCgMd.Evaluation;

/// <summary>
/// Compares a rollout of electrolyte boxes with their reference MD: both on the rollout's CG beads, Li+ beads
/// (beads made of one Li particle) and anion beads (beads holding an "An" particle) named by the dataset's
/// forcefield.json. Per composition the Li+ and anion diffusivities over one fit window in τ (a tenth to a half of
/// the reference's length, the same lags in the rollout) with bootstrap errors over ions, and the Li+–anion
/// coordination number; across compositions the agreement of log10 D(Li+) and of the coordination number.
/// </summary>
public static class ElectrolyteRolloutEvaluator
{
    public const double RdfBinWidth = 0.05;

    /// <param name="frameInterval">τ between recorded reference frames</param>
    public static ElectrolyteEvaluationResult Evaluate(string rolloutDirectory, string dataDirectory, double frameInterval)
    {
        if (!(frameInterval > 0)) throw new ArgumentException("the frame interval (τ per recorded frame) must be positive");
        RolloutManifest manifest = RolloutManifest.Read(rolloutDirectory);
        if (manifest.Kind != SystemKind.Electrolyte)
            throw new InvalidDataException($"{rolloutDirectory}: a rollout of {manifest.Kind.Name} systems; this evaluation is for electrolyte boxes");
        string forceFieldPath = Path.Combine(dataDirectory, DatasetGenerator.ForceFieldFile);
        if (!File.Exists(forceFieldPath))
            throw new FileNotFoundException(
                $"'{forceFieldPath}' is missing: the electrolyte evaluation names Li+ and anion beads by the force field's " +
                "type names (\"Li\", \"An\"), which mlcgmd generate copies into the dataset folder", forceFieldPath);
        ForceField forceField = ForceFieldLoader.Load(forceFieldPath);
        int lithium = TypeOrError(forceField, "Li", forceFieldPath), anion = TypeOrError(forceField, "An", forceFieldPath);
        double rolloutDt = manifest.Options.SaveEvery * manifest.Dilation * frameInterval;

        var systems = manifest.Systems
            .Select(s => EvaluateOne(s, rolloutDirectory, dataDirectory, frameInterval, rolloutDt, manifest.CollisionDistance, lithium, anion))
            .ToList();
        ElectrolyteEvaluationResult result = ElectrolyteEvaluationResult.From(manifest, systems, frameInterval);
        try
        {
            var compared = result.Compared
                .Select(s => new ChemistryBaseline.Composition(s.Name, ChemistryBaseline.SolvatingType(dataDirectory, s.Name),
                    Math.Log10(s.ReferenceLithium.Value))).ToList();
            return result with { ChemistryLookup = ChemistryBaseline.Compute(ChemistryBaseline.ReadTraining(dataDirectory), compared) };
        }
        catch (FileNotFoundException missing)
        {
            // Datasets in the official layout (no properties.json, no training split here) still get every other number.
            return result with { ChemistryLookupMissing = missing.Message };
        }
    }

    private static int TypeOrError(ForceField forceField, string name, string path) =>
        forceField.TypeId(name) is var id and >= 0
            ? id
            : throw new InvalidDataException($"{path}: field 'species' has no type named \"{name}\"; the electrolyte evaluation needs \"Li\" and \"An\"");

    private static ElectrolyteSystemEvaluation EvaluateOne(RolloutSystem system, string rolloutDirectory, string dataDirectory,
                                                           double referenceDt, double rolloutDt, double collisionDistance,
                                                           int lithiumType, int anionType)
    {
        string rolloutPath = Path.Combine(rolloutDirectory, system.File);
        var folder = new TrajectoryFolder(Path.Combine(dataDirectory, system.Name), SystemKind.Electrolyte.Schema);
        CoarseGrainMap map = RolloutFile.ReadMap(rolloutPath, folder, SystemKind.Electrolyte);
        TrajectoryTopology topology = folder.ReadTopology();
        int[] lithiumBeads = BeadsWhere(map, topology, members => members.All(t => t == lithiumType));
        int[] anionBeads = BeadsWhere(map, topology, members => members.Contains(anionType));
        if (lithiumBeads.Length == 0 || anionBeads.Length == 0)
            throw new InvalidDataException($"'{folder.Path}': the rollout's beads hold {lithiumBeads.Length} Li+ beads and {anionBeads.Length} anion beads; " +
                                           "both are needed");

        float box = RolloutFile.ReadCubicBox(rolloutPath)
                    ?? throw new InvalidDataException($"{rolloutPath}: dataset 'lattice' is missing; an electrolyte rollout runs in a periodic box");

        float[] reference = RolloutFile.ReferenceOnBeads(folder, map);
        int referenceFrames = reference.Length / (map.BeadCount * 3);
        int rolloutFrames = (int)system.FramesWritten;
        float[] rollout = RolloutFile.ReadPositions(rolloutPath, rolloutFrames);

        // Window: a tenth to a half of the reference, as the generator's properties.json; the same τ in the rollout.
        int start = Math.Max(1, (int)Math.Round(DiffusionCoefficient.DefaultStartFraction * (referenceFrames - 1)));
        int end = Math.Max(start + 1, (int)Math.Round(DiffusionCoefficient.DefaultEndFraction * (referenceFrames - 1)));
        if (referenceFrames - end < ParticleBootstrapDiffusion.MinimumOrigins)
            throw new InvalidDataException($"'{folder.Path}' has {referenceFrames} frames; a diffusivity needs at least {2 * ParticleBootstrapDiffusion.MinimumOrigins + 1}");
        double fitStart = start * referenceDt, fitEnd = end * referenceDt;
        BootstrapEstimate Diffusion(float[] positions, int frames, int[] beads, double dt, int from, int to) =>
            ParticleBootstrapDiffusion.Estimate(positions, frames, map.BeadCount, beads, dt, from, to);

        int rolloutStart = (int)Math.Round(fitStart / rolloutDt), rolloutEnd = (int)Math.Round(fitEnd / rolloutDt);
        string? missing = null;
        if (rolloutStart < 1 || rolloutEnd - rolloutStart < 1)
            missing = $"a rollout frame every {rolloutDt:G4} τ resolves fewer than two lags of the fit window {fitStart:G4}–{fitEnd:G4} τ";
        else if (rolloutFrames - rolloutEnd < ParticleBootstrapDiffusion.MinimumOrigins)
            missing = $"{rolloutFrames} rollout frames ({(rolloutFrames - 1) * rolloutDt:G4} τ) are too few for lags up to {fitEnd:G4} τ " +
                      $"leaving at least {ParticleBootstrapDiffusion.MinimumOrigins} time origins";

        double[] referenceValues = ToDouble(reference), rolloutValues = ToDouble(rollout);      // once each, for the RDFs and MSDs
        int stepFrames = Math.Max(1, (int)Math.Round(rolloutDt / referenceDt));                 // reference frames per model step
        RadialDistribution referenceRdf = Rdf(referenceValues, referenceFrames, map.BeadCount, box, lithiumBeads, anionBeads);
        // The rollout's coordination is counted within the reference's first minimum: one shell for both.
        RadialDistribution? rolloutRdf = rolloutFrames > 0
            ? Rdf(rolloutValues, rolloutFrames, map.BeadCount, box, lithiumBeads, anionBeads, referenceRdf.FirstMinimum)
            : null;
        return new ElectrolyteSystemEvaluation
        {
            Name = system.Name,
            Beads = map.BeadCount,
            LithiumBeads = lithiumBeads.Length,
            AnionBeads = anionBeads.Length,
            BoxLength = box,
            StepsDone = system.StepsDone,
            FailedStep = system.FailedStep,
            Failure = system.Failure,
            ReferenceDt = referenceDt,
            RolloutDt = rolloutDt,
            ReferenceFrames = referenceFrames,
            RolloutFrames = rolloutFrames,
            FitStart = fitStart,
            FitEnd = fitEnd,
            ReferenceLithium = Diffusion(reference, referenceFrames, lithiumBeads, referenceDt, start, end),
            ReferenceAnion = Diffusion(reference, referenceFrames, anionBeads, referenceDt, start, end),
            RolloutLithium = missing is null ? Diffusion(rollout, rolloutFrames, lithiumBeads, rolloutDt, rolloutStart, rolloutEnd) : null,
            RolloutAnion = missing is null ? Diffusion(rollout, rolloutFrames, anionBeads, rolloutDt, rolloutStart, rolloutEnd) : null,
            RolloutDiffusivityMissing = missing,
            ReferenceCoordination = referenceRdf.CoordinationNumber,
            RolloutCoordination = rolloutRdf?.CoordinationNumber ?? double.NaN,
            ReferencePeak = referenceRdf.PeakRadius,
            RolloutPeak = rolloutRdf?.PeakRadius ?? double.NaN,
            ReferenceLithiumMsd = Msd(referenceValues, referenceFrames, map.BeadCount, lithiumBeads),
            RolloutLithiumMsd = Msd(rolloutValues, rolloutFrames, map.BeadCount, lithiumBeads),
            ReferenceLithiumStepMsd = MsdAtLag(referenceValues, referenceFrames, map.BeadCount, lithiumBeads, stepFrames)!.Value,
            RolloutLithiumStepMsd = MsdAtLag(rolloutValues, rolloutFrames, map.BeadCount, lithiumBeads, 1),
            ReferenceBondedMotion = BondedMotion.Measure(reference, referenceFrames, map.BeadCount, map.CgBonds, stepFrames),
            RolloutBondedMotion = BondedMotion.Measure(rollout, rolloutFrames, map.BeadCount, map.CgBonds, 1),
            FramesWithCollisions = StabilityMonitor.FramesWithCollisions(rollout, rolloutFrames, map.CgBonds, collisionDistance, [box, box, box]),
        };
    }

    /// <summary>Beads whose member particles' types satisfy <paramref name="rule"/>.</summary>
    private static int[] BeadsWhere(CoarseGrainMap map, TrajectoryTopology topology, Func<IEnumerable<int>, bool> rule)
    {
        var members = Enumerable.Range(0, map.BeadCount).Select(_ => new List<int>()).ToArray();
        for (int atom = 0; atom < map.AtomCount; atom++) members[map.Cluster[atom]].Add(topology.ParticleTypes[atom]);
        return Enumerable.Range(0, map.BeadCount).Where(b => rule(members[b])).ToArray();
    }

    /// <summary>MSD of <paramref name="beads"/> at lags 0..half the frames ([] below 4 frames).</summary>
    private static double[] Msd(double[] positions, int frames, int beadCount, int[] beads) =>
        frames < 4 ? [] : MeanSquaredDisplacement.Average(MeanSquaredDisplacement.PerParticle(positions, frames, beadCount, beads, frames / 2));

    /// <summary>MSD of <paramref name="beads"/> at one lag (frames), over every time origin; null without that lag.</summary>
    private static double? MsdAtLag(double[] positions, int frames, int beadCount, int[] beads, int lag) =>
        frames > lag ? MeanSquaredDisplacement.Average(MeanSquaredDisplacement.PerParticle(positions, frames, beadCount, beads, lag))[lag] : null;

    private static double[] ToDouble(float[] values) => Array.ConvertAll(values, v => (double)v);

    private static RadialDistribution Rdf(double[] positions, int frames, int beads, double box, int[] a, int[] b, double? shell = null) =>
        RadialDistribution.Compute(positions, frames, beads, Enumerable.Repeat(box, frames).ToArray(),
            a, b, RdfBinWidth, shell);
}
