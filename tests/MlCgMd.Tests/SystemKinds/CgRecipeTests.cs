using MlCgMd.Batching;
using MlCgMd.CoarseGraining;
using MlCgMd.Data;
using MlCgMd.Data.Hdf5;
using MlCgMd.Model;
using MlCgMd.Simulation;
using MlCgMd.SystemKinds;
using MlCgMd.Tests.Training;
using MlCgMd.Training;

namespace MlCgMd.Tests.SystemKinds;

public class CgRecipeTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "mlcgmd-recipe-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }

    /// <summary>Chains of 24 particles cut into round(24 / 5) = 5 beads: k-way and recursive bisection cut them differently.</summary>
    private const int CgLevel = 5;

    private (string Data, Trainer Trainer) Train(bool recursive, long steps = 2, string run = "run")
    {
        string data = Path.Combine(root, "data");
        if (!Directory.Exists(data)) TinyDataset.Write(data);
        TrainingConfig config = TinyDataset.Config(data, steps);
        config = config with
        {
            Data = config.Data with { RecursiveMetis = recursive },
            Model = config.Model with { CgLevel = CgLevel },
        };
        var trainer = new Trainer(config, root, Path.Combine(root, run));
        trainer.Run(resume: false);
        return (data, trainer);
    }

    private static int[] Clusters(string folder, bool recursive)
    {
        TrajectoryTopology topology = new TrajectoryFolder(folder).ReadTopology();
        return MetisClustering.Cluster(BondGraph.FromPairs(topology.ParticleCount, topology.Bonds),
            new CoarseGrainingOptions { CgLevel = CgLevel, Recursive = recursive });
    }

    [Fact]
    public void A_model_trained_with_recursive_metis_is_rolled_out_with_recursive_metis()
    {
        var (data, trainer) = Train(recursive: true);
        using TrainedModel trained = ModelCheckpoint.Load(trainer.BestCheckpoint);
        Assert.True(trained.Recipe.RecursiveMetis);

        // What `simulate`, `bench speed` and the quickstart do: the checkpoint's recipe builds the systems.
        List<CgSystem> systems = CgSystem.LoadSplit(data, "val.txt", trained.Recipe, "the checkpoint");
        string folder = Path.Combine(data, systems[0].Name);
        int[] recursive = Clusters(folder, recursive: true), kway = Clusters(folder, recursive: false);
        Assert.NotEqual(kway, recursive);
        Assert.Equal(recursive, systems[0].Map.Cluster);

        string output = Path.Combine(root, "rollout");
        var options = new RolloutOptions { Steps = 2, SaveEvery = 1, Threads = 1, Deterministic = true };
        RolloutManifest manifest = new RolloutRunner(trained.Model, options).Run(systems, new StabilityThresholds(1e-6, 1e6), output,
            resume: false);
        Assert.True(manifest.Recipe!.RecursiveMetis);
        Assert.True(RolloutManifest.Read(output).Recipe!.RecursiveMetis);
        using Hdf5File file = Hdf5File.OpenRead(Path.Combine(output, manifest.Systems[0].File));
        Assert.Equal(recursive.Select(c => (long)c), file.Read<long>("cluster").Data);
    }

    [Fact]
    public void Resuming_training_with_another_recipe_is_refused_naming_both()
    {
        var (data, _) = Train(recursive: false, steps: 3);
        TrainingConfig config = TinyDataset.Config(data, steps: 6);
        config = config with { Data = config.Data with { RecursiveMetis = true }, Model = config.Model with { CgLevel = CgLevel } };
        var error = Assert.Throws<InvalidDataException>(() => new Trainer(config, root, Path.Combine(root, "run")).Run(resume: true));
        Assert.Contains("k-way", error.Message);
        Assert.Contains("recursive", error.Message);
        Assert.Contains(Path.Combine("run", "checkpoints", "last"), error.Message);
    }

    [Fact]
    public void A_chain_checkpoint_refuses_electrolyte_data_naming_both()
    {
        var (_, trainer) = Train(recursive: false);
        var electrolyte = ElectrolyteDataset.Write(Path.Combine(root, "electrolyte"));
        using TrainedModel trained = ModelCheckpoint.Load(trainer.BestCheckpoint);
        var error = Assert.Throws<InvalidDataException>(() =>
            CgSystem.LoadSplit(electrolyte.Root, SplitFiles.BatteryTest, trained.Recipe, $"checkpoint '{trained.Path}'"));
        Assert.Contains("holds electrolyte trajectories", error.Message);
        Assert.Contains("chain systems, cg_level 5, k-way METIS", error.Message);
        Assert.Contains(trained.Path, error.Message);
    }

    [Fact]
    public void Resuming_a_rollout_with_systems_of_another_recipe_is_refused()
    {
        var (data, trainer) = Train(recursive: false);
        using TrainedModel trained = ModelCheckpoint.Load(trainer.BestCheckpoint);
        string output = Path.Combine(root, "rollout");
        var options = new RolloutOptions { Steps = 2, SaveEvery = 1, Threads = 1, Deterministic = true };
        var loose = new StabilityThresholds(1e-6, 1e6);
        new RolloutRunner(trained.Model, options).Run(CgSystem.LoadSplit(data, "val.txt", trained.Recipe, "the test"), loose, output, false);
        var other = CgSystem.LoadSplit(data, "val.txt", trained.Recipe with { RecursiveMetis = true }, "the test");
        var error = Assert.Throws<InvalidDataException>(() => new RolloutRunner(trained.Model, options).Run(other, loose, output, true));
        Assert.Contains("k-way", error.Message);
        Assert.Contains("recursive", error.Message);
    }

    [Fact]
    public void A_checkpoint_without_a_recipe_is_a_chain_model_with_kway_metis()
    {
        var (_, trainer) = Train(recursive: false);
        File.Delete(Path.Combine(trainer.BestCheckpoint, CgRecipe.FileName));
        using TrainedModel trained = ModelCheckpoint.Load(trainer.BestCheckpoint);
        Assert.Equal(new CgRecipe { System = "chain", CgLevel = CgLevel, RecursiveMetis = false }, trained.Recipe);
    }

    [Fact]
    public void The_training_config_names_the_system_and_its_weights_must_agree()
    {
        TrainingConfig config = TinyDataset.Config(Path.Combine(root, "data"), steps: 1);
        var unknown = Assert.Throws<InvalidDataException>(() => (config with { Data = config.Data with { System = "crystal" } }).Validate("cfg"));
        Assert.Contains("field 'system' is 'crystal', expected 'chain' or 'electrolyte'", unknown.Message);
        var masses = Assert.Throws<InvalidDataException>(() => (config with { Model = config.Model with { UseAtomMass = true } }).Validate("cfg"));
        Assert.Contains("'use_atom_mass' is true, but chain systems are weighted by unit weights", masses.Message);
        var electrolyte = config with { Data = config.Data with { System = "electrolyte" } };
        Assert.Throws<InvalidDataException>(() => electrolyte.Validate("cfg"));
        Assert.Equal(SplitFiles.BatteryTrain, electrolyte.Data.TrainSplitFile);
        Assert.True(electrolyte.Data.Recipe(electrolyte.Model).RecursiveMetis);
        Assert.False(config.Data.Recipe(config.Model).RecursiveMetis);
    }
}
