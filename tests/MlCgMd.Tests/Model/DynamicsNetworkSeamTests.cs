using MlCgMd.Model;
using MlCgMd.SystemKinds;
using MlCgMd.Torch;
using MlCgMd.Torch.Modules;

namespace MlCgMd.Tests.Model;

/// <summary>A second dynamics network enters through <see cref="IDynamicsNetwork"/>; GraphSimulator is not touched.</summary>
public class DynamicsNetworkSeamTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "mlcgmd-seam-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }

    /// <summary>Constant velocity: zero mean acceleration, one learnable log σ per axis, zero node latents.</summary>
    private sealed class ConstantVelocityDynamics : Module, IDynamicsNetwork
    {
        private readonly Parameter logStd;
        private readonly DynamicsNetworkSizes sizes;

        public ConstantVelocityDynamics(DynamicsNetworkSizes sizes)
        {
            this.sizes = sizes;
            logStd = new Parameter(torch.zeros([sizes.Dimension]));
            register_parameter("log_std", logStd);
        }

        public CgGraph? LastGraph { get; private set; }

        public Module Module => this;

        public DynamicsPrediction Forward(CgGraph graph)
        {
            LastGraph = graph;
            long beads = graph.Velocities.size(0);
            Tensor zeros = torch.zeros([beads, sizes.Dimension]);
            return new DynamicsPrediction(zeros, zeros + logStd.exp(), torch.zeros([beads, sizes.LatentDim]));
        }
    }

    private static readonly ModelConfig Config =
        SyntheticBatches.SmallConfig(seqLen: 4, property: false) with { NoiseMethod = "none", DynamicsNetwork = "constant_velocity" };

    [Fact]
    public void The_network_is_registered_as_dynamics_gn_and_predicts_constant_velocity()
    {
        ConstantVelocityDynamics? network = null;
        using var model = new GraphSimulator(Config, sizes => network = new ConstantVelocityDynamics(sizes));
        Assert.Equal(["dynamics_gn.log_std"], model.named_parameters().Select(p => p.name).Where(n => n.StartsWith("dynamics_gn.")));

        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var chain = SyntheticBatches.RandomChain(particles: 12, frames: 4, perBead: 4, seed: 8);
        var (history, state) = model.PrepareRollout(SyntheticBatches.Batch([chain]));
        Tensor next = model.Predict(history, state, deterministic: true).Next;
        Tensor constantVelocity = history.select(1, -1) * 2.0 - history.select(1, -2);
        Assert.True((next - constantVelocity).abs().max().ToDouble() < 1e-6);

        // The graph carries raw geometry besides the official features.
        CgGraph graph = network!.LastGraph!;
        float[] x = history.select(1, -1).contiguous().ToArray<float>();                   // [M, 3]
        long[] senders = graph.Senders.ToArray<long>(), receivers = graph.Receivers.ToArray<long>();
        float[] vectors = graph.EdgeVectors.ToArray<float>(), lengths = graph.EdgeLengths.ToArray<float>();
        float[] displacements = graph.Displacements.ToArray<float>();
        Assert.Equal(3 * 3, senders.Length);                                                 // 3 beads, all pairs within r = 50
        for (int k = 0; k < senders.Length; k++)
        {
            double norm = 0;
            for (int d = 0; d < 3; d++)
            {
                double expected = x[senders[k] * 3 + d] - x[receivers[k] * 3 + d];
                Assert.Equal(expected, vectors[k * 3 + d], 5);
                Assert.Equal(expected / Config.Radius, displacements[k * 3 + d], 6);
                norm += expected * expected;
            }
            Assert.Equal(Math.Sqrt(norm), lengths[k], 5);
        }
        Assert.Equal([3L, 3L, 3L], graph.Velocities.shape);
        Tensor velocities = history.narrow(1, 1, 3) - history.narrow(1, 0, 3);
        Assert.True((graph.Velocities - velocities).abs().max().ToDouble() < 1e-6);
        Assert.Equal([4f, 4f, 4f], graph.BeadWeights.ToArray<float>());                     // unit weights: bead sizes
        Assert.Equal([1L, 1L], graph.EdgeTypes.ToArray<long>().Where((_, k) => senders[k] + 1 == receivers[k]).ToArray());   // CG bonds 0→1, 1→2
    }

    [Fact]
    public void Its_loss_is_the_gaussian_nll_of_the_cg_acceleration_and_trains_its_parameter()
    {
        using var model = new GraphSimulator(Config, sizes => new ConstantVelocityDynamics(sizes));
        using var scope = torch.NewDisposeScope();
        var chain = SyntheticBatches.RandomChain(particles: 12, frames: 4, perBead: 4, seed: 8);
        LossTerms terms = model.ComputeLoss(SyntheticBatches.Batch([chain]));
        terms.Loss.backward();

        // a* = x_{t+1} − 2 x_t + x_{t−1} of the bead centres (unit weights, 4 particles per bead); σ = exp(0) = 1.
        double Centre(int bead, int frame, int d) => Enumerable.Range(bead * 4, 4)
            .Average(i => frame < 4 ? chain.History[(i * 4 + frame) * 3 + d] : chain.Target[i * 3 + d]);
        var accelerations = new double[3, 3];
        for (int b = 0; b < 3; b++)
            for (int d = 0; d < 3; d++)
                accelerations[b, d] = Centre(b, 4, d) - 2 * Centre(b, 3, d) + Centre(b, 2, d);
        double nll = accelerations.Cast<double>().Average(a => 0.5 * a * a + 0.5 * Math.Log(2 * Math.PI));
        Assert.Equal(nll, terms.AccLoss.ToDouble(), 5);

        // d NLL / d log σ_d = mean over beads of (1 − a²/σ²), divided by the 3 axes of the mean.
        var (_, logStd) = model.named_parameters().Single(p => p.name == "dynamics_gn.log_std");
        float[] gradient = logStd.grad!.ToArray<float>();
        for (int d = 0; d < 3; d++)
            Assert.Equal(Enumerable.Range(0, 3).Sum(b => 1 - accelerations[b, d] * accelerations[b, d]) / 9, gradient[d], 5);
    }

    [Fact]
    public void A_checkpoint_naming_a_network_this_build_lacks_is_refused_naming_the_field()
    {
        using var model = new GraphSimulator(Config, sizes => new ConstantVelocityDynamics(sizes));
        string folder = Path.Combine(root, "checkpoint");
        ModelCheckpoint.Save(folder, model, new CgRecipe { CgLevel = Config.CgLevel });
        var error = Assert.Throws<InvalidDataException>(() => ModelCheckpoint.Load(folder));
        Assert.Contains("field 'dynamics_network' is 'constant_velocity', expected 'gns'", error.Message);
        Assert.Contains(ModelCheckpoint.ConfigFile, error.Message);
    }
}
