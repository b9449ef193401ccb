// Reductions over all or selected dimensions, sorting and selection.
// A dimension list with count < 0 means "reduce over every dimension".
#include "shim.h"

namespace {

enum ReduceOp : int { Sum = 0, Mean, Prod, Amax, Amin, All, Any, LogSumExp };

at::Tensor reduce(int op, const at::Tensor& a, const int64_t* dims, int ndims, bool keepdim) {
    bool everything = ndims < 0;
    std::vector<int64_t> all_dims;
    if (everything) {
        for (int64_t d = 0; d < a.dim(); ++d) all_dims.push_back(d);
    }
    at::IntArrayRef d = everything ? at::IntArrayRef(all_dims) : mlt::ints(dims, ndims);
    switch (op) {
        case Sum: return everything && !keepdim ? at::sum(a) : at::sum(a, d, keepdim);
        case Mean: return everything && !keepdim ? at::mean(a) : at::mean(a, d, keepdim);
        case Prod:
            if (everything && !keepdim) return at::prod(a);
            TORCH_CHECK(d.size() == 1, "prod reduces over one dimension at a time, got ", d.size());
            return at::prod(a, d[0], keepdim);
        case Amax: return at::amax(a, d, keepdim);
        case Amin: return at::amin(a, d, keepdim);
        case All:
            if (everything && !keepdim) return at::all(a);
            TORCH_CHECK(d.size() == 1, "all reduces over one dimension at a time, got ", d.size());
            return at::all(a, d[0], keepdim);
        case Any:
            if (everything && !keepdim) return at::any(a);
            TORCH_CHECK(d.size() == 1, "any reduces over one dimension at a time, got ", d.size());
            return at::any(a, d[0], keepdim);
        case LogSumExp: return at::logsumexp(a, d, keepdim);
    }
    throw std::invalid_argument("unknown reduction code " + std::to_string(op));
}

}  // namespace

MLT_API TensorHandle mlt_reduce(int op, TensorHandle a, const int64_t* dims, int ndims, int keepdim) {
    MLT_TENSOR(reduce(op, *a, dims, ndims, keepdim != 0))
}

MLT_API TensorHandle mlt_norm(TensorHandle a, double p, const int64_t* dims, int ndims, int keepdim) {
    MLT_GUARD(nullptr, {
        if (ndims < 0 && !keepdim) return mlt::wrap(at::norm(*a, p));
        std::vector<int64_t> all_dims;
        if (ndims < 0)
            for (int64_t d = 0; d < a->dim(); ++d) all_dims.push_back(d);
        at::IntArrayRef d = ndims < 0 ? at::IntArrayRef(all_dims) : mlt::ints(dims, ndims);
        return mlt::wrap(at::norm(*a, p, d, keepdim != 0));
    })
}

// Variance or standard deviation with Bessel-style correction (1 = unbiased, 0 = population).
MLT_API TensorHandle mlt_var_std(TensorHandle a, const int64_t* dims, int ndims, int64_t correction, int keepdim,
                                 int is_std) {
    MLT_GUARD(nullptr, {
        at::OptionalIntArrayRef d = ndims < 0 ? at::OptionalIntArrayRef() : at::OptionalIntArrayRef(mlt::ints(dims, ndims));
        c10::optional<int64_t> c = correction;
        return mlt::wrap(is_std ? at::std(*a, d, c, keepdim != 0) : at::var(*a, d, c, keepdim != 0));
    })
}

// max/min along a dimension: writes values and indices.
MLT_API int mlt_max_min_dim(TensorHandle a, int64_t dim, int keepdim, int is_min, TensorHandle* out) {
    MLT_STATUS({
        auto result = is_min ? at::min(*a, dim, keepdim != 0) : at::max(*a, dim, keepdim != 0);
        mlt::write_all({std::get<0>(result), std::get<1>(result)}, out);
    })
}

// argmax/argmin; has_dim = 0 flattens first (PyTorch semantics).
MLT_API TensorHandle mlt_arg_max_min(TensorHandle a, int64_t dim, int has_dim, int keepdim, int is_min) {
    MLT_GUARD(nullptr, {
        c10::optional<int64_t> d = has_dim ? c10::optional<int64_t>(dim) : c10::nullopt;
        return mlt::wrap(is_min ? at::argmin(*a, d, keepdim != 0) : at::argmax(*a, d, keepdim != 0));
    })
}

MLT_API TensorHandle mlt_cumsum(TensorHandle a, int64_t dim) { MLT_TENSOR(at::cumsum(*a, dim)) }

MLT_API int mlt_sort(TensorHandle a, int64_t dim, int descending, int stable, TensorHandle* out) {
    MLT_STATUS({
        auto result = at::sort(*a, c10::optional<bool>(stable != 0), dim, descending != 0);
        mlt::write_all({std::get<0>(result), std::get<1>(result)}, out);
    })
}

MLT_API int mlt_topk(TensorHandle a, int64_t k, int64_t dim, int largest, int sorted, TensorHandle* out) {
    MLT_STATUS({
        auto result = at::topk(*a, k, dim, largest != 0, sorted != 0);
        mlt::write_all({std::get<0>(result), std::get<1>(result)}, out);
    })
}
