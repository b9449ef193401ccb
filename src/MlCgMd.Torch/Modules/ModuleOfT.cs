namespace MlCgMd.Torch.Modules;

/// <summary>A module with one input: <c>y = module.forward(x)</c>.</summary>
public abstract class Module<TIn, TOut> : Module
{
    public abstract TOut forward(TIn input);
}

/// <summary>A module with two inputs.</summary>
public abstract class Module<T1, T2, TOut> : Module
{
    public abstract TOut forward(T1 input1, T2 input2);
}
