// Factory functions: constant, range, random and from-data tensors.
#include "shim.h"

#include <cstring>

namespace {
// ATen's factories ignore TensorOptions::requires_grad (only torch:: factories honour it),
// so the flag is set on the finished leaf.
TensorHandle leaf(at::Tensor tensor, int requires_grad) {
    if (requires_grad != 0) tensor.requires_grad_(true);
    return mlt::wrap(std::move(tensor));
}
}  // namespace

#define MLT_LEAF(rg, ...) MLT_GUARD(nullptr, { return leaf(__VA_ARGS__, rg); })

MLT_API TensorHandle mlt_empty(const int64_t* shape, int ndim, int dtype, int dev, int idx, int rg) {
    MLT_LEAF(rg, at::empty(mlt::ints(shape, ndim), mlt::options(dtype, dev, idx)))
}
MLT_API TensorHandle mlt_zeros(const int64_t* shape, int ndim, int dtype, int dev, int idx, int rg) {
    MLT_LEAF(rg, at::zeros(mlt::ints(shape, ndim), mlt::options(dtype, dev, idx)))
}
MLT_API TensorHandle mlt_ones(const int64_t* shape, int ndim, int dtype, int dev, int idx, int rg) {
    MLT_LEAF(rg, at::ones(mlt::ints(shape, ndim), mlt::options(dtype, dev, idx)))
}
MLT_API TensorHandle mlt_full(const int64_t* shape, int ndim, double value, int dtype, int dev, int idx, int rg) {
    MLT_LEAF(rg, at::full(mlt::ints(shape, ndim), value, mlt::options(dtype, dev, idx)))
}
MLT_API TensorHandle mlt_scalar_tensor(double value, int dtype, int dev, int idx) {
    MLT_TENSOR(at::scalar_tensor(value, mlt::options(dtype, dev, idx)))
}
MLT_API TensorHandle mlt_arange(double start, double end, double step, int dtype, int dev, int idx, int rg) {
    MLT_LEAF(rg, at::arange(start, end, step, mlt::options(dtype, dev, idx)))
}
MLT_API TensorHandle mlt_linspace(double start, double end, int64_t steps, int dtype, int dev, int idx, int rg) {
    MLT_LEAF(rg, at::linspace(start, end, steps, mlt::options(dtype, dev, idx)))
}
MLT_API TensorHandle mlt_eye(int64_t n, int64_t m, int dtype, int dev, int idx, int rg) {
    MLT_LEAF(rg, at::eye(n, m, mlt::options(dtype, dev, idx)))
}
MLT_API TensorHandle mlt_randn(const int64_t* shape, int ndim, int dtype, int dev, int idx, int rg) {
    MLT_LEAF(rg, at::randn(mlt::ints(shape, ndim), mlt::options(dtype, dev, idx)))
}
MLT_API TensorHandle mlt_rand(const int64_t* shape, int ndim, int dtype, int dev, int idx, int rg) {
    MLT_LEAF(rg, at::rand(mlt::ints(shape, ndim), mlt::options(dtype, dev, idx)))
}
MLT_API TensorHandle mlt_randint(int64_t low, int64_t high, const int64_t* shape, int ndim, int dtype, int dev, int idx) {
    MLT_TENSOR(at::randint(low, high, mlt::ints(shape, ndim), mlt::options(dtype, dev, idx)))
}
MLT_API TensorHandle mlt_randperm(int64_t n, int dtype, int dev, int idx) {
    MLT_TENSOR(at::randperm(n, mlt::options(dtype, dev, idx)))
}

// Copies `numel` elements of `dtype` from `data` into a new CPU tensor of the given shape.
MLT_API TensorHandle mlt_from_data(const void* data, int64_t data_bytes, const int64_t* shape, int ndim, int dtype,
                                   int rg) {
    MLT_GUARD(nullptr, {
        at::Tensor result = at::empty(mlt::ints(shape, ndim), mlt::options(dtype, mlt::Cpu, -1));
        int64_t bytes = result.numel() * static_cast<int64_t>(result.element_size());
        TORCH_CHECK(bytes == data_bytes, "data holds ", data_bytes, " bytes but shape ", result.sizes(), " of ",
                    result.scalar_type(), " needs ", bytes);
        if (bytes > 0) std::memcpy(result.data_ptr(), data, static_cast<size_t>(bytes));
        if (rg != 0) result.requires_grad_(true);
        return mlt::wrap(result);
    })
}

// In-place initialisers (used by nn.init); they run without recording autograd history.
MLT_API int mlt_uniform_(TensorHandle t, double low, double high) {
    MLT_STATUS({ at::NoGradGuard guard; t->uniform_(low, high); })
}
MLT_API int mlt_normal_(TensorHandle t, double mean, double std) {
    MLT_STATUS({ at::NoGradGuard guard; t->normal_(mean, std); })
}
MLT_API int mlt_fill_(TensorHandle t, double value) { MLT_STATUS(t->fill_(value)) }
MLT_API int mlt_zero_(TensorHandle t) { MLT_STATUS(t->zero_()) }
MLT_API int mlt_copy_(TensorHandle destination, TensorHandle source) { MLT_STATUS(destination->copy_(*source)) }

// The *_like factories in one call (kind: 0 empty, 1 zeros, 2 ones, 3 full with `value`,
// 4 randn, 5 rand): same shape, dtype and device as `t`, without autograd history.
MLT_API TensorHandle mlt_like(int kind, TensorHandle t, double value) {
    MLT_GUARD(nullptr, {
        switch (kind) {
            case 0: return mlt::wrap(at::empty_like(*t));
            case 1: return mlt::wrap(at::zeros_like(*t));
            case 2: return mlt::wrap(at::ones_like(*t));
            case 3: return mlt::wrap(at::full_like(*t, value));
            case 4: return mlt::wrap(at::randn_like(*t));
            case 5: return mlt::wrap(at::rand_like(*t));
        }
        throw std::invalid_argument("unknown *_like kind " + std::to_string(kind));
    })
}
