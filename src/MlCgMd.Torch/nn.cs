using MlCgMd.Torch.Native;

namespace MlCgMd.Torch;

/// <summary>
/// PyTorch's <c>torch.nn</c> free functions: <see cref="nn.init"/> (initialisers),
/// <see cref="nn.functional"/> (stateless layers and losses) and <see cref="nn.utils"/>.
/// The layer classes live in <see cref="MlCgMd.Torch.Modules"/>.
/// </summary>
public static partial class nn
{
    public static class utils
    {
        /// <summary>
        /// Scales the gradients in place so that their joint <paramref name="norm_type"/>-norm
        /// is at most <paramref name="max_norm"/> (coefficient max_norm / (norm + 1e-6), capped
        /// at 1, as in PyTorch). Parameters without a gradient are skipped. Returns the total
        /// norm before clipping (0 when no parameter has a gradient).
        /// </summary>
        public static double clip_grad_norm_(IEnumerable<Tensor> parameters, double max_norm, double norm_type = 2)
        {
            var grads = new List<Tensor>();
            try
            {
                foreach (Tensor p in parameters)
                    if (p.grad is { } g) grads.Add(g);
                IntPtr[] handles = grads.Select(g => g.Handle).ToArray();
                return NativeCheck.Value(Tensor.KeepAlive(NativeMethods.mlt_clip_grad_norm(handles, handles.Length, max_norm, norm_type), grads));
            }
            finally
            {
                foreach (Tensor g in grads) g.Dispose();
            }
        }
    }
}
