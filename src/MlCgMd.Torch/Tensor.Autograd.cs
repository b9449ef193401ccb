using MlCgMd.Torch.Native;

namespace MlCgMd.Torch;

// Autograd on a tensor: requires_grad, backward, grad, detach.
public partial class Tensor
{
    public bool requires_grad
    {
        get => NativeCheck.Status(Tensor.KeepAlive(NativeMethods.mlt_requires_grad(Handle), this)) == 1;
        set => NativeCheck.Status(Tensor.KeepAlive(NativeMethods.mlt_set_requires_grad(Handle, value ? 1 : 0), this));
    }

    public Tensor requires_grad_(bool value = true)
    {
        requires_grad = value;
        return this;
    }

    public bool is_leaf => NativeCheck.Status(Tensor.KeepAlive(NativeMethods.mlt_is_leaf(Handle), this)) == 1;

    /// <summary>
    /// The accumulated gradient, or null. Each read returns a new handle to the same
    /// gradient tensor (owned by the current dispose scope, like any new tensor).
    /// Assigning null clears it (PyTorch's <c>p.grad = None</c>).
    /// </summary>
    public Tensor? grad
    {
        get
        {
            IntPtr g = Tensor.KeepAlive(NativeMethods.mlt_grad(Handle), this);
            if (g == IntPtr.Zero)
            {
                string error = NativeCheck.LastError();
                if (error.Length > 0) throw new TorchException(error);
                return null;
            }
            return new Tensor(g);
        }
        set => NativeCheck.Status(Tensor.KeepAlive(NativeMethods.mlt_set_grad(Handle, value?.Handle ?? IntPtr.Zero), value, this));
    }

    /// <summary>Computes gradients of this tensor (a scalar, unless <paramref name="gradient"/> is given).</summary>
    public void backward(Tensor? gradient = null, bool? retain_graph = null, bool create_graph = false) =>
        NativeCheck.Status(Tensor.KeepAlive(NativeMethods.mlt_backward(Handle, gradient?.Handle ?? IntPtr.Zero,
            retain_graph.HasValue ? (retain_graph.Value ? 1 : 0) : -1, create_graph ? 1 : 0), gradient, this));

    public Tensor retain_grad()
    {
        NativeCheck.Status(Tensor.KeepAlive(NativeMethods.mlt_retain_grad(Handle), this));
        return this;
    }

    /// <summary>A tensor sharing storage but cut from the autograd graph.</summary>
    public Tensor detach() => new(Tensor.KeepAlive(NativeMethods.mlt_detach(Handle), this));
}
