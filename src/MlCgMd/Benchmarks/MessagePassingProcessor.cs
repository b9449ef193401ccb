using MlCgMd.Torch;

namespace MlCgMd.Benchmarks;

/// <summary>
/// The processor of the paper's dynamics network written with raw tensor operations, for
/// benchmarking the binding: <c>layers</c> interaction layers with unshared weights. Each
/// layer updates every edge with an MLP on [edge, receiver node, sender node] and every node
/// with an MLP on [node, sum of its incoming new edges]; both MLPs are
/// Linear+ReLU, Linear+ReLU, Linear, LayerNorm, and both updates are residual.
/// processor_benchmark.py builds the same weights in the same order, so with the same seed
/// the two implementations compute the same numbers.
/// </summary>
internal sealed class MessagePassingProcessor : IDisposable
{
    private readonly Mlp[] edgeMlps;
    private readonly Mlp[] nodeMlps;

    /// <summary>Creates the weights (randn scaled by 1/sqrt(fan_in); LayerNorm weight 1, bias 0) after torch.manual_seed.</summary>
    public MessagePassingProcessor(int layers, int latent)
    {
        edgeMlps = new Mlp[layers];
        nodeMlps = new Mlp[layers];
        for (int layer = 0; layer < layers; layer++)
        {
            edgeMlps[layer] = new Mlp(3 * latent, latent);
            nodeMlps[layer] = new Mlp(2 * latent, latent);
        }
    }

    public IEnumerable<Tensor> Parameters() => edgeMlps.Concat(nodeMlps).SelectMany(m => m.Parameters);

    /// <summary>
    /// nodes: [N, latent], edges: [E, latent], senders/receivers: [E] int64 node indices.
    /// Returns the updated nodes [N, latent], owned by the caller's dispose scope.
    /// </summary>
    public Tensor Forward(Tensor nodes, Tensor edges, Tensor senders, Tensor receivers)
    {
        for (int layer = 0; layer < edgeMlps.Length; layer++)
        {
            Tensor nextNodes, nextEdges;
            // Each layer's temporaries are released as soon as the layer is done, as Python's
            // reference counting would; autograd keeps what backward needs alive natively.
            using (torch.NewDisposeScope())
            {
                Tensor edgeInput = torch.cat([edges, nodes.index_select(0, receivers), nodes.index_select(0, senders)], dim: 1);
                Tensor newEdges = edgeMlps[layer].Forward(edgeInput);
                Tensor incoming = torch.zeros_like(nodes).index_add(0, receivers, newEdges);
                Tensor newNodes = nodeMlps[layer].Forward(torch.cat([nodes, incoming], dim: 1));
                nextNodes = (nodes + newNodes).MoveToOuterDisposeScope();
                nextEdges = (edges + newEdges).MoveToOuterDisposeScope();
            }
            if (layer > 0)
            {
                nodes.Dispose();
                edges.Dispose();
            }
            (nodes, edges) = (nextNodes, nextEdges);
        }
        edges.Dispose();
        return nodes;
    }

    public void Dispose()
    {
        foreach (Tensor p in Parameters()) p.Dispose();
    }

    /// <summary>in → latent → latent → latent with ReLU between, then LayerNorm over latent.</summary>
    private sealed class Mlp
    {
        private readonly Tensor w1, b1, w2, b2, w3, b3, normWeight, normBias;
        private readonly long[] normalizedShape;

        public Mlp(int inputSize, int latent)
        {
            (w1, b1) = LinearWeights(inputSize, latent);
            (w2, b2) = LinearWeights(latent, latent);
            (w3, b3) = LinearWeights(latent, latent);
            normWeight = torch.ones([latent], requires_grad: true).DetachFromDisposeScope();
            normBias = torch.zeros([latent], requires_grad: true).DetachFromDisposeScope();
            normalizedShape = [latent];
        }

        public IEnumerable<Tensor> Parameters => [w1, b1, w2, b2, w3, b3, normWeight, normBias];

        /// <summary>x: [rows, in] → [rows, latent].</summary>
        public Tensor Forward(Tensor x)
        {
            Tensor h = Linear(x, w1, b1).relu_();
            h = Linear(h, w2, b2).relu_();
            h = Linear(h, w3, b3);
            return torch.layer_norm(h, normalizedShape, normWeight, normBias);
        }

        // What torch.nn.functional.linear does for a 2-D input with a bias: bias + x Wᵀ in one GEMM.
        private static Tensor Linear(Tensor x, Tensor weight, Tensor bias) => bias.addmm(x, weight.t());

        private static (Tensor Weight, Tensor Bias) LinearWeights(int inputSize, int outputSize)
        {
            using var scope = torch.NewDisposeScope();
            double scale = 1 / Math.Sqrt(inputSize);
            Tensor weight = (torch.randn(outputSize, inputSize) * scale).requires_grad_().DetachFromDisposeScope();
            Tensor bias = (torch.randn(outputSize) * scale).requires_grad_().DetachFromDisposeScope();
            return (weight, bias);
        }
    }
}
