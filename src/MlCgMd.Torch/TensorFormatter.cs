using System.Globalization;
using System.Text;

namespace MlCgMd.Torch;

/// <summary>Formats a tensor like PyTorch's summarised repr: tensor([[1., 2.], ...], dtype=float64).</summary>
internal static class TensorFormatter
{
    private const int EdgeItems = 3;
    private const long SummariseAbove = 1000;

    public static string Format(Tensor tensor)
    {
        long[] shape = tensor.shape;
        ScalarType type = tensor.dtype;
        bool summarise = tensor.numel() > SummariseAbove;
        double[] values;
        using (torch.no_grad())
        using (var asDouble = tensor.detach().to(ScalarType.Float64, Device.CPU))
        {
            values = asDouble.ToArray<double>();
        }
        var text = new StringBuilder("tensor(");
        long[] strides = new long[shape.Length];
        long stride = 1;
        for (int d = shape.Length - 1; d >= 0; d--) { strides[d] = stride; stride *= shape[d]; }
        AppendBlock(text, values, shape, strides, 0, 0, type, summarise, indent: 7);
        if (summarise || shape.Contains(0)) text.Append(", size=(").Append(string.Join(", ", shape)).Append(')');
        if (type != ScalarType.Float32 && type != ScalarType.Int64 && type != ScalarType.Bool)
            text.Append(", dtype=").Append(type.Name());
        if (tensor.device.Type != DeviceType.CPU) text.Append(", device='").Append(tensor.device).Append('\'');
        text.Append(')');
        return text.ToString();
    }

    private static void AppendBlock(StringBuilder text, double[] values, long[] shape, long[] strides, int depth,
                                    long offset, ScalarType type, bool summarise, int indent)
    {
        if (shape.Length == 0)
        {
            text.Append(FormatValue(values[0], type));
            return;
        }
        text.Append('[');
        long n = shape[depth];
        for (long i = 0; i < n; i++)
        {
            if (summarise && n > 2 * EdgeItems && i == EdgeItems)
            {
                text.Append(depth == shape.Length - 1 ? "..., " : "...,\n" + new string(' ', indent + depth + 1));
                i = n - EdgeItems;
            }
            if (depth == shape.Length - 1) text.Append(FormatValue(values[offset + i * strides[depth]], type));
            else AppendBlock(text, values, shape, strides, depth + 1, offset + i * strides[depth], type, summarise, indent);
            if (i < n - 1)
                text.Append(depth == shape.Length - 1 ? ", " : ",\n" + new string(' ', indent + depth + 1));
        }
        text.Append(']');
    }

    private static string FormatValue(double v, ScalarType type) => type switch
    {
        ScalarType.Bool => v != 0 ? "True" : "False",
        ScalarType.Int64 or ScalarType.Int32 => ((long)v).ToString(CultureInfo.InvariantCulture),
        _ => double.IsNaN(v) ? "nan" : double.IsPositiveInfinity(v) ? "inf" : double.IsNegativeInfinity(v) ? "-inf"
            : v == Math.Floor(v) && Math.Abs(v) < 1e16 ? v.ToString("0", CultureInfo.InvariantCulture) + "."
            : v.ToString("0.####", CultureInfo.InvariantCulture),
    };
}
