using MlCgMd.Analysis;
using MlCgMd.Benchmarks;
using MlCgMd.Batching;
using MlCgMd.Data;
using MlCgMd.Data.Hdf5;
using MlCgMd.Evaluation;
using MlCgMd.Exports;
using MlCgMd.Generation;
using MlCgMd.Lammps;
using MlCgMd.Model;
using MlCgMd.Simulation;
using MlCgMd.Systems;
using MlCgMd.SystemKinds;
using MlCgMd.Training;

namespace MlCgMd.Tests.Electrolyte;

/// <summary>A model trains on generated quick-tier electrolyte data and rolls out its unseen test composition in the box.</summary>
public sealed class ElectrolyteTrainingTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("mlcgmd-electrolyte-train-").FullName;

    public void Dispose()
    {
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }

    [Fact]
    public void Train_and_simulate_run_end_to_end_on_the_quick_tier()
    {
        string data = Path.Combine(root, "data");
        var dataset = ElectrolyteDatasetConfigLoader.Load(RepositoryFolder.Config("electrolyte-quick.json"));
        new ElectrolyteDatasetGenerator(dataset, data, threads: 2).Run();
        ForceField forceField = dataset.LoadForceField();
        var config = new TrainingConfig
        {
            Tier = "quick",
            Data = new DataSettings { Directory = data, System = SystemKind.Electrolyte.Name },
            Model = Tests.Model.SyntheticBatches.SmallConfig(seqLen: 4, score: true, property: false) with
            {
                CgLevel = 7, Dilation = 2, UseAtomMass = true, UseWeights = true, NumPtypes = forceField.TypeCount,
                NumBtypes = forceField.BondTypes.Count + 1, Radius = 3,   // LAMMPS bond types 1..2 as the official files
            },
            Optim = new OptimSettings { Lr = 1e-3 },
            Train = new LoopSettings { BatchSize = 2, MaxSteps = 2, ValEvery = 2, ValBatches = 1, CheckpointEvery = 2, LogEvery = 1, Seed = 3, Threads = 1 },
        };
        config.Validate("the test config");
        var trainer = new Trainer(config, root, Path.Combine(root, "run"));
        trainer.Run(resume: false);

        using TrainedModel trained = ModelCheckpoint.Load(trainer.BestCheckpoint);
        Assert.True(trained.Recipe.RecursiveMetis);
        var systems = CgSystem.LoadSplit(data, trained.Recipe.Kind.TestSplit, trained.Recipe, "the checkpoint");
        ElectrolyteComposition test = dataset.Split("test").Compositions.Single();
        Assert.Equal(test.Name, systems.Single().Name);
        string output = Path.Combine(root, "rollout");
        var options = new RolloutOptions { Steps = 3, SaveEvery = 1, BatchSize = 2, Threads = 1, Deterministic = true };
        RolloutManifest manifest = new RolloutRunner(trained.Model, options).Run(systems, StabilityThresholds.FromReference(systems), output, resume: false);
        Assert.Equal(trained.Recipe, manifest.Recipe);
        using Hdf5File file = Hdf5File.OpenRead(Path.Combine(output, manifest.Systems[0].File));
        float box = (float)test.BoxLength;
        Assert.Equal([box, box, box], file.Read<float>("lattice").Data);
        Assert.Equal(systems[0].Map.Cluster.Select(c => (long)c), file.Read<long>("cluster").Data);

        // The evaluation finds each Li+ and each anion as its own bead; the reference diffusivity on those beads is the
        // fine Li+ particles' own; a 3-step rollout is too short for the fit window and is said to be, not fitted.
        var info = DatasetInfo.TryRead(data)!;
        ElectrolyteEvaluationResult evaluation = ElectrolyteRolloutEvaluator.Evaluate(output, data, info.FrameInterval);
        ElectrolyteSystemEvaluation one = evaluation.Systems.Single();
        Assert.Equal((test.IonPairs, test.IonPairs), (one.LithiumBeads, one.AnionBeads));
        Assert.Null(one.RolloutLithium);
        Assert.Contains("too few for lags up to", one.RolloutDiffusivityMissing);
        var folder = new TrajectoryFolder(Path.Combine(data, test.Name), TrajectorySchema.Battery);
        int lithium = forceField.TypeId("Li");
        int[] fineLithium = Enumerable.Range(0, folder.ReadTopology().ParticleCount).Where(i => folder.ReadTopology().ParticleTypes[i] == lithium).ToArray();
        float[] fine = folder.ReadFrames(0, folder.FrameCount);
        int particles = fine.Length / folder.FrameCount / 3;
        int start = (int)Math.Round(one.FitStart / one.ReferenceDt), end = (int)Math.Round(one.FitEnd / one.ReferenceDt);
        var direct = ParticleBootstrapDiffusion.Estimate(fine, folder.FrameCount, particles, fineLithium, one.ReferenceDt, start, end);
        Assert.Equal(direct.Value, one.ReferenceLithium.Value, 5);
        // The Li+ MSD over one model step (dilation 2 = 2 recorded frames): the fine Li+ particles' own, every origin.
        double stepMsd = MeanSquaredDisplacement.Average(MeanSquaredDisplacement.PerParticle(Array.ConvertAll(fine, v => (double)v), folder.FrameCount, particles, fineLithium, 2))[2];
        Assert.Equal(stepMsd, one.ReferenceLithiumStepMsd, 4);
        Assert.NotNull(one.RolloutLithiumStepMsd);
        Assert.Contains("too few compositions", evaluation.LithiumStepMsdStatement());
        Assert.Contains("too few compositions", evaluation.DiffusivityStatement());
        Assert.StartsWith("Chemistry-lookup baseline of log10 D(Li+) (the mean over the", evaluation.ChemistryBaselineStatement);
        Assert.Contains("too few compositions (0 of 0)", evaluation.ChemistryBaselineStatement);
        Assert.Matches("^[01] of 1 rollouts ran all 3 steps", evaluation.DiffusivityStatement());
        // Viewers get the periodic box: LAMMPS dump bounds 0..L flagged pp (reference and rollout), CRYST1 in the topology.
        var exported = ExportJob.Run(new ExportRequest
        {
            RolloutDirectory = output, DataDirectory = data, Format = ExportFormat.Lammpstrj, OutputDirectory = Path.Combine(root, "export"),
        });
        Assert.Equal(2, exported.Count);
        foreach (var (trajectory, files) in exported)
        {
            Assert.Equal(box, trajectory.CubicBox!.Value, 6);
            Assert.Contains("ITEM: BOX BOUNDS pp pp pp", File.ReadLines(files[0]));
            LammpsDumpFrame frame = LammpsDumpReader.Read(files[0]).First();
            Assert.Equal([0.0, 0.0, 0.0], frame.BoxLow);
            Assert.Equal([box, box, box], frame.BoxHigh.Select(x => (float)x));
            Assert.Equal(box, PdbReader.Read(files[1]).CubicBox!.Value, 3);
        }
        // Speed on the same boxes: learned, the built-in engine and (when installed) LAMMPS, all periodic.
        var speeds = SpeedComparison.Measure(trained.Model, systems, forceField, info.FrameInterval, modelSteps: 1, mdSteps: 20,
            refine: true, Path.Combine(root, "speed"), data);
        Assert.Equal(MlCgMd.Lammps.LammpsRunner.IsAvailable() ? 3 : 2, speeds.Count);
        Assert.All(speeds, s => Assert.True(s.TauPerSecond > 0 && s.Systems == 1, $"{s}"));
        Assert.Equal(20 * forceField.TimeStep, speeds[1].SimulatedTauPerSystem, 12);
        string html = ElectrolyteReport.Build("quick", evaluation).ToHtml();
        Assert.Contains("Li+ transport", html);
        Assert.Contains("bonded displacement correlation", html);
        Assert.NotNull(one.ReferenceBondedMotion);           // 20-bead chains at cg_level 7: CG bonds to follow
        Assert.Equal(3 - 1, one.RolloutBondedMotion!.Steps);
        Assert.Equal(3, html.Split("<svg").Length - 1);      // MSD curves, D parity, coordination parity
    }
}
