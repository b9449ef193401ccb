using MlCgMd.Torch.Native;

namespace MlCgMd.Torch.Tests;

/// <summary>
/// The neural-network functions of the shim that the binding itself does not wrap
/// (nn.functional lives in another layer); the tests call the native entry points directly.
/// </summary>
internal static class NativeOps
{
    public static Tensor linear(Tensor input, Tensor weight, Tensor? bias) =>
        new(NativeMethods.mlt_linear(input.Handle, weight.Handle, bias?.Handle ?? IntPtr.Zero));

    public static Tensor embedding(Tensor weight, Tensor indices) =>
        new(NativeMethods.mlt_embedding(weight.Handle, indices.Handle));

    /// <summary>reduction: 0 none, 1 mean, 2 sum.</summary>
    public static Tensor mse_loss(Tensor input, Tensor target, int reduction = 1) =>
        new(NativeMethods.mlt_mse_loss(input.Handle, target.Handle, reduction));

    public static Tensor dropout(Tensor input, double p, bool train) =>
        new(NativeMethods.mlt_dropout(input.Handle, p, train ? 1 : 0));
}
