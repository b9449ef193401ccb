namespace MlCgMd.Torch.Modules;

/// <summary>Applies its children in order; they are named "0", "1", ... as in PyTorch.</summary>
public sealed class Sequential : Module<Tensor, Tensor>
{
    private readonly List<Module<Tensor, Tensor>> layers = [];

    public Sequential(params Module<Tensor, Tensor>[] modules)
    {
        foreach (Module<Tensor, Tensor> m in modules) append(m);
    }

    public int Count => layers.Count;

    public Module<Tensor, Tensor> this[int index] => layers[index];

    public Sequential append(Module<Tensor, Tensor> module)
    {
        layers.Add(register_module(layers.Count.ToString(), module));
        return this;
    }

    /// <summary>Intermediate results are freed as soon as the next layer has consumed them.</summary>
    public override Tensor forward(Tensor input)
    {
        Tensor x = input;
        foreach (Module<Tensor, Tensor> layer in layers)
        {
            Tensor next = layer.forward(x);
            if (!ReferenceEquals(x, input) && !ReferenceEquals(x, next)) x.Dispose();
            x = next;
        }
        return layers.Count == 0 ? input.alias() : x;
    }
}
