using MlCgMd.Model;
using MlCgMd.Torch;
using MlCgMd.Torch.Modules;

namespace MlCgMd.Tests.Model;

/// <summary>Pushforward training: the history is first rolled forward on the model's own predictions.</summary>
public class PushforwardLossTests
{
    /// <summary>Zero mean acceleration with a tiny fixed σ: its sampled steps are ballistic to 1e-8.</summary>
    private sealed class BallisticDynamics(DynamicsNetworkSizes sizes) : Module, IDynamicsNetwork
    {
        public Module Module => this;

        public DynamicsPrediction Forward(CgGraph graph)
        {
            long beads = graph.Velocities.size(0);
            Tensor zeros = torch.zeros([beads, sizes.Dimension]);
            return new DynamicsPrediction(zeros, zeros + 1e-8, torch.zeros([beads, sizes.LatentDim]));
        }
    }

    private static readonly ModelConfig Config =
        SyntheticBatches.SmallConfig(seqLen: 4, property: false) with { NoiseMethod = "none" };

    [Fact]
    public void A_two_step_target_is_the_one_step_loss_from_the_history_the_model_itself_extends()
    {
        using var model = new GraphSimulator(Config, sizes => new BallisticDynamics(sizes));
        using var scope = torch.NewDisposeScope();
        var chain = SyntheticBatches.RandomChain(particles: 12, frames: 4, perBead: 4, seed: 3);
        ModelBatch twoSteps = SyntheticBatches.Batch([chain]) with { TargetSteps = 2 };

        // By hand: drop the oldest frame and append the ballistic step 2 x_T − x_{T−1} (CG maps are linear).
        Tensor history = twoSteps.PositionHistory;                                           // [N, 4, 3]
        Tensor ballistic = history.select(1, -1) * 2.0 - history.select(1, -2);
        Tensor shifted = torch.cat([history.narrow(1, 1, 3), ballistic.unsqueeze(1)], dim: 1);
        ModelBatch byHand = twoSteps with { PositionHistory = shifted, TargetSteps = 1 };

        double pushed = model.ComputeLoss(twoSteps).AccLoss.ToDouble();
        double expected = model.ComputeLoss(byHand).AccLoss.ToDouble();
        double oneStep = model.ComputeLoss(twoSteps with { TargetSteps = 1 }).AccLoss.ToDouble();
        Assert.Equal(1.0, pushed / expected, 4);
        Assert.NotEqual(1.0, oneStep / expected, 2);                                        // the unroll changed the loss
    }
}
