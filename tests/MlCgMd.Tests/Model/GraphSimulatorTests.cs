using MlCgMd.Model;
using MlCgMd.Torch;
using MlCgMd.Torch.Optim;

namespace MlCgMd.Tests.Model;

public class GraphSimulatorTests
{
    private static long Count(GraphSimulator model, string prefix) =>
        model.named_parameters().Where(p => p.name.StartsWith(prefix + ".")).Sum(p => p.parameter.numel());

    [Fact]
    public void Paper_chain_model_has_the_official_parameter_counts()
    {
        using var model = new GraphSimulator(ModelConfig.PaperChain());
        Assert.Equal(300_288, Count(model, "embedding_gn"));
        Assert.Equal(1_173_894, Count(model, "dynamics_gn"));
        Assert.Equal(99_073, Count(model, "property_head"));
        Assert.Equal(5 * 32, Count(model, "type_embedding"));
        Assert.Equal(2 * 32, Count(model, "edge_type_embedding"));
        Assert.Equal(1_573_479, model.num_parameters());
    }

    [Fact]
    public void Paper_battery_model_has_the_official_parameter_counts()
    {
        using var model = new GraphSimulator(ModelConfig.PaperBattery());
        Assert.Equal(300_352, Count(model, "embedding_gn"));
        Assert.Equal(1_170_182, Count(model, "dynamics_gn"));
        Assert.Equal(1_162_499, Count(model, "score_gn"));
        Assert.Equal(100 * 32, Count(model, "bond_type_embedding"));
        Assert.Equal(2_636_937, model.num_parameters());
    }

    [Fact]
    public void State_dict_keys_are_the_official_names()
    {
        using var model = new GraphSimulator(ModelConfig.PaperChain());
        var keys = model.state_dict().Keys.ToHashSet();
        Assert.Contains("dynamics_gn._encode._node_mlp.0.weight", keys);
        Assert.Contains("dynamics_gn._encode._edge_mlp.5.bias", keys);
        Assert.Contains("dynamics_gn._interaction.6._edge_block._edge_mlp.4.weight", keys);
        Assert.Contains("embedding_gn._interaction.0._node_block._node_mlp.5.weight", keys);
        Assert.Contains("dynamics_gn._decode.4.bias", keys);
        Assert.Contains("type_embedding.weight", keys);
        Assert.Contains("edge_type_embedding.weight", keys);
        Assert.Contains("property_head.4.weight", keys);
        Assert.DoesNotContain(keys, k => k.StartsWith("score_gn"));
    }

    [Fact]
    public void Euler_step_inverts_the_acceleration_target()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(3);
        Tensor history = torch.randn([5, 4, 3]);
        Tensor next = torch.randn([5, 3]);
        Tensor acceleration = GraphSimulator.AccelerationTarget(next, history);
        Tensor rebuilt = GraphSimulator.EulerStep(acceleration, history);
        Assert.True((rebuilt - next).abs().max().ToDouble() < 1e-5);
    }

    [Fact]
    public void A_batch_of_systems_predicts_the_same_as_each_system_alone()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(11);
        using var model = new GraphSimulator(SyntheticBatches.SmallConfig(seqLen: 5, score: true));
        var a = SyntheticBatches.RandomChain(particles: 12, frames: 5, perBead: 4, seed: 1);
        var b = SyntheticBatches.RandomChain(particles: 9, frames: 5, perBead: 3, seed: 2);
        using var _ = torch.no_grad();

        float[] Predict(IReadOnlyList<SyntheticBatches.Chain> chains)
        {
            var (history, state) = model.PrepareRollout(SyntheticBatches.Batch(chains));
            var (next, rg) = model.Predict(history, state, deterministic: true, RefinementOptions.Off);
            return next.ToArray<float>().Concat(rg!.ToArray<float>()).ToArray();
        }

        float[] together = Predict([a, b]);
        float[] alone = Predict([a]).Take(a.Beads * 3).Concat(Predict([b]).Take(b.Beads * 3))
            .Concat([Predict([a])[^1], Predict([b])[^1]]).ToArray();
        Assert.Equal(alone.Length, together.Length);
        for (int i = 0; i < alone.Length; i++) Assert.Equal(alone[i], together[i], 4);
    }

    [Fact]
    public void Predictions_are_translation_invariant()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(5);
        using var model = new GraphSimulator(SyntheticBatches.SmallConfig(seqLen: 4, property: false));
        var chain = SyntheticBatches.RandomChain(particles: 16, frames: 4, perBead: 4, seed: 3);
        using var _ = torch.no_grad();
        float[] NextPositions(float shift)
        {
            var (history, state) = model.PrepareRollout(SyntheticBatches.Batch([chain], shift));
            return model.Predict(history, state, deterministic: true).Next.ToArray<float>();
        }
        float[] original = NextPositions(0);
        float[] shifted = NextPositions(37.5f);
        for (int i = 0; i < original.Length; i++) Assert.Equal(original[i] + 37.5f, shifted[i], 3);
    }

    [Fact]
    public void Overfitting_one_window_drives_the_nll_down()
    {
        torch.manual_seed(7);
        var config = SyntheticBatches.SmallConfig(seqLen: 5) with { NoiseMethod = "none", MinStd = 0.01 };
        using var model = new GraphSimulator(config);
        var chain = SyntheticBatches.RandomChain(particles: 16, frames: 5, perBead: 4, seed: 4);
        var batch = SyntheticBatches.Batch([chain]);
        var optimizer = new Adam(model.parameters(), lr: 3e-3);
        double first = 0, last = 0;
        for (int step = 0; step < 300; step++)
        {
            using var scope = torch.NewDisposeScope();
            optimizer.zero_grad();
            LossTerms terms = model.ComputeLoss(batch);
            terms.Loss.backward();
            optimizer.step();
            double nll = terms.AccLoss.ToDouble();
            if (step == 0) first = nll;
            last = nll;
        }
        // From an untrained σ ≈ 0.7 to σ near min_std: a drop of several nats per component.
        Assert.True(last < first - 2.0, $"NLL went from {first:F3} to {last:F3}");
    }

    [Fact]
    public void Score_model_loss_is_finite_and_trains_every_network()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(9);
        using var model = new GraphSimulator(SyntheticBatches.SmallConfig(seqLen: 4, score: true));
        var batch = SyntheticBatches.Batch([SyntheticBatches.RandomChain(12, 4, 3, seed: 6)]);
        LossTerms terms = model.ComputeLoss(batch);
        Assert.NotNull(terms.ScoreLoss);
        Assert.True(double.IsFinite(terms.Loss.ToDouble()));
        terms.Loss.backward();
        // The score loss reaches the dynamics and embedding networks (history latent is not detached).
        foreach (string prefix in new[] { "score_gn", "dynamics_gn", "embedding_gn" })
        {
            var (name, p) = model.named_parameters().First(np => np.name.StartsWith(prefix + "._encode"));
            Assert.True(p.grad is { } g && g.abs().sum().ToDouble() > 0, $"no gradient reached {name}");
        }
    }
}
