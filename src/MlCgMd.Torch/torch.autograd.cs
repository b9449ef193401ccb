using MlCgMd.Torch.Native;

namespace MlCgMd.Torch;

public static partial class torch
{
    public static class autograd
    {
        /// <summary>
        /// Gradients of <paramref name="outputs"/> with respect to <paramref name="inputs"/>,
        /// without touching .grad (PyTorch's torch.autograd.grad). An entry is null only when
        /// <paramref name="allow_unused"/> is set and that input does not affect the outputs.
        /// </summary>
        public static Tensor?[] grad(IReadOnlyList<Tensor> outputs, IReadOnlyList<Tensor> inputs,
            IReadOnlyList<Tensor?>? grad_outputs = null, bool? retain_graph = null, bool create_graph = false,
            bool allow_unused = false)
        {
            IntPtr[] outs = outputs.Select(t => t.Handle).ToArray();
            IntPtr[] ins = inputs.Select(t => t.Handle).ToArray();
            IntPtr[] gradOuts = grad_outputs?.Select(t => t?.Handle ?? IntPtr.Zero).ToArray() ?? [];
            var result = new IntPtr[ins.Length];
            NativeCheck.Status(Tensor.KeepAlive(NativeMethods.mlt_autograd_grad(outs, outs.Length, ins, ins.Length, gradOuts, gradOuts.Length,
                retain_graph.HasValue ? (retain_graph.Value ? 1 : 0) : -1, create_graph ? 1 : 0, allow_unused ? 1 : 0, result),
                outputs, inputs, grad_outputs));
            return result.Select(h => h == IntPtr.Zero ? null : new Tensor(h)).ToArray();
        }
    }
}
