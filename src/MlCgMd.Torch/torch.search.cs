using MlCgMd.Torch.Native;

namespace MlCgMd.Torch;

public static partial class torch
{
    /// <summary>
    /// Insertion points of <paramref name="values"/> into the ascending 1-D
    /// <paramref name="sorted_sequence"/> (left side unless <paramref name="right"/>).
    /// </summary>
    public static Tensor searchsorted(Tensor sorted_sequence, Tensor values, bool right = false) =>
        new(Tensor.KeepAlive(NativeMethods.mlt_searchsorted(sorted_sequence.Handle, values.Handle, right ? 1 : 0), sorted_sequence, values));
}
