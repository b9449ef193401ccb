namespace MlCgMd.Torch.Modules;

/// <summary>max(x, 0) elementwise.</summary>
public sealed class ReLU : Module<Tensor, Tensor>
{
    public override Tensor forward(Tensor input) => nn.functional.relu(input);
}
