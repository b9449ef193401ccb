using System.Globalization;
using System.Text;

namespace MlCgMd.Torch;

/// <summary>
/// Formats a tensor like PyTorch's repr: <c>tensor([ 1.5000, -2.0000], dtype=torch.float64)</c>.
/// Follows torch/_tensor_str.py's choices (4 decimals, "1." for whole floats, scientific
/// notation for wide ranges, equal-width columns, summaries with "..." above 1000 elements)
/// but does not wrap long rows at 80 characters.
/// </summary>
internal static class TensorFormatter
{
    private const int EdgeItems = 3;
    private const long SummariseAbove = 1000;
    private const int Indent = 7; // "tensor(".Length

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
        Func<double, string> element = ElementFormat(values, type);
        // Column width: PyTorch measures floats over their finite non-zero values only.
        IEnumerable<double> measured = type.IsFloatingPoint() ? values.Where(v => double.IsFinite(v) && v != 0) : values;
        int width = measured.Select(v => element(v).Length).DefaultIfEmpty(0).Max();
        string Pad(double v) => element(v).PadLeft(width);

        var text = new StringBuilder("tensor(");
        if (shape.Length == 0) text.Append(element(values[0]));
        else
        {
            long[] strides = new long[shape.Length];
            long stride = 1;
            for (int d = shape.Length - 1; d >= 0; d--) { strides[d] = stride; stride *= shape[d]; }
            AppendBlock(text, values, shape, strides, 0, 0, summarise, Pad);
        }
        if (values.Length == 0 && shape.Length != 1) text.Append(", size=(").Append(string.Join(", ", shape)).Append(')');
        if (type != ScalarType.Float32 && type != ScalarType.Int64 && type != ScalarType.Bool)
            text.Append(", dtype=torch.").Append(type.Name());
        if (tensor.device.Type != DeviceType.CPU) text.Append(", device='").Append(tensor.device).Append('\'');
        // PyTorch prints grad_fn=<...> for results of recorded operations; only leaves are marked here.
        if (tensor.requires_grad && tensor.is_leaf) text.Append(", requires_grad=True");
        text.Append(')');
        return text.ToString();
    }

    private static void AppendBlock(StringBuilder text, double[] values, long[] shape, long[] strides, int depth,
                                    long offset, bool summarise, Func<double, string> pad)
    {
        int remaining = shape.Length - depth;
        string separator = remaining == 1 ? ", " : "," + new string('\n', remaining - 1) + new string(' ', Indent + depth + 1);
        text.Append('[');
        long n = shape[depth];
        for (long i = 0; i < n; i++)
        {
            if (i > 0) text.Append(separator);
            if (summarise && n > 2 * EdgeItems && i == EdgeItems)
            {
                text.Append(remaining == 1 ? " ..." : "...").Append(separator);
                i = n - EdgeItems;
            }
            if (remaining == 1) text.Append(pad(values[offset + i * strides[depth]]));
            else AppendBlock(text, values, shape, strides, depth + 1, offset + i * strides[depth], summarise, pad);
        }
        text.Append(']');
    }

    /// <summary>One format for every element, chosen from the range of the finite non-zero values.</summary>
    private static Func<double, string> ElementFormat(double[] values, ScalarType type)
    {
        if (type == ScalarType.Bool) return v => v != 0 ? "True" : "False";
        if (!type.IsFloatingPoint()) return v => ((long)v).ToString(CultureInfo.InvariantCulture);
        double[] finite = values.Where(v => double.IsFinite(v) && v != 0).Select(Math.Abs).ToArray();
        double max = finite.Length > 0 ? finite.Max() : 0, min = finite.Length > 0 ? finite.Min() : 0;
        bool whole = finite.All(v => v == Math.Floor(v));
        bool wide = finite.Length > 0 && (max / min > 1000 || max > 1e8);
        bool scientific = wide || (!whole && finite.Length > 0 && min < 1e-4);
        string pattern = scientific ? "0.0000e+00" : whole ? "0" : "0.0000";
        return v => double.IsNaN(v) ? "nan" : double.IsPositiveInfinity(v) ? "inf" : double.IsNegativeInfinity(v) ? "-inf"
            : v.ToString(pattern, CultureInfo.InvariantCulture) + (whole && !scientific ? "." : "");
    }
}
