using MlCgMd.Batching;
using MlCgMd.CoarseGraining;
using MlCgMd.Data;
using MlCgMd.Data.Hdf5;
using MlCgMd.Evaluation;
using MlCgMd.Model;
using MlCgMd.Simulation;
using MlCgMd.SystemKinds;
using MlCgMd.Torch;
using MlCgMd.Training;

namespace MlCgMd.Tests.SystemKinds;

public class ElectrolyteDataPathTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "mlcgmd-electrolyte-" + Guid.NewGuid().ToString("N"));
    private readonly ElectrolyteDataset data;

    public ElectrolyteDataPathTests() => data = ElectrolyteDataset.Write(Path.Combine(root, "data"));

    public void Dispose()
    {
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }

    private static CgRecipe Recipe(int cgLevel, int wholeComponentMaxAtoms = 0) => new()
    {
        System = SystemKind.Electrolyte.Name, CgLevel = cgLevel, RecursiveMetis = true, WholeComponentMaxAtoms = wholeComponentMaxAtoms,
    };

    private CgSystem Load(string name, CgRecipe recipe) =>
        CgSystem.Load(new TrajectoryFolder(Path.Combine(data.Root, name), TrajectorySchema.Battery), recipe, "the test");

    [Fact]
    public void Each_component_is_partitioned_on_its_own_by_recursive_metis_and_ions_are_beads_of_their_own()
    {
        CgSystem system = Load("9-0-1-0", Recipe(cgLevel: 4));
        int[] expected = MetisClustering.Cluster(BondGraph.FromPairs(ElectrolyteDataset.Particles, data.Bonds),
            new CoarseGrainingOptions { CgLevel = 4, Recursive = true });
        Assert.Equal(expected, system.Map.Cluster);

        int[] component = ElectrolyteDataset.Components();
        var beadsOfComponent = component.Zip(system.Map.Cluster).GroupBy(p => p.First)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Second).Distinct().ToList());
        foreach (var (c, beads) in beadsOfComponent)
        {
            int size = component.Count(x => x == c);
            Assert.Equal(Math.Max(1, (int)Math.Round(size / 4.0, MidpointRounding.ToEven)), beads.Count);
        }
        // No bead spans two components; each cation (a single particle) is its own bead.
        Assert.All(system.Map.Cluster.Zip(component).GroupBy(p => p.First), g => Assert.Single(g.Select(p => p.Second).Distinct()));
        for (int i = ElectrolyteDataset.Particles - ElectrolyteDataset.Cations; i < ElectrolyteDataset.Particles; i++)
            Assert.Equal(1, system.Map.BeadSizes[system.Map.Cluster[i]]);
    }

    [Fact]
    public void The_whole_component_rule_makes_each_anion_one_bead()
    {
        int anionStart = ElectrolyteDataset.Chains * ElectrolyteDataset.ChainLength;
        int AnionBeads(CgSystem s) => s.Map.Cluster.Skip(anionStart).Take(ElectrolyteDataset.AnionSize).Distinct().Count();
        Assert.Equal(2, AnionBeads(Load("9-0-1-0", Recipe(cgLevel: 2))));           // round(5 / 2) = 2
        Assert.Equal(1, AnionBeads(Load("9-0-1-0", Recipe(cgLevel: 2, wholeComponentMaxAtoms: 5))));
    }

    [Fact]
    public void Weights_are_the_stored_masses_and_beads_sit_at_mass_weighted_unwrapped_centres()
    {
        CgSystem system = Load("9-0-1-0", Recipe(cgLevel: 4));
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        ModelBatch batch = BatchAssembler.Build([system], [new Window(0, 3)], seqLen: 4, dilation: 2, withTarget: false, Device.CPU);
        Assert.Equal(data.Masses.Select(m => (float)m), batch.Weights.ToArray<float>());

        var config = Tests.Model.SyntheticBatches.SmallConfig(seqLen: 4, property: false) with
        {
            CgLevel = 4, Dilation = 2, UseAtomMass = true, UseWeights = true, NumPtypes = 5, NumBtypes = 2, Radius = 3,
        };
        using var model = new GraphSimulator(config);
        var (cgHistory, state) = model.PrepareRollout(batch);
        float[] cg = cgHistory.ToArray<float>();                                               // [M, 4, 3]
        double[] x = data.Unwrapped["9-0-1-0"];
        int m = system.Map.BeadCount;
        for (int b = 0; b < m; b++)
        {
            int[] members = Enumerable.Range(0, ElectrolyteDataset.Particles).Where(i => system.Map.Cluster[i] == b).ToArray();
            double mass = members.Sum(i => data.Masses[i]);
            Assert.Equal(mass, state.BeadWeights.ToArray<float>()[b], 4);
            for (int t = 0; t < 4; t++)
                for (int d = 0; d < 3; d++)
                {
                    int frame = 3 + 2 * t;
                    double centre = members.Sum(i => data.Masses[i] * x[(frame * ElectrolyteDataset.Particles + i) * 3 + d]) / mass;
                    Assert.Equal(centre, cg[(b * 4 + t) * 3 + d], 3);
                }
        }
    }

    [Fact]
    public void Batches_carry_bond_types_in_both_directions_and_the_box_of_the_last_frame()
    {
        CgSystem a = Load("9-0-1-0", Recipe(cgLevel: 4)), b = Load("9-0-2-0", Recipe(cgLevel: 4));
        using var scope = torch.NewDisposeScope();
        ModelBatch training = BatchAssembler.Build([a, b], [new Window(0, 3), new Window(1, 0)], seqLen: 4, dilation: 2,
            withTarget: true, Device.CPU);
        Assert.Equal(data.BondTypes.Concat(data.BondTypes).Concat(data.BondTypes).Concat(data.BondTypes),
            training.BondTypes!.ToArray<long>());
        Assert.Equal(training.Bonds.size(0), training.BondTypes!.size(0));
        // Training windows span seq_len + 1 frames: the box of frame start + seq_len · dilation.
        float[] boxes = training.Lattices!.ToArray<float>();
        Assert.Equal(Enumerable.Repeat((float)ElectrolyteDataset.BoxAt(3 + 8), 3).Concat(Enumerable.Repeat((float)ElectrolyteDataset.BoxAt(8), 3)),
            boxes);

        ModelBatch rollout = BatchAssembler.Build([a], [new Window(0, 0)], seqLen: 4, dilation: 2, withTarget: false, Device.CPU);
        Assert.Equal(Enumerable.Repeat((float)ElectrolyteDataset.BoxAt(6), 3), rollout.Lattices!.ToArray<float>());
    }

    [Fact]
    public void A_batch_refuses_systems_of_two_recipes()
    {
        CgSystem a = Load("9-0-1-0", Recipe(cgLevel: 4)), b = Load("9-0-2-0", Recipe(cgLevel: 3));
        var error = Assert.Throws<InvalidDataException>(() =>
            BatchAssembler.Build([a, b], [new Window(0, 0), new Window(1, 0)], 4, 1, withTarget: false, Device.CPU));
        Assert.Contains("cg_level 4", error.Message);
        Assert.Contains("cg_level 3", error.Message);
    }

    [Fact]
    public void Official_battery_files_without_masses_weigh_particles_by_atomic_number()
    {
        string fixture = Path.Combine(AppContext.BaseDirectory, "Fixtures", "h5py_battery");
        var system = CgSystem.LoadSplit(fixture, SplitFiles.BatteryTrain, Recipe(cgLevel: 2), "the test").Single();
        // ptype.h5 holds atomic numbers 6, 8, 3 (C, O, Li) in turn.
        double[] expected = Enumerable.Range(0, system.ParticleCount).Select(i => (double)AtomicMasses.ByAtomicNumber[new[] { 6, 8, 3 }[i % 3]]).ToArray();
        Assert.Equal(expected, system.Map.AtomWeights);
        Assert.Equal([7L, 9L], system.BondTypes!);
        Assert.Equal([40.74f, 40.74f, 40.74f], system.BoxAt(0)!);
    }

    [Fact]
    public void Collisions_use_the_minimum_image_and_bonds_the_unwrapped_distance_in_a_periodic_box()
    {
        var monitor = new StabilityMonitor(new StabilityThresholds(CollisionDistance: 0.5, MaxBondLength: 10));
        float[] positions = [0.2f, 1, 1, 7.9f, 1, 1];                         // 0.3 apart through the boundary of a box of 8
        Assert.Null(monitor.Check(positions, []));
        Assert.Contains("collided at distance 0.3", monitor.Check(positions, [], [8, 8, 8]));
        // Positions are unwrapped: a bond 7.7 long is torn, though its minimum image (0.3) is short; folding it back
        // kept electrolyte rollouts running with bonds longer than their box.
        Assert.Contains("bond 0-1 stretched to 7.7", new StabilityMonitor(new StabilityThresholds(0.1, 1.0)).Check(positions, [0, 1, 1, 0], [8, 8, 8]));
    }

    [Fact]
    public void Reference_thresholds_of_periodic_systems_use_minimum_image_collisions_and_unwrapped_bonds()
    {
        CgSystem system = Load("9-0-1-0", Recipe(cgLevel: 4));
        var thresholds = StabilityThresholds.FromReference([system]);
        int m = system.Map.BeadCount;
        var bonded = new HashSet<(int, int)>();
        for (int k = 0; k < system.Map.CgBonds.Length; k += 2)
            bonded.Add((Math.Min(system.Map.CgBonds[k], system.Map.CgBonds[k + 1]), Math.Max(system.Map.CgBonds[k], system.Map.CgBonds[k + 1])));
        double closest = double.PositiveInfinity, longest = 0;
        for (int f = 0; f < system.FrameCount; f++)
        {
            double[] frame = data.Unwrapped["9-0-1-0"].AsSpan(f * ElectrolyteDataset.Particles * 3, ElectrolyteDataset.Particles * 3).ToArray();
            double[] cg = system.Map.CenterOfMass(frame);
            double box = ElectrolyteDataset.BoxAt(f);
            for (int i = 0; i < m; i++)
                for (int j = i + 1; j < m; j++)
                {
                    double d2 = 0;
                    for (int d = 0; d < 3; d++)
                    {
                        double delta = cg[i * 3 + d] - cg[j * 3 + d];
                        if (!bonded.Contains((i, j))) delta -= box * Math.Round(delta / box);
                        d2 += delta * delta;
                    }
                    if (bonded.Contains((i, j))) longest = Math.Max(longest, Math.Sqrt(d2));
                    else closest = Math.Min(closest, Math.Sqrt(d2));
                }
        }
        Assert.Equal(closest * StabilityThresholds.CollisionFraction, thresholds.CollisionDistance, 4);
        Assert.Equal(longest * StabilityThresholds.BondFactor, thresholds.MaxBondLength, 4);
    }

    [Fact]
    public void An_electrolyte_model_trains_and_rolls_out_in_its_box_with_its_recipe()
    {
        var config = new TrainingConfig
        {
            Tier = "quick",
            Data = new DataSettings { Directory = data.Root, System = SystemKind.Electrolyte.Name },
            Model = Tests.Model.SyntheticBatches.SmallConfig(seqLen: 4, score: true, property: false) with
            {
                CgLevel = 4, Dilation = 2, UseAtomMass = true, UseWeights = true, NumPtypes = 5, NumBtypes = 2, Radius = 3,
            },
            Optim = new OptimSettings { Lr = 1e-3 },
            Train = new LoopSettings { BatchSize = 2, MaxSteps = 2, ValEvery = 2, ValBatches = 1, CheckpointEvery = 2, LogEvery = 1, Seed = 3, Threads = 1 },
        };
        config.Validate("the test config");
        var trainer = new Trainer(config, root, Path.Combine(root, "run"));
        trainer.Run(resume: false);

        using TrainedModel trained = ModelCheckpoint.Load(trainer.BestCheckpoint);
        Assert.Equal(Recipe(cgLevel: 4), trained.Recipe);                      // recursive: the electrolyte default
        var systems = CgSystem.LoadSplit(data.Root, trained.Recipe.Kind.TestSplit, trained.Recipe, "the checkpoint");
        string output = Path.Combine(root, "rollout");
        var options = new RolloutOptions { Steps = 3, SaveEvery = 1, BatchSize = 4, Threads = 1, Deterministic = true };
        RolloutManifest manifest = new RolloutRunner(trained.Model, options).Run(systems, StabilityThresholds.FromReference(systems),
            output, resume: false);
        Assert.Equal(trained.Recipe, manifest.Recipe);
        using (Hdf5File file = Hdf5File.OpenRead(Path.Combine(output, manifest.Systems[0].File)))
        {
            float box = (float)ElectrolyteDataset.BoxAt((4 - 1) * 2);
            Assert.Equal([box, box, box], file.Read<float>("lattice").Data);
            Assert.Equal(systems[0].Map.Cluster.Select(c => (long)c), file.Read<long>("cluster").Data);
        }
        var error = Assert.Throws<InvalidDataException>(() => RolloutEvaluator.Evaluate(output, data.Root, frameInterval: 1));
        Assert.Contains("electrolyte", error.Message);
    }
}
