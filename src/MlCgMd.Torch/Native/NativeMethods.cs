using System.Runtime.InteropServices;

namespace MlCgMd.Torch.Native;

/// <summary>
/// Entry points of the native shim (native/*.cpp). Tensors are opaque handles
/// (<c>at::Tensor*</c>). Functions returning a handle return <see cref="IntPtr.Zero"/>
/// on failure and functions returning a status return -1; the message is then in
/// <see cref="mlt_last_error"/>. Callers go through <see cref="NativeCheck"/>.
/// </summary>
internal static class NativeMethods
{
    private const string Lib = "mlcgmd_torch";

    // error.cpp
    [DllImport(Lib)] internal static extern IntPtr mlt_last_error();
    [DllImport(Lib)] internal static extern void mlt_free(IntPtr t);
    [DllImport(Lib)] internal static extern long mlt_live_tensors();
    [DllImport(Lib)] internal static extern void mlt_free_string(IntPtr s);

    // tensor_info.cpp
    [DllImport(Lib)] internal static extern int mlt_dim(IntPtr t);
    [DllImport(Lib)] internal static extern unsafe int mlt_shape(IntPtr t, long* shape);
    [DllImport(Lib)] internal static extern int mlt_dtype(IntPtr t);
    [DllImport(Lib)] internal static extern int mlt_device_type(IntPtr t);
    [DllImport(Lib)] internal static extern int mlt_device_index(IntPtr t);
    [DllImport(Lib)] internal static extern long mlt_numel(IntPtr t);
    [DllImport(Lib)] internal static extern int mlt_requires_grad(IntPtr t);
    [DllImport(Lib)] internal static extern int mlt_is_leaf(IntPtr t);
    [DllImport(Lib)] internal static extern int mlt_is_contiguous(IntPtr t);
    [DllImport(Lib)] internal static extern int mlt_set_requires_grad(IntPtr t, int value);
    [DllImport(Lib)] internal static extern double mlt_item_double(IntPtr t);
    [DllImport(Lib)] internal static extern long mlt_item_int64(IntPtr t);
    [DllImport(Lib)] internal static extern unsafe int mlt_copy_to(IntPtr t, void* destination, long capacity, int dtype);
    [DllImport(Lib)] internal static extern IntPtr mlt_to_string(IntPtr t);
    [DllImport(Lib)] internal static extern IntPtr mlt_alias(IntPtr t);
    [DllImport(Lib)] internal static extern IntPtr mlt_to(IntPtr t, int dtype, int deviceType, int deviceIndex, int copy);
    [DllImport(Lib)] internal static extern IntPtr mlt_clone(IntPtr t);
    [DllImport(Lib)] internal static extern IntPtr mlt_detach(IntPtr t);
    [DllImport(Lib)] internal static extern IntPtr mlt_contiguous(IntPtr t);

    // tensor_create.cpp
    [DllImport(Lib)] internal static extern IntPtr mlt_empty(long[] shape, int ndim, int dtype, int dev, int idx, int rg);
    [DllImport(Lib)] internal static extern IntPtr mlt_zeros(long[] shape, int ndim, int dtype, int dev, int idx, int rg);
    [DllImport(Lib)] internal static extern IntPtr mlt_ones(long[] shape, int ndim, int dtype, int dev, int idx, int rg);
    [DllImport(Lib)] internal static extern IntPtr mlt_full(long[] shape, int ndim, double value, int dtype, int dev, int idx, int rg);
    [DllImport(Lib)] internal static extern IntPtr mlt_scalar_tensor(double value, int dtype, int dev, int idx);
    [DllImport(Lib)] internal static extern IntPtr mlt_arange(double start, double end, double step, int dtype, int dev, int idx, int rg);
    [DllImport(Lib)] internal static extern IntPtr mlt_linspace(double start, double end, long steps, int dtype, int dev, int idx, int rg);
    [DllImport(Lib)] internal static extern IntPtr mlt_eye(long n, long m, int dtype, int dev, int idx, int rg);
    [DllImport(Lib)] internal static extern IntPtr mlt_randn(long[] shape, int ndim, int dtype, int dev, int idx, int rg);
    [DllImport(Lib)] internal static extern IntPtr mlt_rand(long[] shape, int ndim, int dtype, int dev, int idx, int rg);
    [DllImport(Lib)] internal static extern IntPtr mlt_randint(long low, long high, long[] shape, int ndim, int dtype, int dev, int idx);
    [DllImport(Lib)] internal static extern IntPtr mlt_randperm(long n, int dtype, int dev, int idx);
    [DllImport(Lib)] internal static extern IntPtr mlt_like(int kind, IntPtr t, double value);
    [DllImport(Lib)] internal static extern unsafe IntPtr mlt_from_data(void* data, long bytes, long[] shape, int ndim, int dtype, int rg);
    [DllImport(Lib)] internal static extern int mlt_uniform_(IntPtr t, double low, double high);
    [DllImport(Lib)] internal static extern int mlt_normal_(IntPtr t, double mean, double std);
    [DllImport(Lib)] internal static extern int mlt_fill_(IntPtr t, double value);
    [DllImport(Lib)] internal static extern int mlt_zero_(IntPtr t);
    [DllImport(Lib)] internal static extern int mlt_copy_(IntPtr destination, IntPtr source);

