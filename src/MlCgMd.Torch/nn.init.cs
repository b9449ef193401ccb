namespace MlCgMd.Torch;

public static partial class nn
{
    /// <summary>
    /// In-place initialisers (torch.nn.init), run without autograd. Bounds are computed in
    /// doubles exactly as PyTorch computes them, so seeded results are bit-identical.
    /// </summary>
    public static class init
    {
        /// <summary>(fan_in, fan_out) of a weight [out, in, *receptive field].</summary>
        public static (long fan_in, long fan_out) calculate_fan_in_and_fan_out(Tensor t)
        {
            long[] shape = t.shape;
            if (shape.Length < 2)
                throw new ArgumentException(
                    $"Fan in and fan out can not be computed for tensor with fewer than 2 dimensions (shape [{string.Join(", ", shape)}])");
            long receptiveField = 1;
            for (int i = 2; i < shape.Length; i++) receptiveField *= shape[i];
            return (shape[1] * receptiveField, shape[0] * receptiveField);
        }

        /// <summary>torch.nn.init.calculate_gain for the nonlinearities used here.</summary>
        public static double calculate_gain(string nonlinearity, double? param = null) => nonlinearity switch
        {
            "linear" or "sigmoid" or "conv1d" or "conv2d" or "conv3d" => 1,
            "tanh" => 5.0 / 3,
            "relu" => Math.Sqrt(2.0),
            "leaky_relu" => Math.Sqrt(2.0 / (1 + Math.Pow(param ?? 0.01, 2))),
            "selu" => 3.0 / 4,
            _ => throw new ArgumentException($"unsupported nonlinearity '{nonlinearity}'", nameof(nonlinearity)),
        };

        public static Tensor uniform_(Tensor t, double a = 0, double b = 1) => t.uniform_(a, b);

        public static Tensor normal_(Tensor t, double mean = 0, double std = 1) => t.normal_(mean, std);

        public static Tensor zeros_(Tensor t)
        {
            using (torch.no_grad()) return t.zero_();
        }

        public static Tensor ones_(Tensor t)
        {
            using (torch.no_grad()) return t.fill_(1);
        }

        public static Tensor constant_(Tensor t, double value)
        {
            using (torch.no_grad()) return t.fill_(value);
        }

        /// <summary>U(−a, a) with a = gain·√(6 / (fan_in + fan_out)) (Glorot).</summary>
        public static Tensor xavier_uniform_(Tensor t, double gain = 1)
        {
            (long fanIn, long fanOut) = calculate_fan_in_and_fan_out(t);
            double std = gain * Math.Sqrt(2.0 / (fanIn + fanOut));
            double a = Math.Sqrt(3.0) * std;
            return t.uniform_(-a, a);
        }

        /// <summary>
        /// U(−bound, bound) with bound = √3 · gain / √fan, gain = calculate_gain(nonlinearity, a)
        /// (He). mode "fan_in" or "fan_out".
        /// </summary>
        public static Tensor kaiming_uniform_(Tensor t, double a = 0, string mode = "fan_in", string nonlinearity = "leaky_relu")
        {
            (long fanIn, long fanOut) = calculate_fan_in_and_fan_out(t);
            long fan = mode switch
            {
                "fan_in" => fanIn,
                "fan_out" => fanOut,
                _ => throw new ArgumentException($"mode '{mode}' not supported, please use one of fan_in, fan_out", nameof(mode)),
            };
            if (t.numel() == 0) return t;
            double gain = calculate_gain(nonlinearity, a);
            double std = gain / Math.Sqrt(fan);
            double bound = Math.Sqrt(3.0) * std;
            return t.uniform_(-bound, bound);
        }
    }
}
