using MlCgMd.Torch.Native;

namespace MlCgMd.Torch;

/// <summary>
/// A trainable tensor: a leaf that requires grad (PyTorch's nn.Parameter). It is never
/// registered in a <see cref="DisposeScope"/>: the module (or whoever created it) owns it
/// and frees it with <see cref="Tensor.Dispose()"/>, so training-step scopes cannot free weights.
/// </summary>
public class Parameter : Tensor
{
    /// <summary>
    /// Takes over <paramref name="data"/>: the parameter shares its storage as a new autograd
    /// leaf, and <paramref name="data"/> itself is disposed (use the parameter from now on).
    /// </summary>
    public Parameter(Tensor data, bool requires_grad = true) : base(TakeOver(data), registerInScope: false)
    {
        this.requires_grad = requires_grad;
    }

    private static IntPtr TakeOver(Tensor data)
    {
        IntPtr leaf = NativeCheck.Handle(Tensor.KeepAlive(NativeMethods.mlt_detach(data.Handle), data));
        data.Dispose();
        return leaf;
    }

    public override string ToString() => IsDisposed ? "Parameter(<disposed>)" : "Parameter containing:\n" + base.ToString();
}