    // tensor_elementwise.cpp
    [DllImport(Lib)] internal static extern IntPtr mlt_binary(int op, IntPtr a, IntPtr b);
    [DllImport(Lib)] internal static extern IntPtr mlt_binary_scalar(int op, IntPtr a, double value, int isInteger, int reverse);
    [DllImport(Lib)] internal static extern int mlt_binary_(int op, IntPtr a, IntPtr b);
    [DllImport(Lib)] internal static extern int mlt_binary_scalar_(int op, IntPtr a, double value, int isInteger);
    [DllImport(Lib)] internal static extern IntPtr mlt_add_scaled(IntPtr a, IntPtr b, double alpha);
    [DllImport(Lib)] internal static extern int mlt_add_scaled_(IntPtr a, IntPtr b, double alpha);
    [DllImport(Lib)] internal static extern IntPtr mlt_unary(int op, IntPtr a);
    [DllImport(Lib)] internal static extern int mlt_unary_(int op, IntPtr a);
    [DllImport(Lib)] internal static extern IntPtr mlt_softplus(IntPtr a, double beta, double threshold);
    [DllImport(Lib)] internal static extern IntPtr mlt_leaky_relu(IntPtr a, double slope);
    [DllImport(Lib)] internal static extern IntPtr mlt_clamp(IntPtr a, double min, int hasMin, double max, int hasMax);
    [DllImport(Lib)] internal static extern int mlt_clamp_(IntPtr a, double min, int hasMin, double max, int hasMax);
    [DllImport(Lib)] internal static extern IntPtr mlt_where(IntPtr condition, IntPtr a, IntPtr b);
    [DllImport(Lib)] internal static extern IntPtr mlt_softmax(IntPtr a, long dim);
    [DllImport(Lib)] internal static extern IntPtr mlt_log_softmax(IntPtr a, long dim);

    // tensor_reduce.cpp
    [DllImport(Lib)] internal static extern IntPtr mlt_reduce(int op, IntPtr a, long[]? dims, int ndims, int keepdim);
    [DllImport(Lib)] internal static extern IntPtr mlt_norm(IntPtr a, double p, long[]? dims, int ndims, int keepdim);
    [DllImport(Lib)] internal static extern IntPtr mlt_var_std(IntPtr a, long[]? dims, int ndims, long correction, int keepdim, int isStd);
    [DllImport(Lib)] internal static extern int mlt_max_min_dim(IntPtr a, long dim, int keepdim, int isMin, IntPtr[] output);
    [DllImport(Lib)] internal static extern IntPtr mlt_arg_max_min(IntPtr a, long dim, int hasDim, int keepdim, int isMin);
    [DllImport(Lib)] internal static extern IntPtr mlt_cumsum(IntPtr a, long dim);
    [DllImport(Lib)] internal static extern int mlt_sort(IntPtr a, long dim, int descending, int stable, IntPtr[] output);
    [DllImport(Lib)] internal static extern int mlt_topk(IntPtr a, long k, long dim, int largest, int sorted, IntPtr[] output);

