using MlCgMd.Model;
using MlCgMd.Torch;

namespace MlCgMd.Tests.Model;

/// <summary>
/// The edge block applies its MLP's first layer in factored form; it must compute what the official
/// module computes, MLP([e, h_receiver, h_sender]) on the concatenation, and give the same gradients.
/// </summary>
public class EdgeBlockTests
{
    private const long Latent = 16, Units = 24;

    [Fact]
    public void Factored_first_layer_equals_the_mlp_on_the_concatenated_features_with_the_same_gradients()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(11);
        var block = new EdgeBlock(3 * Latent, Units, layers: 2, outDim: Latent);
        // 7 nodes, 19 edges with repeated receivers and senders, and one self-edge.
        Tensor nodes = torch.randn([7, Latent]).requires_grad_();
        Tensor edges = torch.randn([19, Latent]).requires_grad_();
        Tensor senders = torch.tensor(new long[] { 0, 1, 2, 3, 4, 5, 6, 0, 0, 1, 3, 5, 6, 2, 2, 4, 6, 1, 3 });
        Tensor receivers = torch.tensor(new long[] { 1, 2, 3, 4, 5, 6, 0, 2, 3, 0, 3, 1, 1, 6, 5, 0, 4, 4, 2 });
        var graph = new GraphsTuple(nodes, edges, senders, receivers, [7]);

        Tensor factored = block.forward(graph).Edges;
        Tensor concatenated = OfficialEdgeMlp(block, torch.cat([edges, nodes.index_select(0, receivers), nodes.index_select(0, senders)], dim: 1));

        double scale = concatenated.abs().max().ToDouble();
        Assert.True((factored - concatenated).abs().max().ToDouble() <= 1e-6 * scale);

        Tensor probe = torch.randn([19, Latent]);
        Tensor[] factoredGradients = Gradients(block, nodes, edges, (factored * probe).sum());
        Tensor[] officialGradients = Gradients(block, nodes, edges, (concatenated * probe).sum());
        for (int i = 0; i < factoredGradients.Length; i++)
        {
            double gradientScale = officialGradients[i].abs().max().ToDouble();
            Assert.True((factoredGradients[i] - officialGradients[i]).abs().max().ToDouble() <= 1e-5 * gradientScale,
                $"gradient {i} differs");
        }
    }

    [Fact]
    public void Features_of_the_wrong_width_are_refused_by_name()
    {
        using var scope = torch.NewDisposeScope();
        var block = new EdgeBlock(3 * Latent, Units, layers: 2, outDim: Latent);
        var graph = new GraphsTuple(torch.randn([3, Latent]), torch.randn([2, Latent + 1]), torch.tensor(new long[] { 0, 1 }),
            torch.tensor(new long[] { 1, 2 }), [3]);
        var error = Assert.Throws<ArgumentException>(() => block.forward(graph));
        Assert.Contains("edge_dim + 2·node_dim", error.Message);
    }

    /// <summary>Linear+ReLU, Linear+ReLU, Linear, LayerNorm on the concatenation, from the block's own parameters.</summary>
    private static Tensor OfficialEdgeMlp(EdgeBlock block, Tensor x)
    {
        var p = block.named_parameters().ToDictionary(np => np.name, np => (Tensor)np.parameter);
        Tensor h = nn.functional.linear(x, p["_edge_mlp.0.weight"], p["_edge_mlp.0.bias"]).relu();
        h = nn.functional.linear(h, p["_edge_mlp.2.weight"], p["_edge_mlp.2.bias"]).relu();
        h = nn.functional.linear(h, p["_edge_mlp.4.weight"], p["_edge_mlp.4.bias"]);
        return nn.functional.layer_norm(h, [Latent], p["_edge_mlp.5.weight"], p["_edge_mlp.5.bias"]);
    }

    /// <summary>Gradients of <paramref name="loss"/> for the nodes, the edges and every parameter of the block, in that order.</summary>
    private static Tensor[] Gradients(EdgeBlock block, Tensor nodes, Tensor edges, Tensor loss)
    {
        Tensor[] inputs = [nodes, edges, .. block.parameters()];
        foreach (Tensor t in inputs) t.grad = null;
        loss.backward();
        return inputs.Select(t => t.grad!.clone()).ToArray();
    }
}
