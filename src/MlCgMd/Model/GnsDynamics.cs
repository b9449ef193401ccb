using MlCgMd.Torch;
using MlCgMd.Torch.Modules;

namespace MlCgMd.Model;

/// <summary>
/// The official dynamics network (graphwm GNS): an <see cref="EncodeProcessDecode"/> on the
/// official flat features of the CG graph, decoding μ and raw σ per bead with
/// σ = softplus(raw) + min_std. Its parameters keep the official names (dynamics_gn._encode...).
/// </summary>
public sealed class GnsDynamics : IDynamicsNetwork
{
    public const string Name = "gns";

    private readonly EncodeProcessDecode network;
    private readonly DynamicsNetworkSizes sizes;

    /// <param name="hyperparameters">dynamics_gn_hparams (its latent_dim is <see cref="DynamicsNetworkSizes.LatentDim"/>)</param>
    public GnsDynamics(DynamicsNetworkSizes sizes, GnHyperparameters hyperparameters)
    {
        this.sizes = sizes;
        long nodeDim = sizes.Dimension * (sizes.SeqLen - 1) + sizes.BeadFeatureDim + (sizes.UseWeights ? 1 : 0);
        long edgeDim = sizes.Dimension + 1 + sizes.EdgeTypeDim;
        network = new EncodeProcessDecode(nodeDim, edgeDim, 2 * sizes.Dimension, hyperparameters);
    }

    public Module Module => network;

    public DynamicsPrediction Forward(CgGraph graph)
    {
        var (stats, latent) = network.ForwardWithLatent(graph.OfficialFeatures(sizes.UseWeights));   // stats: [M, 2·dim]
        Tensor[] parts = stats.split(sizes.Dimension, dim: -1);
        return new DynamicsPrediction(parts[0], parts[1].softplus() + sizes.MinStd, latent.Nodes);
    }
}
