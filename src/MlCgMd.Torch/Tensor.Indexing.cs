using MlCgMd.Torch.Native;

namespace MlCgMd.Torch;

// Indexing with integers, slices and index tensors (int64), gather/scatter and masks.
public partial class Tensor
{
    /// <summary>Python-style indexing; basic indices give views, tensor indices copy.</summary>
    public Tensor this[params TensorIndex[] indices]
    {
        get
        {
            var (kinds, starts, stops, steps, flags, tensors) = Encode(indices);
            return new Tensor(Tensor.KeepAlive(NativeMethods.mlt_index_basic(Handle, kinds, starts, stops, steps, flags, tensors, indices.Length), this));
        }
        set
        {
            var (kinds, starts, stops, steps, flags, tensors) = Encode(indices);
            NativeCheck.Status(Tensor.KeepAlive(NativeMethods.mlt_index_assign_(Handle, kinds, starts, stops, steps, flags, tensors,
                indices.Length, value.Handle), value, this));
        }
    }

    private static (int[], long[], long[], long[], int[], IntPtr[]) Encode(TensorIndex[] indices)
    {
        int n = indices.Length;
        var kinds = new int[n];
        var starts = new long[n];
        var stops = new long[n];
        var steps = new long[n];
        var flags = new int[n];
        var tensors = new IntPtr[n];
        for (int i = 0; i < n; i++)
        {
            TensorIndex index = indices[i];
            kinds[i] = (int)index.IndexKind;
            steps[i] = index.Step;
            if (index.IndexKind == TensorIndex.Kind.Slice)
            {
                starts[i] = index.SliceStart ?? 0;
                stops[i] = index.SliceStop ?? 0;
                flags[i] = (index.SliceStart.HasValue ? 1 : 0) | (index.SliceStop.HasValue ? 2 : 0);
            }
            else
            {
                starts[i] = index.Start;
            }
            if (index.IndexTensor is { } t) tensors[i] = t.Handle;
        }
        return (kinds, starts, stops, steps, flags, tensors);
    }

    public Tensor index_select(long dim, Tensor index) => new(Tensor.KeepAlive(NativeMethods.mlt_index_select(Handle, dim, index.Handle), index, this));
    public Tensor gather(long dim, Tensor index) => new(Tensor.KeepAlive(NativeMethods.mlt_gather(Handle, dim, index.Handle), index, this));
    public Tensor scatter(long dim, Tensor index, Tensor src) => new(Tensor.KeepAlive(NativeMethods.mlt_scatter(Handle, dim, index.Handle, src.Handle), index, src, this));
    public Tensor scatter(long dim, Tensor index, double value) => new(Tensor.KeepAlive(NativeMethods.mlt_scatter_value(Handle, dim, index.Handle, value), index, this));
    public Tensor scatter_add(long dim, Tensor index, Tensor src) =>
        new(Tensor.KeepAlive(NativeMethods.mlt_scatter_add(Handle, dim, index.Handle, src.Handle), index, src, this));
    public Tensor scatter_add_(long dim, Tensor index, Tensor src)
    {
        NativeCheck.Status(Tensor.KeepAlive(NativeMethods.mlt_scatter_add_(Handle, dim, index.Handle, src.Handle), index, src, this));
        return this;
    }

    /// <summary>Out-of-place index_add: rows <paramref name="index"/>[i] of the result get alpha * source[i] added.</summary>
    public Tensor index_add(long dim, Tensor index, Tensor source, double alpha = 1) =>
        new(Tensor.KeepAlive(NativeMethods.mlt_index_add(Handle, dim, index.Handle, source.Handle, alpha), index, source, this));
    public Tensor index_add_(long dim, Tensor index, Tensor source, double alpha = 1)
    {
        NativeCheck.Status(Tensor.KeepAlive(NativeMethods.mlt_index_add_(Handle, dim, index.Handle, source.Handle, alpha), index, source, this));
        return this;
    }

    /// <summary>Advanced indexing a[i0, i1, ...]; a null entry takes the whole dimension.</summary>
    public Tensor index(params Tensor?[] indices) =>
        new(Tensor.KeepAlive(NativeMethods.mlt_index(Handle, Handles(indices), indices.Length), indices, this));
    public Tensor index_put(Tensor?[] indices, Tensor values, bool accumulate = false) =>
        new(Tensor.KeepAlive(NativeMethods.mlt_index_put(Handle, Handles(indices), indices.Length, values.Handle, accumulate ? 1 : 0), indices, values, this));
    public Tensor index_put_(Tensor?[] indices, Tensor values, bool accumulate = false)
    {
        NativeCheck.Status(Tensor.KeepAlive(NativeMethods.mlt_index_put_(Handle, Handles(indices), indices.Length, values.Handle, accumulate ? 1 : 0), indices, values, this));
        return this;
    }

    private static IntPtr[] Handles(Tensor?[] tensors)
    {
        var result = new IntPtr[tensors.Length];
        for (int i = 0; i < tensors.Length; i++) result[i] = tensors[i]?.Handle ?? IntPtr.Zero;
        return result;
    }

    public Tensor masked_fill(Tensor mask, double value) => new(Tensor.KeepAlive(NativeMethods.mlt_masked_fill(Handle, mask.Handle, value), mask, this));
    public Tensor masked_fill(Tensor mask, Tensor value) =>
        new(Tensor.KeepAlive(NativeMethods.mlt_masked_fill_tensor(Handle, mask.Handle, value.Handle), mask, value, this));
    public Tensor masked_fill_(Tensor mask, double value)
    {
        NativeCheck.Status(Tensor.KeepAlive(NativeMethods.mlt_masked_fill_(Handle, mask.Handle, value), mask, this));
        return this;
    }
    public Tensor masked_select(Tensor mask) => new(Tensor.KeepAlive(NativeMethods.mlt_masked_select(Handle, mask.Handle), mask, this));

    /// <summary>Indices of non-zero elements: [count, ndim] int64.</summary>
    public Tensor nonzero() => new(Tensor.KeepAlive(NativeMethods.mlt_nonzero(Handle), this));

    /// <summary>Unique values (or unique slices along <paramref name="dim"/>), with optional inverse and counts.</summary>
    public (Tensor values, Tensor? inverse, Tensor? counts) unique(bool sorted = true, bool return_inverse = false,
        bool return_counts = false, long? dim = null)
    {
        var output = new IntPtr[3];
        NativeCheck.Status(Tensor.KeepAlive(NativeMethods.mlt_unique(Handle, sorted ? 1 : 0, return_inverse ? 1 : 0, return_counts ? 1 : 0,
            dim ?? 0, dim.HasValue ? 1 : 0, output), this));
        return (new Tensor(output[0]),
            output[1] == IntPtr.Zero ? null : new Tensor(output[1]),
            output[2] == IntPtr.Zero ? null : new Tensor(output[2]));
    }

    public Tensor one_hot(long numClasses = -1) => new(Tensor.KeepAlive(NativeMethods.mlt_one_hot(Handle, numClasses), this));
    public Tensor bincount(Tensor? weights = null, long minlength = 0) =>
        new(Tensor.KeepAlive(NativeMethods.mlt_bincount(Handle, weights?.Handle ?? IntPtr.Zero, minlength), weights, this));
}
