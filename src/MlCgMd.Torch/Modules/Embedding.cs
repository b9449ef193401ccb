namespace MlCgMd.Torch.Modules;

/// <summary>
/// A lookup table: indices (int64, any shape [...]) → rows of weight [num_embeddings, embedding_dim],
/// giving [..., embedding_dim]. Initialised N(0, 1) as in PyTorch.
/// </summary>
public sealed class Embedding : Module<Tensor, Tensor>
{
    public Embedding(long num_embeddings, long embedding_dim)
    {
        if (num_embeddings <= 0 || embedding_dim <= 0)
            throw new ArgumentException($"Embedding sizes must be positive, got num_embeddings={num_embeddings}, embedding_dim={embedding_dim}");
        this.num_embeddings = num_embeddings;
        this.embedding_dim = embedding_dim;
        weight = new Parameter(torch.empty([num_embeddings, embedding_dim]));
        register_parameter(nameof(weight), weight);
        nn.init.normal_(weight);
    }

    public long num_embeddings { get; }
    public long embedding_dim { get; }
    public Parameter weight { get; }

    public override Tensor forward(Tensor input) => nn.functional.embedding(input, weight);
}
