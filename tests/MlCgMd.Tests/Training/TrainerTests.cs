using System.Text.Json;
using MlCgMd.Model;
using MlCgMd.Model.Priors;
using MlCgMd.Training;

namespace MlCgMd.Tests.Training;

public class TrainerTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "mlcgmd-trainer-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }

    private static List<double> Losses(string run) =>
        MetricsLog.Read(Path.Combine(run, "metrics.csv")).Select(r => r.Values["loss"]).ToList();

    [Fact]
    public void A_resumed_run_reproduces_the_uninterrupted_run_exactly()
    {
        string data = TinyDataset.Write(Path.Combine(root, "data"));
        string whole = Path.Combine(root, "whole");
        string split = Path.Combine(root, "split");
        new Trainer(TinyDataset.Config(data, steps: 6, score: true), root, whole).Run(resume: false);

        new Trainer(TinyDataset.Config(data, steps: 3, score: true), root, split).Run(resume: false);
        new Trainer(TinyDataset.Config(data, steps: 6, score: true), root, split).Run(resume: true);

        List<double> expected = Losses(whole), actual = Losses(split);
        Assert.Equal(6, expected.Count);
        Assert.Equal(expected, actual);
        Assert.True(File.Exists(Path.Combine(split, "checkpoints", "last", "model.safetensors")));
        Assert.True(File.Exists(Path.Combine(split, "checkpoints", "best", "model.json")));
    }

    [Fact]
    public void A_run_with_a_score_gn_writes_the_validation_score_loss_of_every_sigma_level()
    {
        string data = TinyDataset.Write(Path.Combine(root, "data"));
        string run = Path.Combine(root, "levels");
        var config = TinyDataset.Config(data, steps: 2, score: true);
        new Trainer(config, root, run).Run(resume: false);
        ScoreLevels levels = ScoreLevels.Read(run);
        using var trained = ModelCheckpoint.Load(Path.Combine(run, "checkpoints", "last"));
        Assert.Equal(trained.Model.ScoreSigmas, levels.Sigmas);
        Assert.Equal(2, levels.Step);
        Assert.Equal(config.Model.SigmaLevel, levels.Losses.Length);
        // 0.5·mean(z²) of the draws is about 0.5; an untrained net adds its own output: 0.5·mean((net + z)²) above it.
        Assert.All(levels.NoInformation, zero => Assert.InRange(zero, 0.3, 0.7));
        Assert.All(levels.Losses, loss => Assert.InRange(loss, 0.3, 5));
        Assert.False(File.Exists(Path.Combine(root, "plain", ScoreLevels.FileName)));
        new Trainer(TinyDataset.Config(data, steps: 2), root, Path.Combine(root, "plain")).Run(resume: false);
        Assert.False(File.Exists(Path.Combine(root, "plain", ScoreLevels.FileName)));
    }

    [Fact]
    public void A_checkpoint_written_before_any_validation_can_be_resumed()
    {
        string data = TinyDataset.Write(Path.Combine(root, "data"));
        string run = Path.Combine(root, "early");
        var config = TinyDataset.Config(data, steps: 2);
        // Step 1 is checkpointed before the first validation: the best validation loss is still +Infinity.
        config = config with { Train = config.Train with { CheckpointEvery = 1, ValEvery = 100 } };
        new Trainer(config, root, run).Run(resume: false);
        var resumed = new Trainer(config with { Train = config.Train with { MaxSteps = 3 } }, root, run).Run(resume: true);
        Assert.Equal(3, resumed.Steps);
    }

    [Fact]
    public void Training_is_deterministic_under_a_seed()
    {
        string data = TinyDataset.Write(Path.Combine(root, "data"));
        new Trainer(TinyDataset.Config(data, steps: 3), root, Path.Combine(root, "a")).Run(resume: false);
        new Trainer(TinyDataset.Config(data, steps: 3), root, Path.Combine(root, "b")).Run(resume: false);
        Assert.Equal(Losses(Path.Combine(root, "a")), Losses(Path.Combine(root, "b")));
    }

    [Fact]
    public void A_checkpoint_rebuilds_the_same_model()
    {
        string data = TinyDataset.Write(Path.Combine(root, "data"));
        string run = Path.Combine(root, "run");
        var trainer = new Trainer(TinyDataset.Config(data, steps: 3), root, run);
        trainer.Run(resume: false);
        using var first = ModelCheckpoint.Load(trainer.LastCheckpoint);
        using var second = ModelCheckpoint.Load(trainer.LastCheckpoint);
        var a = first.Model.state_dict();
        var b = second.Model.state_dict();
        Assert.Equal(a.Keys, b.Keys);
        foreach (string key in a.Keys) Assert.Equal(a[key].ToArray<float>(), b[key].ToArray<float>());
    }

    [Fact]
    public void A_prior_asked_to_be_fitted_is_fitted_once_written_and_saved_with_the_model_and_resumes_exactly()
    {
        string data = TinyDataset.Write(Path.Combine(root, "data"));
        TrainingConfig Config(long steps)
        {
            var config = TinyDataset.Config(data, steps);
            return config with { Model = config.Model with { Prior = new CgPriorParameters { Fit = true } } };
        }
        string whole = Path.Combine(root, "prior-whole"), split = Path.Combine(root, "prior-split");
        var trainer = new Trainer(Config(4), root, whole);
        trainer.Run(resume: false);
        new Trainer(Config(2), root, split).Run(resume: false);
        new Trainer(Config(4), root, split).Run(resume: true);
        Assert.Equal(Losses(whole), Losses(split));

        var written = JsonSerializer.Deserialize<CgPriorParameters>(File.ReadAllText(Path.Combine(whole, "prior.json")), ModelConfig.Json)!;
        Assert.True(written.IsComplete);
        Assert.False(written.Fit);
        using TrainedModel saved = ModelCheckpoint.Load(trainer.BestCheckpoint);
        Assert.Equal(written, saved.Model.Config.Prior);
    }

    [Fact]
    public void A_fitted_bond_stiffness_scale_multiplies_only_the_bond_stiffness_the_model_trains_and_saves_with()
    {
        string data = TinyDataset.Write(Path.Combine(root, "data"));
        TrainedModel Train(string name, double scale)
        {
            var config = TinyDataset.Config(data, 1);
            config = config with { Model = config.Model with { Prior = new CgPriorParameters { Fit = true, FitBondKScale = scale } } };
            var trainer = new Trainer(config, root, Path.Combine(root, name));
            trainer.Run(resume: false);
            return ModelCheckpoint.Load(trainer.LastCheckpoint);
        }
        using TrainedModel plain = Train("k1", 1), stiff = Train("k20", 20);
        CgPriorParameters p = plain.Model.Config.Prior!, s = stiff.Model.Config.Prior!;
        Assert.Equal(20 * p.BondK!.Value, s.BondK!.Value, 9);
        Assert.Equal(p with { BondK = s.BondK }, s);
    }

    [Theory]
    [InlineData(true, 0.0, "must be a positive finite number")]
    [InlineData(false, 20.0, "needs \"fit\": true")]
    public void A_bond_stiffness_scale_without_a_fit_or_not_positive_is_refused_by_name(bool fit, double scale, string expected)
    {
        var prior = new CgPriorParameters { Fit = fit, FitBondKScale = scale };
        var error = Assert.Throws<InvalidDataException>(() => prior.Validate("train.json"));
        Assert.Contains("prior.fit_bond_k_scale", error.Message);
        Assert.Contains(expected, error.Message);
    }
}
