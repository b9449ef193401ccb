using MlCgMd.Model;
using MlCgMd.Model.Priors;
using MlCgMd.Systems;
using MlCgMd.Training;

namespace MlCgMd.Tests.Configs;

/// <summary>Every config shipped in data/configs loads, validates and names its tier; the paper configs build the official models.</summary>
public class ShippedConfigTests
{
    private static string ConfigDirectory() => Path.Combine(RepositoryFolder.Root, "data", "configs");

    public static TheoryData<string> TrainingConfigs() =>
        new(Directory.GetFiles(ConfigDirectory(), "train-*.json").Select(Path.GetFileName).Select(n => n!));

    public static TheoryData<string> DatasetConfigs() =>
        new(Directory.GetFiles(ConfigDirectory(), "chain-*.json").Select(Path.GetFileName).Select(n => n!));

    [Theory]
    [MemberData(nameof(TrainingConfigs))]
    public void Training_config_loads_and_builds_its_model(string file)
    {
        TrainingConfig config = TrainingConfig.Load(Path.Combine(ConfigDirectory(), file));
        Assert.Contains(config.Tier, new[] { "quick", "reproduction", "paper" });
        ModelConfig modelConfig = config.Model;
        if (modelConfig.Prior is { Fit: true })
        {
            // The prior is fitted to the data when training starts; before that the model cannot be built.
            var unfitted = Assert.Throws<InvalidDataException>(() => new GraphSimulator(modelConfig));
            Assert.Contains("model.prior", unfitted.Message);
            modelConfig = modelConfig with
            {
                Prior = new CgPriorParameters
                {
                    BondK = 2, BondLength = 3, RepulsionRange = 2, RepulsionK = 10, VelocityDamping = 1, ForceScale = 0.07,
                },
            };
        }
        using var model = new GraphSimulator(modelConfig);
        Assert.True(model.num_parameters() > 0);
    }

    [Theory]
    [MemberData(nameof(DatasetConfigs))]
    public void Dataset_config_loads_with_one_frame_interval(string file)
    {
        ChainDatasetConfig config = ChainDatasetConfigLoader.Load(Path.Combine(ConfigDirectory(), file));
        Assert.Single(config.Splits.Select(s => s.Run.RecordEvery).Distinct());
        Assert.Contains(config.Splits, s => s.Name == "test");
    }

    [Fact]
    public void Paper_configs_are_the_official_models()
    {
        using var chain = new GraphSimulator(TrainingConfig.Load(Path.Combine(ConfigDirectory(), "train-paper-chain.json")).Model);
        Assert.Equal(1_573_479, chain.num_parameters());
        using var battery = new GraphSimulator(TrainingConfig.Load(Path.Combine(ConfigDirectory(), "train-paper-battery.json")).Model);
        Assert.Equal(2_636_937, battery.num_parameters());
    }
}
