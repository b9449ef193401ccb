using MlCgMd.SystemKinds;
using MlCgMd.Model;
using MlCgMd.Model.Priors;
using MlCgMd.Simulation;
using MlCgMd.Tests.Data;

namespace MlCgMd.Tests.Model.Priors;

/// <summary>`simulate --set prior_bond_scale=F`: the checkpoint's CG prior bond stiffness times F, nothing else changed.</summary>
public sealed class PriorBondScaleTests : IDisposable
{
    private readonly ScratchDirectory scratch = new();

    public void Dispose() => scratch.Dispose();

    private string Save(CgPriorParameters? prior)
    {
        ModelConfig config = SyntheticBatches.SmallConfig(seqLen: 4) with { Prior = prior };
        string folder = scratch.File(prior is null ? "plain" : "prior");
        using var model = new GraphSimulator(config);
        ModelCheckpoint.Save(folder, model, new CgRecipe { CgLevel = config.CgLevel });
        return folder;
    }

    [Fact]
    public void The_bond_stiffness_is_scaled_and_every_other_prior_value_kept()
    {
        var prior = new CgPriorParameters { BondK = 2, BondLength = 3, RepulsionRange = 2, RepulsionK = 10, VelocityDamping = 1, ForceScale = 0.07 };
        string folder = Save(prior);
        using TrainedModel scaled = ModelCheckpoint.Load(folder, priorBondScale: 10);
        Assert.Equal(prior with { BondK = 20 }, scaled.Model.Config.Prior);
        using TrainedModel asTrained = ModelCheckpoint.Load(folder);
        Assert.Equal(prior, asTrained.Model.Config.Prior);
    }

    [Fact]
    public void A_model_without_a_prior_refuses_a_scale_and_a_bad_scale_is_refused()
    {
        string folder = Save(null);
        var error = Assert.Throws<ArgumentException>(() => ModelCheckpoint.Load(folder, priorBondScale: 5));
        Assert.Contains("prior_bond_scale", error.Message);
        Assert.Contains("model.json", error.Message);
        Assert.Throws<ArgumentException>(() => new RolloutOptions { PriorBondScale = 0 }.Validate());
    }
}
