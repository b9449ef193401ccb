// Indexing with index tensors: select, gather/scatter, index_add/put, masks, unique.
#include "shim.h"

namespace {
// A list of optional index tensors (null handle = take the whole dimension, like `:`).
c10::List<c10::optional<at::Tensor>> index_list(const TensorHandle* handles, int n) {
    c10::List<c10::optional<at::Tensor>> list;
    list.reserve(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) list.push_back(mlt::optional(handles[i]));
    return list;
}
}  // namespace

MLT_API TensorHandle mlt_index_select(TensorHandle a, int64_t dim, TensorHandle index) {
    MLT_TENSOR(at::index_select(*a, dim, *index))
}
MLT_API TensorHandle mlt_gather(TensorHandle a, int64_t dim, TensorHandle index) { MLT_TENSOR(at::gather(*a, dim, *index)) }

MLT_API TensorHandle mlt_scatter(TensorHandle a, int64_t dim, TensorHandle index, TensorHandle src) {
    MLT_TENSOR(at::scatter(*a, dim, *index, *src))
}
MLT_API TensorHandle mlt_scatter_value(TensorHandle a, int64_t dim, TensorHandle index, double value) {
    MLT_TENSOR(at::scatter(*a, dim, *index, value))
}
MLT_API TensorHandle mlt_scatter_add(TensorHandle a, int64_t dim, TensorHandle index, TensorHandle src) {
    MLT_TENSOR(at::scatter_add(*a, dim, *index, *src))
}
MLT_API int mlt_scatter_add_(TensorHandle a, int64_t dim, TensorHandle index, TensorHandle src) {
    MLT_STATUS(a->scatter_add_(dim, *index, *src))
}
MLT_API TensorHandle mlt_index_add(TensorHandle a, int64_t dim, TensorHandle index, TensorHandle source, double alpha) {
    MLT_TENSOR(at::index_add(*a, dim, *index, *source, alpha))
}
MLT_API int mlt_index_add_(TensorHandle a, int64_t dim, TensorHandle index, TensorHandle source, double alpha) {
    MLT_STATUS(a->index_add_(dim, *index, *source, alpha))
}

// a[indices] (advanced indexing).
MLT_API TensorHandle mlt_index(TensorHandle a, const TensorHandle* indices, int n) {
    MLT_TENSOR(at::index(*a, index_list(indices, n)))
}
MLT_API TensorHandle mlt_index_put(TensorHandle a, const TensorHandle* indices, int n, TensorHandle values,
                                   int accumulate) {
    MLT_TENSOR(at::index_put(*a, index_list(indices, n), *values, accumulate != 0))
}
MLT_API int mlt_index_put_(TensorHandle a, const TensorHandle* indices, int n, TensorHandle values, int accumulate) {
    MLT_STATUS(a->index_put_(index_list(indices, n), *values, accumulate != 0))
}

MLT_API TensorHandle mlt_masked_fill(TensorHandle a, TensorHandle mask, double value) {
    MLT_TENSOR(at::masked_fill(*a, *mask, value))
}
MLT_API TensorHandle mlt_masked_fill_tensor(TensorHandle a, TensorHandle mask, TensorHandle value) {
    MLT_TENSOR(at::masked_fill(*a, *mask, *value))
}
MLT_API int mlt_masked_fill_(TensorHandle a, TensorHandle mask, double value) { MLT_STATUS(a->masked_fill_(*mask, value)) }
MLT_API TensorHandle mlt_masked_select(TensorHandle a, TensorHandle mask) { MLT_TENSOR(at::masked_select(*a, *mask)) }
MLT_API TensorHandle mlt_nonzero(TensorHandle a) { MLT_TENSOR(at::nonzero(*a)) }

// unique: writes [values, inverse, counts]; inverse/counts are null unless requested.
MLT_API int mlt_unique(TensorHandle a, int sorted, int return_inverse, int return_counts, int64_t dim, int has_dim,
                       TensorHandle* out) {
    MLT_STATUS({
        std::tuple<at::Tensor, at::Tensor, at::Tensor> result =
            has_dim ? at::unique_dim(*a, dim, sorted != 0, return_inverse != 0, return_counts != 0)
                    : at::_unique2(*a, sorted != 0, return_inverse != 0, return_counts != 0);
        out[0] = mlt::wrap(std::get<0>(result));
        out[1] = return_inverse ? mlt::wrap(std::get<1>(result)) : nullptr;
        out[2] = return_counts ? mlt::wrap(std::get<2>(result)) : nullptr;
    })
}

MLT_API TensorHandle mlt_one_hot(TensorHandle a, int64_t num_classes) { MLT_TENSOR(at::one_hot(*a, num_classes)) }
MLT_API TensorHandle mlt_bincount(TensorHandle a, TensorHandle weights, int64_t minlength) {
    MLT_TENSOR(at::bincount(*a, mlt::optional(weights), minlength))
}
MLT_API TensorHandle mlt_searchsorted(TensorHandle sorted_sequence, TensorHandle values, int right) {
    MLT_TENSOR(at::searchsorted(*sorted_sequence, *values, false, right != 0))
}

// Python-style indexing a[i, 1:3, ..., None, idx] through libtorch's TensorIndex API.
// kinds: 0 None, 1 Ellipsis, 2 integer (starts), 3 slice (starts/stops/steps; flags bit 0 =
// has start, bit 1 = has stop), 4 tensor, 5 boolean (starts != 0).
namespace {
std::vector<at::indexing::TensorIndex> python_indices(const int* kinds, const int64_t* starts, const int64_t* stops,
                                                      const int64_t* steps, const int* flags,
                                                      const TensorHandle* tensors, int n) {
    using namespace at::indexing;
    std::vector<TensorIndex> result;
    result.reserve(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) {
        switch (kinds[i]) {
            case 0: result.emplace_back(None); break;
            case 1: result.emplace_back(Ellipsis); break;
            case 2: result.emplace_back(starts[i]); break;
            case 3: {
                c10::optional<int64_t> start = (flags[i] & 1) ? c10::optional<int64_t>(starts[i]) : c10::nullopt;
                c10::optional<int64_t> stop = (flags[i] & 2) ? c10::optional<int64_t>(stops[i]) : c10::nullopt;
                result.emplace_back(Slice(start, stop, steps[i]));
                break;
            }
            case 4:
                TORCH_CHECK(tensors[i] != nullptr, "index ", i, " is a null tensor");
                result.emplace_back(*tensors[i]);
                break;
            case 5: result.emplace_back(starts[i] != 0); break;
            default: throw std::invalid_argument("unknown index kind " + std::to_string(kinds[i]));
        }
    }
    return result;
}
}  // namespace

MLT_API TensorHandle mlt_index_basic(TensorHandle a, const int* kinds, const int64_t* starts, const int64_t* stops,
                                     const int64_t* steps, const int* flags, const TensorHandle* tensors, int n) {
    MLT_TENSOR(a->index(python_indices(kinds, starts, stops, steps, flags, tensors, n)))
}

MLT_API int mlt_index_assign_(TensorHandle a, const int* kinds, const int64_t* starts, const int64_t* stops,
                              const int64_t* steps, const int* flags, const TensorHandle* tensors, int n,
                              TensorHandle value) {
    MLT_STATUS(a->index_put_(python_indices(kinds, starts, stops, steps, flags, tensors, n), *value))
}
