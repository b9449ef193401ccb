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
    public override Tensor forward(Tensor input) => forward(input, startAt: 0);

    /// <summary>Layers <paramref name="startAt"/>.. only (PyTorch: <c>seq[startAt:](input)</c>), intermediates freed as in <see cref="forward(Tensor)"/>.</summary>
    public Tensor forward(Tensor input, int startAt)
    {
        if (startAt < 0 || startAt > layers.Count)
            throw new ArgumentOutOfRangeException(nameof(startAt), startAt, $"a Sequential of {layers.Count} layers");
        Tensor x = input;
        for (int i = startAt; i < layers.Count; i++)
        {
            Tensor next = layers[i].forward(x);
            if (!ReferenceEquals(x, input) && !ReferenceEquals(x, next)) x.Dispose();
            x = next;
        }
        return startAt == layers.Count ? input.alias() : x;
    }
}
