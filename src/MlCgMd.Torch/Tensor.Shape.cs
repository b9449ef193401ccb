using MlCgMd.Torch.Native;

namespace MlCgMd.Torch;

// Views, shape changes, splitting. Negative dims count from the end, as in PyTorch.
public partial class Tensor
{
    public Tensor view(params long[] shape) => new(Tensor.KeepAlive(NativeMethods.mlt_view(Handle, shape, shape.Length), this));
    public Tensor reshape(params long[] shape) => new(Tensor.KeepAlive(NativeMethods.mlt_reshape(Handle, shape, shape.Length), this));
    public Tensor flatten(long startDim = 0, long endDim = -1) => new(Tensor.KeepAlive(NativeMethods.mlt_flatten(Handle, startDim, endDim), this));
    public Tensor permute(params long[] dims) => new(Tensor.KeepAlive(NativeMethods.mlt_permute(Handle, dims, dims.Length), this));
    public Tensor transpose(long dim0, long dim1) => new(Tensor.KeepAlive(NativeMethods.mlt_transpose(Handle, dim0, dim1), this));
    /// <summary>Transpose of a 2-D tensor (PyTorch's .T for matrices).</summary>
    public Tensor t() => transpose(0, 1);
    public Tensor unsqueeze(long dim) => new(Tensor.KeepAlive(NativeMethods.mlt_unsqueeze(Handle, dim), this));
    public Tensor squeeze() => new(Tensor.KeepAlive(NativeMethods.mlt_squeeze(Handle, 0, 0), this));
    public Tensor squeeze(long dim) => new(Tensor.KeepAlive(NativeMethods.mlt_squeeze(Handle, dim, 1), this));
    public Tensor expand(params long[] shape) => new(Tensor.KeepAlive(NativeMethods.mlt_expand(Handle, shape, shape.Length), this));
    public Tensor expand_as(Tensor other) => expand(other.shape);
    public Tensor view_as(Tensor other) => view(other.shape);
    public Tensor repeat(params long[] repeats) => new(Tensor.KeepAlive(NativeMethods.mlt_repeat(Handle, repeats, repeats.Length), this));

    /// <summary>Repeats each element <paramref name="repeats"/> times (flattened when dim is null).</summary>
    public Tensor repeat_interleave(long repeats, long? dim = null) =>
        new(Tensor.KeepAlive(NativeMethods.mlt_repeat_interleave(Handle, IntPtr.Zero, repeats, dim ?? 0, dim.HasValue ? 1 : 0), this));

    /// <summary>Repeats element i repeats[i] times.</summary>
    public Tensor repeat_interleave(Tensor repeats, long? dim = null) =>
        new(Tensor.KeepAlive(NativeMethods.mlt_repeat_interleave(Handle, repeats.Handle, 0, dim ?? 0, dim.HasValue ? 1 : 0), repeats, this));

    public Tensor[] split(long splitSize, long dim = 0)
    {
        long length = size(dim);
        int capacity = (int)Math.Max(1, (length + splitSize - 1) / Math.Max(1, splitSize));
        return Pieces(capacity, output => Tensor.KeepAlive(NativeMethods.mlt_split(Handle, null, 0, splitSize, dim, output, capacity), this));
    }

    public Tensor[] split(long[] sizes, long dim = 0) =>
        Pieces(sizes.Length, output => Tensor.KeepAlive(NativeMethods.mlt_split(Handle, sizes, sizes.Length, 0, dim, output, sizes.Length), this));

    public Tensor[] chunk(long chunks, long dim = 0) =>
        Pieces((int)chunks, output => Tensor.KeepAlive(NativeMethods.mlt_chunk(Handle, chunks, dim, output, (int)chunks), this));

    private static Tensor[] Pieces(int capacity, Func<IntPtr[], int> call)
    {
        var output = new IntPtr[Math.Max(capacity, 1)];
        int n = NativeCheck.Status(call(output));
        var result = new Tensor[n];
        for (int i = 0; i < n; i++) result[i] = new Tensor(output[i]);
        return result;
    }

    public Tensor narrow(long dim, long start, long length) => new(Tensor.KeepAlive(NativeMethods.mlt_narrow(Handle, dim, start, length), this));
    public Tensor select(long dim, long index) => new(Tensor.KeepAlive(NativeMethods.mlt_select(Handle, dim, index), this));

    /// <summary>Python's a[start:end:step] along one dimension; null bounds mean "from the start"/"to the end".</summary>
    public Tensor slice(long dim, long? start, long? end, long step = 1) =>
        new(Tensor.KeepAlive(NativeMethods.mlt_slice(Handle, dim, start ?? 0, start.HasValue ? 1 : 0, end ?? 0, end.HasValue ? 1 : 0, step), this));

    public Tensor flip(params long[] dims) => new(Tensor.KeepAlive(NativeMethods.mlt_flip(Handle, dims, dims.Length), this));
    public Tensor roll(long shift, long dim) => new(Tensor.KeepAlive(NativeMethods.mlt_roll(Handle, [shift], [dim], 1), this));
    public Tensor tril(long diagonal = 0) => new(Tensor.KeepAlive(NativeMethods.mlt_tril(Handle, diagonal), this));
    public Tensor triu(long diagonal = 0) => new(Tensor.KeepAlive(NativeMethods.mlt_triu(Handle, diagonal), this));
}