    // tensor_shape.cpp
    [DllImport(Lib)] internal static extern IntPtr mlt_view(IntPtr a, long[] shape, int n);
    [DllImport(Lib)] internal static extern IntPtr mlt_reshape(IntPtr a, long[] shape, int n);
    [DllImport(Lib)] internal static extern IntPtr mlt_flatten(IntPtr a, long start, long end);
    [DllImport(Lib)] internal static extern IntPtr mlt_permute(IntPtr a, long[] dims, int n);
    [DllImport(Lib)] internal static extern IntPtr mlt_transpose(IntPtr a, long d0, long d1);
    [DllImport(Lib)] internal static extern IntPtr mlt_unsqueeze(IntPtr a, long dim);
    [DllImport(Lib)] internal static extern IntPtr mlt_squeeze(IntPtr a, long dim, int hasDim);
    [DllImport(Lib)] internal static extern IntPtr mlt_expand(IntPtr a, long[] shape, int n);
    [DllImport(Lib)] internal static extern IntPtr mlt_repeat(IntPtr a, long[] repeats, int n);
    [DllImport(Lib)] internal static extern IntPtr mlt_repeat_interleave(IntPtr a, IntPtr repeats, long count, long dim, int hasDim);
    [DllImport(Lib)] internal static extern IntPtr mlt_cat(IntPtr[] list, int n, long dim);
    [DllImport(Lib)] internal static extern IntPtr mlt_stack(IntPtr[] list, int n, long dim);
    [DllImport(Lib)] internal static extern int mlt_split(IntPtr a, long[]? sizes, int nsizes, long splitSize, long dim, IntPtr[] output, int capacity);
    [DllImport(Lib)] internal static extern int mlt_chunk(IntPtr a, long chunks, long dim, IntPtr[] output, int capacity);
    [DllImport(Lib)] internal static extern IntPtr mlt_narrow(IntPtr a, long dim, long start, long length);
    [DllImport(Lib)] internal static extern IntPtr mlt_select(IntPtr a, long dim, long index);
    [DllImport(Lib)] internal static extern IntPtr mlt_slice(IntPtr a, long dim, long start, int hasStart, long end, int hasEnd, long step);
    [DllImport(Lib)] internal static extern IntPtr mlt_flip(IntPtr a, long[] dims, int n);
    [DllImport(Lib)] internal static extern IntPtr mlt_roll(IntPtr a, long[] shifts, long[] dims, int n);
    [DllImport(Lib)] internal static extern IntPtr mlt_tril(IntPtr a, long diagonal);
    [DllImport(Lib)] internal static extern IntPtr mlt_triu(IntPtr a, long diagonal);

    // tensor_index.cpp
    [DllImport(Lib)] internal static extern IntPtr mlt_index_select(IntPtr a, long dim, IntPtr index);
    [DllImport(Lib)] internal static extern IntPtr mlt_gather(IntPtr a, long dim, IntPtr index);
    [DllImport(Lib)] internal static extern IntPtr mlt_scatter(IntPtr a, long dim, IntPtr index, IntPtr src);
    [DllImport(Lib)] internal static extern IntPtr mlt_scatter_value(IntPtr a, long dim, IntPtr index, double value);
    [DllImport(Lib)] internal static extern IntPtr mlt_scatter_add(IntPtr a, long dim, IntPtr index, IntPtr src);
    [DllImport(Lib)] internal static extern int mlt_scatter_add_(IntPtr a, long dim, IntPtr index, IntPtr src);
    [DllImport(Lib)] internal static extern IntPtr mlt_index_add(IntPtr a, long dim, IntPtr index, IntPtr source, double alpha);
    [DllImport(Lib)] internal static extern int mlt_index_add_(IntPtr a, long dim, IntPtr index, IntPtr source, double alpha);
    [DllImport(Lib)] internal static extern IntPtr mlt_index(IntPtr a, IntPtr[] indices, int n);
    [DllImport(Lib)] internal static extern IntPtr mlt_index_put(IntPtr a, IntPtr[] indices, int n, IntPtr values, int accumulate);
    [DllImport(Lib)] internal static extern int mlt_index_put_(IntPtr a, IntPtr[] indices, int n, IntPtr values, int accumulate);
    [DllImport(Lib)] internal static extern IntPtr mlt_masked_fill(IntPtr a, IntPtr mask, double value);
    [DllImport(Lib)] internal static extern IntPtr mlt_masked_fill_tensor(IntPtr a, IntPtr mask, IntPtr value);
    [DllImport(Lib)] internal static extern int mlt_masked_fill_(IntPtr a, IntPtr mask, double value);
    [DllImport(Lib)] internal static extern IntPtr mlt_masked_select(IntPtr a, IntPtr mask);
    [DllImport(Lib)] internal static extern IntPtr mlt_nonzero(IntPtr a);
    [DllImport(Lib)] internal static extern int mlt_unique(IntPtr a, int sorted, int returnInverse, int returnCounts, long dim, int hasDim, IntPtr[] output);
    [DllImport(Lib)] internal static extern IntPtr mlt_one_hot(IntPtr a, long numClasses);
    [DllImport(Lib)] internal static extern IntPtr mlt_bincount(IntPtr a, IntPtr weights, long minlength);
    [DllImport(Lib)] internal static extern IntPtr mlt_searchsorted(IntPtr sortedSequence, IntPtr values, int right);
    [DllImport(Lib)] internal static extern IntPtr mlt_index_basic(IntPtr a, int[] kinds, long[] starts, long[] stops, long[] steps, int[] flags, IntPtr[] tensors, int n);
    [DllImport(Lib)] internal static extern int mlt_index_assign_(IntPtr a, int[] kinds, long[] starts, long[] stops, long[] steps, int[] flags, IntPtr[] tensors, int n, IntPtr value);

