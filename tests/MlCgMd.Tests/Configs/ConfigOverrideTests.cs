using System.Text.Json.Nodes;
using MlCgMd.Configuration;
using MlCgMd.Model;
using MlCgMd.Simulation;
using MlCgMd.Systems;
using MlCgMd.Tests.Data;
using MlCgMd.Training;

namespace MlCgMd.Tests.Configs;

/// <summary>`--set KEY=VALUE`: overrides applied to the file's JSON and validated by the file's own loader.</summary>
public sealed class ConfigOverrideTests : IDisposable
{
    private readonly ScratchDirectory scratch = new();

    public void Dispose() => scratch.Dispose();

    private static string Shipped(string name) => RepositoryFolder.Config(name);

    private static IReadOnlyList<ConfigOverride> Sets(params string[] texts) => texts.Select(ConfigOverride.Parse).ToList();

    [Fact]
    public void Training_overrides_change_nested_values_with_json_types()
    {
        TrainingConfig config = TrainingConfig.Load(Shipped("train-quick.json"),
            Sets("model.radius=9", "optim.lr=3e-4", "optim.betas=[0.8, 0.99]", "model.noise_method=none", "train.threads=1",
                 """model.score_gn_hparams={"latent_dim": 16, "units": 16, "layers": 1, "mp_steps": 1}"""));
        Assert.Equal(9, config.Model.Radius);
        Assert.Equal(3e-4, config.Optim.Lr);
        Assert.Equal([0.8, 0.99], config.Optim.Betas);
        Assert.Equal("none", config.Model.NoiseMethod);
        Assert.Equal(new GnHyperparameters(16, 16, 1, 1), config.Model.ScoreGn);
    }

    [Theory]
    [InlineData("model.radiuss=9", "has no key 'model.radiuss'")]
    [InlineData("modle.radius=9", "has no key 'modle'")]
    [InlineData("model.seq_len=thirty", "model.seq_len=thirty")]
    [InlineData("train.batch_size=0", "'train.batch_size' must be at least 1")]
    [InlineData("model.radius", "expected KEY=VALUE")]
    [InlineData("model.dynamics_gn_hparams.latent_dim.x=1", "is a value, not a section")]
    public void Bad_overrides_are_refused_like_a_bad_file(string set, string expected)
    {
        var error = Record.Exception(() => TrainingConfig.Load(Shipped("train-quick.json"), Sets(set)));
        Assert.True(error is ArgumentException or InvalidDataException, error?.ToString());
        Assert.Contains(expected, error!.Message);
    }

    [Fact]
    public void A_section_the_file_leaves_unset_must_be_given_whole()
    {
        string path = scratch.File("gns.json");
        JsonObject json = JsonNode.Parse(File.ReadAllText(Shipped("train-quick.json")))!.AsObject();
        json["model"]!.AsObject().Remove("score_gn_hparams");
        File.WriteAllText(path, json.ToJsonString());
        var error = Assert.Throws<ArgumentException>(() => TrainingConfig.Load(path, Sets("model.score_gn_hparams.latent_dim=64")));
        Assert.Contains("'model.score_gn_hparams' is not set", error.Message);
    }

    [Fact]
    public void Rollout_options_take_their_own_keys_and_refuse_computed_ones()
    {
        RolloutOptions options = ConfigOverride.ApplyTo(new RolloutOptions(), Sets("checkpoint_every=500", "collision_distance=0.4"),
            "the rollout options", ModelConfig.Json);
        Assert.Equal(500, options.CheckpointEvery);
        Assert.Equal(0.4, options.CollisionDistance);
        Assert.Throws<ArgumentException>(() =>
            ConfigOverride.ApplyTo(new RolloutOptions(), Sets("SavedFrames=3"), "the rollout options", ModelConfig.Json));
        Assert.Throws<ArgumentException>(() =>
            ConfigOverride.ApplyTo(new RolloutOptions(), Sets("steps=many"), "the rollout options", ModelConfig.Json));
    }

    [Fact]
    public void Dataset_overrides_address_splits_by_name_or_index_and_are_recorded_with_the_dataset()
    {
        string config = Shipped("chain-quick.json"), output = scratch.File("dataset");
        string effective = EffectiveConfig.ForDataset(config, Sets("splits.test.chains=3", "splits.0.record_every=50", "seed=7"), output);
        ChainDatasetConfig dataset = ChainDatasetConfigLoader.Load(effective);
        Assert.Equal(3, dataset.Split("test").Chains);
        Assert.Equal(50, dataset.Split("train").Run.RecordEvery);
        Assert.Equal(7UL, dataset.Seed);
        Assert.True(File.Exists(dataset.ForceFieldPath));
        JsonNode record = JsonNode.Parse(File.ReadAllText(Path.Combine(output, EffectiveConfig.OverridesFile)))!;
        Assert.Equal(["splits.test.chains=3", "splits.0.record_every=50", "seed=7"],
            record["overrides"]!.AsArray().Select(n => n!.GetValue<string>()));

        // The same dataset folder with another config would mix chains of both.
        var error = Assert.Throws<InvalidDataException>(() => EffectiveConfig.ForDataset(config, Sets("seed=8"), output));
        Assert.Contains("different config", error.Message);
        Assert.Contains("has no key 'splits.test.colour'", Assert.Throws<ArgumentException>(() =>
            EffectiveConfig.ForDataset(config, Sets("splits.test.colour=1"), scratch.File("other"))).Message);
    }
}
