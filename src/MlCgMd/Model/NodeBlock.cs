using MlCgMd.Torch;
using MlCgMd.Torch.Modules;

namespace MlCgMd.Model;

/// <summary>Node update h' = MLP([h, Σ_{edges into node} e]) with sum aggregation at receivers.</summary>
public sealed class NodeBlock : Module<GraphsTuple, GraphsTuple>
{
    private readonly Sequential nodeMlp;

    public NodeBlock(long inDim, long units, int layers, long outDim)
    {
        nodeMlp = register_module("_node_mlp", Mlp.Build(inDim, units, layers, outDim, layerNorm: true));
    }

    public override GraphsTuple forward(GraphsTuple graph)
    {
        long nodeCount = graph.Nodes.size(0);
        long edgeDim = graph.Edges.size(1);
        // [N, edge_dim]: sum of incoming edge features per receiver.
        using Tensor aggregated = torch.zeros([nodeCount, edgeDim], graph.Edges.dtype, graph.Edges.device)
            .index_add_(0, graph.Receivers, graph.Edges);
        using Tensor collected = torch.cat([graph.Nodes, aggregated], dim: 1);
        return graph with { Nodes = nodeMlp.forward(collected) };
    }
}
