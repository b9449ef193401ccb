using MlCgMd.Torch;
using MlCgMd.Torch.Modules;

namespace MlCgMd.Model;

/// <summary>
/// The network that reads a CG graph with its velocity history and predicts a Gaussian over
/// every bead's acceleration (one model step, in length units per step²), plus node latents that
/// the Score GNN and the Rg head read. The official one is <see cref="GnsDynamics"/>; another is
/// a new file and a <c>dynamics_network</c> name in <see cref="DynamicsNetworks"/>.
/// </summary>
public interface IDynamicsNetwork
{
    /// <summary>The module holding the network's parameters; the simulator registers it as <c>dynamics_gn</c>.</summary>
    Module Module { get; }

    DynamicsPrediction Forward(CgGraph graph);
}

/// <summary>What a dynamics network predicts for M beads.</summary>
/// <param name="Mean">[M, dim] acceleration mean</param>
/// <param name="Std">[M, dim] acceleration standard deviation, positive</param>
/// <param name="NodeLatents">[M, <see cref="DynamicsNetworkSizes.LatentDim"/>] processed node latents</param>
public sealed record DynamicsPrediction(Tensor Mean, Tensor Std, Tensor NodeLatents);

/// <summary>The sizes a dynamics network is built for.</summary>
/// <param name="Dimension">spatial dimension (3)</param>
/// <param name="SeqLen">history frames; velocities have SeqLen − 1</param>
/// <param name="BeadFeatureDim">width of <see cref="CgGraph.BeadFeatures"/></param>
/// <param name="EdgeTypeDim">width of <see cref="CgGraph.EdgeTypeFeatures"/></param>
/// <param name="UseWeights">the config's <c>use_weights</c>: bead weights are node inputs</param>
/// <param name="LatentDim">width the node latents must have (dynamics_gn_hparams.latent_dim: the Score GNN and Rg head read them)</param>
/// <param name="MinStd">floor of the predicted standard deviation (<c>min_std</c>)</param>
public sealed record DynamicsNetworkSizes(int Dimension, int SeqLen, long BeadFeatureDim, long EdgeTypeDim, bool UseWeights,
                                          long LatentDim, double MinStd);
