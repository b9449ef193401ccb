// Views and shape manipulation, joining and splitting.
#include "shim.h"

MLT_API TensorHandle mlt_view(TensorHandle a, const int64_t* shape, int n) { MLT_TENSOR(a->view(mlt::ints(shape, n))) }
MLT_API TensorHandle mlt_reshape(TensorHandle a, const int64_t* shape, int n) {
    MLT_TENSOR(a->reshape(mlt::ints(shape, n)))
}
MLT_API TensorHandle mlt_flatten(TensorHandle a, int64_t start, int64_t end) { MLT_TENSOR(a->flatten(start, end)) }
MLT_API TensorHandle mlt_permute(TensorHandle a, const int64_t* dims, int n) { MLT_TENSOR(a->permute(mlt::ints(dims, n))) }
MLT_API TensorHandle mlt_transpose(TensorHandle a, int64_t d0, int64_t d1) { MLT_TENSOR(a->transpose(d0, d1)) }
MLT_API TensorHandle mlt_unsqueeze(TensorHandle a, int64_t dim) { MLT_TENSOR(a->unsqueeze(dim)) }
MLT_API TensorHandle mlt_squeeze(TensorHandle a, int64_t dim, int has_dim) {
    MLT_TENSOR(has_dim ? a->squeeze(dim) : a->squeeze())
}
MLT_API TensorHandle mlt_expand(TensorHandle a, const int64_t* shape, int n) { MLT_TENSOR(a->expand(mlt::ints(shape, n))) }
MLT_API TensorHandle mlt_repeat(TensorHandle a, const int64_t* repeats, int n) {
    MLT_TENSOR(a->repeat(mlt::ints(repeats, n)))
}
// repeats: a tensor of per-element counts, or (when null) `count` for every element.
MLT_API TensorHandle mlt_repeat_interleave(TensorHandle a, TensorHandle repeats, int64_t count, int64_t dim,
                                           int has_dim) {
    MLT_GUARD(nullptr, {
        c10::optional<int64_t> d = has_dim ? c10::optional<int64_t>(dim) : c10::nullopt;
        if (repeats != nullptr) return mlt::wrap(at::repeat_interleave(*a, *repeats, d));
        return mlt::wrap(at::repeat_interleave(*a, count, d));
    })
}
MLT_API TensorHandle mlt_cat(const TensorHandle* list, int n, int64_t dim) { MLT_TENSOR(at::cat(mlt::tensors(list, n), dim)) }
MLT_API TensorHandle mlt_stack(const TensorHandle* list, int n, int64_t dim) {
    MLT_TENSOR(at::stack(mlt::tensors(list, n), dim))
}

// Splits into pieces; `out` must hold `capacity` handles. Returns the number of pieces.
MLT_API int mlt_split(TensorHandle a, const int64_t* sizes, int nsizes, int64_t split_size, int64_t dim,
                      TensorHandle* out, int capacity) {
    MLT_GUARD(-1, {
        std::vector<at::Tensor> parts = nsizes > 0 ? at::split_with_sizes(*a, mlt::ints(sizes, nsizes), dim)
                                                   : at::split(*a, split_size, dim);
        TORCH_CHECK(static_cast<int>(parts.size()) <= capacity, "split produced ", parts.size(),
                    " pieces but only ", capacity, " were expected");
        mlt::write_all(parts, out);
        return static_cast<int>(parts.size());
    })
}
MLT_API int mlt_chunk(TensorHandle a, int64_t chunks, int64_t dim, TensorHandle* out, int capacity) {
    MLT_GUARD(-1, {
        std::vector<at::Tensor> parts = at::chunk(*a, chunks, dim);
        TORCH_CHECK(static_cast<int>(parts.size()) <= capacity, "chunk produced too many pieces");
        mlt::write_all(parts, out);
        return static_cast<int>(parts.size());
    })
}
MLT_API TensorHandle mlt_narrow(TensorHandle a, int64_t dim, int64_t start, int64_t length) {
    MLT_TENSOR(a->narrow(dim, start, length))
}
MLT_API TensorHandle mlt_select(TensorHandle a, int64_t dim, int64_t index) { MLT_TENSOR(a->select(dim, index)) }
MLT_API TensorHandle mlt_slice(TensorHandle a, int64_t dim, int64_t start, int has_start, int64_t end, int has_end,
                               int64_t step) {
    MLT_GUARD(nullptr, {
        c10::optional<int64_t> s = has_start ? c10::optional<int64_t>(start) : c10::nullopt;
        c10::optional<int64_t> e = has_end ? c10::optional<int64_t>(end) : c10::nullopt;
        return mlt::wrap(a->slice(dim, s, e, step));
    })
}
MLT_API TensorHandle mlt_flip(TensorHandle a, const int64_t* dims, int n) { MLT_TENSOR(a->flip(mlt::ints(dims, n))) }
MLT_API TensorHandle mlt_roll(TensorHandle a, const int64_t* shifts, const int64_t* dims, int n) {
    MLT_TENSOR(a->roll(mlt::ints(shifts, n), mlt::ints(dims, n)))
}
MLT_API TensorHandle mlt_tril(TensorHandle a, int64_t diagonal) { MLT_TENSOR(a->tril(diagonal)) }
MLT_API TensorHandle mlt_triu(TensorHandle a, int64_t diagonal) { MLT_TENSOR(a->triu(diagonal)) }
