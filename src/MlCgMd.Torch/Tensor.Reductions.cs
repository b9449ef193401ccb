using MlCgMd.Torch.Native;

namespace MlCgMd.Torch;

// Reductions (over all dimensions when no dim is given), sorting and selection.
public partial class Tensor
{
    private Tensor Reduce(ReduceOp op, long[]? dims, bool keepdim) =>
        new(Tensor.KeepAlive(NativeMethods.mlt_reduce((int)op, Handle, dims, dims?.Length ?? -1, keepdim ? 1 : 0), this));

    public Tensor sum() => Reduce(ReduceOp.Sum, null, false);
    public Tensor sum(long dim, bool keepdim = false) => Reduce(ReduceOp.Sum, [dim], keepdim);
    public Tensor sum(long[] dims, bool keepdim = false) => Reduce(ReduceOp.Sum, dims, keepdim);
    public Tensor mean() => Reduce(ReduceOp.Mean, null, false);
    public Tensor mean(long dim, bool keepdim = false) => Reduce(ReduceOp.Mean, [dim], keepdim);
    public Tensor mean(long[] dims, bool keepdim = false) => Reduce(ReduceOp.Mean, dims, keepdim);
    public Tensor prod() => Reduce(ReduceOp.Prod, null, false);
    public Tensor prod(long dim, bool keepdim = false) => Reduce(ReduceOp.Prod, [dim], keepdim);
    public Tensor amax(params long[] dims) => Reduce(ReduceOp.Amax, dims, false);
    public Tensor amin(params long[] dims) => Reduce(ReduceOp.Amin, dims, false);
    public Tensor all() => Reduce(ReduceOp.All, null, false);
    public Tensor all(long dim, bool keepdim = false) => Reduce(ReduceOp.All, [dim], keepdim);
    public Tensor any() => Reduce(ReduceOp.Any, null, false);
    public Tensor any(long dim, bool keepdim = false) => Reduce(ReduceOp.Any, [dim], keepdim);
    public Tensor logsumexp(long dim, bool keepdim = false) => Reduce(ReduceOp.LogSumExp, [dim], keepdim);
    public Tensor logsumexp(long[] dims, bool keepdim = false) => Reduce(ReduceOp.LogSumExp, dims, keepdim);

    /// <summary>Largest element of the whole tensor.</summary>
    public Tensor max() => Reduce(ReduceOp.Amax, null, false);
    /// <summary>Smallest element of the whole tensor.</summary>
    public Tensor min() => Reduce(ReduceOp.Amin, null, false);

    /// <summary>Values and indices of the maxima along <paramref name="dim"/>.</summary>
    public (Tensor values, Tensor indices) max(long dim, bool keepdim = false) => MaxMin(dim, keepdim, isMin: false);
    /// <summary>Values and indices of the minima along <paramref name="dim"/>.</summary>
    public (Tensor values, Tensor indices) min(long dim, bool keepdim = false) => MaxMin(dim, keepdim, isMin: true);

    private (Tensor, Tensor) MaxMin(long dim, bool keepdim, bool isMin)
    {
        var output = new IntPtr[2];
        NativeCheck.Status(Tensor.KeepAlive(NativeMethods.mlt_max_min_dim(Handle, dim, keepdim ? 1 : 0, isMin ? 1 : 0, output), this));
        return (new Tensor(output[0]), new Tensor(output[1]));
    }

    public Tensor argmax() => new(Tensor.KeepAlive(NativeMethods.mlt_arg_max_min(Handle, 0, 0, 0, 0), this));
    public Tensor argmax(long dim, bool keepdim = false) => new(Tensor.KeepAlive(NativeMethods.mlt_arg_max_min(Handle, dim, 1, keepdim ? 1 : 0, 0), this));
    public Tensor argmin() => new(Tensor.KeepAlive(NativeMethods.mlt_arg_max_min(Handle, 0, 0, 0, 1), this));
    public Tensor argmin(long dim, bool keepdim = false) => new(Tensor.KeepAlive(NativeMethods.mlt_arg_max_min(Handle, dim, 1, keepdim ? 1 : 0, 1), this));

    /// <summary>p-norm over all elements (p = 2: Euclidean).</summary>
    public Tensor norm(double p = 2) => new(Tensor.KeepAlive(NativeMethods.mlt_norm(Handle, p, null, -1, 0), this));
    public Tensor norm(long dim, bool keepdim = false, double p = 2) => new(Tensor.KeepAlive(NativeMethods.mlt_norm(Handle, p, [dim], 1, keepdim ? 1 : 0), this));
    public Tensor norm(long[] dims, bool keepdim = false, double p = 2) =>
        new(Tensor.KeepAlive(NativeMethods.mlt_norm(Handle, p, dims, dims.Length, keepdim ? 1 : 0), this));

    /// <summary>Variance; unbiased (divides by N-1) unless <paramref name="unbiased"/> is false.</summary>
    public Tensor var(bool unbiased = true) => new(Tensor.KeepAlive(NativeMethods.mlt_var_std(Handle, null, -1, unbiased ? 1 : 0, 0, 0), this));
    public Tensor var(long dim, bool unbiased = true, bool keepdim = false) =>
        new(Tensor.KeepAlive(NativeMethods.mlt_var_std(Handle, [dim], 1, unbiased ? 1 : 0, keepdim ? 1 : 0, 0), this));
    public Tensor std(bool unbiased = true) => new(Tensor.KeepAlive(NativeMethods.mlt_var_std(Handle, null, -1, unbiased ? 1 : 0, 0, 1), this));
    public Tensor std(long dim, bool unbiased = true, bool keepdim = false) =>
        new(Tensor.KeepAlive(NativeMethods.mlt_var_std(Handle, [dim], 1, unbiased ? 1 : 0, keepdim ? 1 : 0, 1), this));

    public Tensor cumsum(long dim) => new(Tensor.KeepAlive(NativeMethods.mlt_cumsum(Handle, dim), this));

    public (Tensor values, Tensor indices) sort(long dim = -1, bool descending = false, bool stable = false)
    {
        var output = new IntPtr[2];
        NativeCheck.Status(Tensor.KeepAlive(NativeMethods.mlt_sort(Handle, dim, descending ? 1 : 0, stable ? 1 : 0, output), this));
        return (new Tensor(output[0]), new Tensor(output[1]));
    }

    public Tensor argsort(long dim = -1, bool descending = false, bool stable = false)
    {
        var (values, indices) = sort(dim, descending, stable);
        values.Dispose();
        return indices;
    }

    public (Tensor values, Tensor indices) topk(long k, long dim = -1, bool largest = true, bool sorted = true)
    {
        var output = new IntPtr[2];
        NativeCheck.Status(Tensor.KeepAlive(NativeMethods.mlt_topk(Handle, k, dim, largest ? 1 : 0, sorted ? 1 : 0, output), this));
        return (new Tensor(output[0]), new Tensor(output[1]));
    }
}
