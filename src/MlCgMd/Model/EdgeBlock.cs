using MlCgMd.Torch;
using MlCgMd.Torch.Modules;

namespace MlCgMd.Model;

/// <summary>Edge update e' = MLP([e, h_receiver, h_sender]).</summary>
public sealed class EdgeBlock : Module<GraphsTuple, GraphsTuple>
{
    private readonly Sequential edgeMlp;

    public EdgeBlock(long inDim, long units, int layers, long outDim)
    {
        edgeMlp = register_module("_edge_mlp", Mlp.Build(inDim, units, layers, outDim, layerNorm: true));
    }

    public override GraphsTuple forward(GraphsTuple graph)
    {
        // [E, 3·latent]
        using Tensor atReceivers = graph.Nodes.index_select(0, graph.Receivers);
        using Tensor atSenders = graph.Nodes.index_select(0, graph.Senders);
        using Tensor collected = torch.cat([graph.Edges, atReceivers, atSenders], dim: 1);
        return graph with { Edges = edgeMlp.forward(collected) };
    }
}
