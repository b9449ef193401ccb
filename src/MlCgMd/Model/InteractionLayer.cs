using MlCgMd.Torch.Modules;

namespace MlCgMd.Model;

/// <summary>One message-passing step: edge update, then node update (no residual here).</summary>
public sealed class InteractionLayer : Module<GraphsTuple, GraphsTuple>
{
    private readonly EdgeBlock edgeBlock;
    private readonly NodeBlock nodeBlock;

    public InteractionLayer(long latentDim, long units, int layers)
    {
        edgeBlock = register_module("_edge_block", new EdgeBlock(3 * latentDim, units, layers, latentDim));
        nodeBlock = register_module("_node_block", new NodeBlock(2 * latentDim, units, layers, latentDim));
    }

    public override GraphsTuple forward(GraphsTuple graph) => nodeBlock.forward(edgeBlock.forward(graph));
}
