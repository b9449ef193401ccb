using MlCgMd.Torch;
using MlCgMd.Torch.Modules;

namespace MlCgMd.Model;

/// <summary>
/// Encode (independent MLPs to the latent size), process (mp_steps interaction layers with
/// unshared weights and residual connections on nodes and edges), decode (MLP on nodes).
/// Parameter names follow the official module: _encode, _interaction.{k}, _decode.
/// </summary>
public sealed class EncodeProcessDecode : Module<GraphsTuple, Tensor>
{
    private readonly GraphIndependent encode;
    private readonly ModuleList<InteractionLayer> interaction;
    private readonly Sequential decode;

    public EncodeProcessDecode(long nodeDim, long edgeDim, long outDim, GnHyperparameters size)
    {
        encode = register_module("_encode", new GraphIndependent(edgeDim, nodeDim, size.Units, size.Layers, size.LatentDim));
        interaction = register_module("_interaction", new ModuleList<InteractionLayer>());
        for (int i = 0; i < size.MpSteps; i++) interaction.Add(new InteractionLayer(size.LatentDim, size.Units, size.Layers));
        decode = register_module("_decode", Mlp.Build(size.LatentDim, size.Units, size.Layers, outDim));
    }

    /// <summary>Decoded node outputs [N, out_dim].</summary>
    public override Tensor forward(GraphsTuple input)
    {
        var (output, latent) = ForwardWithLatent(input);
        // The caller wants only the decoded nodes; autograd keeps its own references for backward.
        latent.Nodes.Dispose();
        latent.Edges.Dispose();
        return output;
    }

    /// <summary>Decoded node outputs and the processed latent graph (nodes [N, latent], edges [E, latent]).</summary>
    public (Tensor Output, GraphsTuple Latent) ForwardWithLatent(GraphsTuple input)
    {
        GraphsTuple latent = encode.forward(input);
        foreach (InteractionLayer layer in interaction)
        {
            GraphsTuple updated = layer.forward(latent);
            GraphsTuple residual = updated with { Nodes = updated.Nodes + latent.Nodes, Edges = updated.Edges + latent.Edges };
            // The sums keep no reference to their operands for backward (autograd holds what it
            // needs itself), so free them now rather than at the end of the step: this keeps peak
            // memory, and with it page faults, at what PyTorch's reference counting gives.
            updated.Nodes.Dispose();
            updated.Edges.Dispose();
            latent.Nodes.Dispose();
            latent.Edges.Dispose();
            latent = residual;
        }
        return (decode.forward(latent.Nodes), latent);
    }
}
