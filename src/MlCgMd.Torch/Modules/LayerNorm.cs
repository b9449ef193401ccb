namespace MlCgMd.Torch.Modules;

/// <summary>
/// Normalises over the trailing <c>normalized_shape</c> dimensions, then applies an
/// elementwise affine map (weight initialised to 1, bias to 0).
/// </summary>
public sealed class LayerNorm : Module<Tensor, Tensor>
{
    public LayerNorm(long normalized_shape, double eps = 1e-5, bool elementwise_affine = true)
        : this([normalized_shape], eps, elementwise_affine)
    {
    }

    public LayerNorm(long[] normalized_shape, double eps = 1e-5, bool elementwise_affine = true)
    {
        if (normalized_shape.Length == 0 || normalized_shape.Any(s => s <= 0))
            throw new ArgumentException($"LayerNorm normalized_shape must be non-empty and positive, got [{string.Join(", ", normalized_shape)}]");
        this.normalized_shape = (long[])normalized_shape.Clone();
        this.eps = eps;
        if (elementwise_affine)
        {
            weight = new Parameter(torch.ones(this.normalized_shape, ScalarType.Float32));
            bias = new Parameter(torch.zeros(this.normalized_shape, ScalarType.Float32));
        }
        register_parameter(nameof(weight), weight);
        register_parameter(nameof(bias), bias);
    }

    public long[] normalized_shape { get; }
    public double eps { get; }
    public Parameter? weight { get; }
    public Parameter? bias { get; }

    public override Tensor forward(Tensor input) => nn.functional.layer_norm(input, normalized_shape, weight, bias, eps);
}
