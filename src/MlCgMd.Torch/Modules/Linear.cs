namespace MlCgMd.Torch.Modules;

/// <summary>
/// y = x Wᵀ + b. x: [..., in_features] → y: [..., out_features]; weight: [out_features, in_features].
/// Initialised as PyTorch does: weight kaiming_uniform_(a = √5), bias U(−1/√fan_in, 1/√fan_in),
/// drawing from the global generator in the same order, so a seeded model matches PyTorch.
/// </summary>
public sealed class Linear : Module<Tensor, Tensor>
{
    public Linear(long in_features, long out_features, bool bias = true, ScalarType dtype = ScalarType.Float32,
                  Device? device = null)
    {
        if (in_features < 0 || out_features < 0)
            throw new ArgumentException($"Linear sizes must be non-negative, got in_features={in_features}, out_features={out_features}");
        this.in_features = in_features;
        this.out_features = out_features;
        weight = new Parameter(torch.empty([out_features, in_features], dtype, device));
        register_parameter(nameof(weight), weight);
        if (bias)
        {
            this.bias = new Parameter(torch.empty([out_features], dtype, device));
            register_parameter(nameof(bias), this.bias);
        }
        reset_parameters();
    }

    public long in_features { get; }
    public long out_features { get; }
    public Parameter weight { get; }
    public Parameter? bias { get; }

    public void reset_parameters()
    {
        nn.init.kaiming_uniform_(weight, a: Math.Sqrt(5));
        if (bias is null) return;
        (long fanIn, _) = nn.init.calculate_fan_in_and_fan_out(weight);
        double bound = fanIn > 0 ? 1 / Math.Sqrt(fanIn) : 0;
        nn.init.uniform_(bias, -bound, bound);
    }

    public override Tensor forward(Tensor input) => nn.functional.linear(input, weight, bias);
}
