using MlCgMd.Torch.Native;

namespace MlCgMd.Torch;

public static partial class nn
{
    /// <summary>Stateless layers and losses (torch.nn.functional).</summary>
    public static class functional
    {
        /// <summary>x: [..., in], weight: [out, in], bias: [out] → [..., out].</summary>
        public static Tensor linear(Tensor input, Tensor weight, Tensor? bias = null) =>
            new(Tensor.KeepAlive(NativeMethods.mlt_linear(input.Handle, weight.Handle, bias?.Handle ?? IntPtr.Zero), input, weight, bias));

        public static Tensor relu(Tensor input) => input.relu();

        public static Tensor silu(Tensor input) => input.silu();

        /// <summary>(1/β)·log(1 + exp(β·x)), linear where β·x > threshold.</summary>
        public static Tensor softplus(Tensor input, double beta = 1, double threshold = 20) => input.softplus(beta, threshold);

        /// <summary>Normalises over the trailing dimensions given by <paramref name="normalized_shape"/>.</summary>
        public static Tensor layer_norm(Tensor input, long[] normalized_shape, Tensor? weight = null, Tensor? bias = null,
                                        double eps = 1e-5) =>
            new(Tensor.KeepAlive(NativeMethods.mlt_layer_norm(input.Handle, normalized_shape, normalized_shape.Length,
                weight?.Handle ?? IntPtr.Zero, bias?.Handle ?? IntPtr.Zero, eps), input, weight, bias));

        /// <summary>indices: int64 [...], weight: [num, dim] → [..., dim].</summary>
        public static Tensor embedding(Tensor input, Tensor weight) =>
            new(Tensor.KeepAlive(NativeMethods.mlt_embedding(weight.Handle, input.Handle), weight, input));

        /// <summary>Mean (or sum, or elementwise with "none") of squared differences.</summary>
        public static Tensor mse_loss(Tensor input, Tensor target, string reduction = "mean")
        {
            int code = reduction switch
            {
                "none" => 0,
                "mean" => 1,
                "sum" => 2,
                _ => throw new ArgumentException($"reduction '{reduction}' is not valid; use 'none', 'mean' or 'sum'", nameof(reduction)),
            };
            return new(Tensor.KeepAlive(NativeMethods.mlt_mse_loss(input.Handle, target.Handle, code), input, target));
        }

        /// <summary>Zeroes elements with probability p and scales the rest by 1/(1−p) when training.</summary>
        public static Tensor dropout(Tensor input, double p = 0.5, bool training = true)
        {
            if (p < 0 || p > 1) throw new ArgumentOutOfRangeException(nameof(p), p, "dropout probability has to be between 0 and 1");
            return new(Tensor.KeepAlive(NativeMethods.mlt_dropout(input.Handle, p, training ? 1 : 0), input));
        }
    }
}