    // linalg_nn.cpp
    [DllImport(Lib)] internal static extern IntPtr mlt_addmm(IntPtr input, IntPtr m1, IntPtr m2, double beta, double alpha);
    [DllImport(Lib)] internal static extern IntPtr mlt_linear(IntPtr input, IntPtr weight, IntPtr bias);
    [DllImport(Lib)] internal static extern IntPtr mlt_cdist(IntPtr x1, IntPtr x2, double p);
    [DllImport(Lib)] internal static extern IntPtr mlt_layer_norm(IntPtr input, long[] shape, int n, IntPtr weight, IntPtr bias, double eps);
    [DllImport(Lib)] internal static extern IntPtr mlt_embedding(IntPtr weight, IntPtr indices);
    [DllImport(Lib)] internal static extern IntPtr mlt_mse_loss(IntPtr input, IntPtr target, int reduction);
    [DllImport(Lib)] internal static extern IntPtr mlt_dropout(IntPtr input, double p, int train);

    // autograd.cpp
    [DllImport(Lib)] internal static extern int mlt_backward(IntPtr t, IntPtr gradient, int retainGraph, int createGraph);
    [DllImport(Lib)] internal static extern IntPtr mlt_grad(IntPtr t);
    [DllImport(Lib)] internal static extern int mlt_set_grad(IntPtr t, IntPtr gradient);
    [DllImport(Lib)] internal static extern int mlt_retain_grad(IntPtr t);
    [DllImport(Lib)] internal static extern int mlt_autograd_grad(IntPtr[] outputs, int nOutputs, IntPtr[] inputs, int nInputs, IntPtr[] gradOutputs, int nGradOutputs, int retainGraph, int createGraph, int allowUnused, IntPtr[] output);
    [DllImport(Lib)] internal static extern int mlt_is_grad_enabled();
    [DllImport(Lib)] internal static extern void mlt_set_grad_enabled(int enabled);

    // optim.cpp
    [DllImport(Lib)] internal static extern int mlt_adam_step(IntPtr param, IntPtr grad, IntPtr expAvg, IntPtr expAvgSq, long step, double lr, double beta1, double beta2, double eps, double weightDecay, int decoupled);
    [DllImport(Lib)] internal static extern int mlt_sgd_step(IntPtr param, IntPtr grad, IntPtr momentumBuffer, int firstStep, double lr, double momentum, double dampening, double weightDecay, int nesterov);
    [DllImport(Lib)] internal static extern double mlt_clip_grad_norm(IntPtr[] grads, int n, double maxNorm, double normType);

    // runtime.cpp
    [DllImport(Lib)] internal static extern int mlt_manual_seed(ulong seed);
    [DllImport(Lib)] internal static extern int mlt_cuda_is_available();
    [DllImport(Lib)] internal static extern int mlt_cuda_device_count();
    [DllImport(Lib)] internal static extern int mlt_cuda_synchronize();
    [DllImport(Lib)] internal static extern IntPtr mlt_version();

    // threads.cpp
    [DllImport(Lib)] internal static extern int mlt_set_num_threads(int n);
    [DllImport(Lib)] internal static extern int mlt_get_num_threads();
    [DllImport(Lib)] internal static extern int mlt_set_num_interop_threads(int n);
    [DllImport(Lib)] internal static extern int mlt_get_num_interop_threads();
    [DllImport(Lib)] internal static extern int mlt_blas_num_threads();
    [DllImport(Lib)] internal static extern IntPtr mlt_blas_name();
    [DllImport(Lib)] internal static extern IntPtr mlt_parallel_info();

    // distributed.cpp (stores and groups are opaque handles released with their _free)
    [DllImport(Lib)] internal static extern IntPtr mlt_dist_tcp_store([MarshalAs(UnmanagedType.LPUTF8Str)] string host, int port, int worldSize, int isMaster, long timeoutMs);
    [DllImport(Lib)] internal static extern IntPtr mlt_dist_file_store([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int worldSize);
    [DllImport(Lib)] internal static extern void mlt_dist_store_free(IntPtr store);
    [DllImport(Lib)] internal static extern int mlt_dist_has_backend([MarshalAs(UnmanagedType.LPUTF8Str)] string backend);
    [DllImport(Lib)] internal static extern IntPtr mlt_dist_new_group([MarshalAs(UnmanagedType.LPUTF8Str)] string backend, IntPtr store, int rank, int worldSize, long timeoutMs, [MarshalAs(UnmanagedType.LPUTF8Str)] string? glooHostname);
    [DllImport(Lib)] internal static extern void mlt_dist_group_free(IntPtr group);
    [DllImport(Lib)] internal static extern int mlt_dist_all_reduce(IntPtr group, IntPtr tensor, int op);
    [DllImport(Lib)] internal static extern int mlt_dist_broadcast(IntPtr group, IntPtr tensor, int src);
    [DllImport(Lib)] internal static extern int mlt_dist_barrier(IntPtr group);
}
