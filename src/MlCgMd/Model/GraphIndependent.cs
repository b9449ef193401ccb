using MlCgMd.Torch.Modules;

namespace MlCgMd.Model;

/// <summary>The encoder: independent MLPs on edges and on nodes (no message passing).</summary>
public sealed class GraphIndependent : Module<GraphsTuple, GraphsTuple>
{
    private readonly Sequential edgeMlp;
    private readonly Sequential nodeMlp;

    public GraphIndependent(long edgeInDim, long nodeInDim, long units, int layers, long latentDim)
    {
        edgeMlp = register_module("_edge_mlp", Mlp.Build(edgeInDim, units, layers, latentDim, layerNorm: true));
        nodeMlp = register_module("_node_mlp", Mlp.Build(nodeInDim, units, layers, latentDim, layerNorm: true));
    }

    public override GraphsTuple forward(GraphsTuple graph) =>
        graph with { Edges = edgeMlp.forward(graph.Edges), Nodes = nodeMlp.forward(graph.Nodes) };
}
