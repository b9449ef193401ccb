// Linear algebra beyond the binary product codes, and neural-network functions.
#include "shim.h"

MLT_API TensorHandle mlt_addmm(TensorHandle input, TensorHandle m1, TensorHandle m2, double beta, double alpha) {
    MLT_TENSOR(at::addmm(*input, *m1, *m2, beta, alpha))
}
MLT_API TensorHandle mlt_linear(TensorHandle input, TensorHandle weight, TensorHandle bias) {
    MLT_TENSOR(at::linear(*input, *weight, mlt::optional(bias)))
}
MLT_API TensorHandle mlt_cdist(TensorHandle x1, TensorHandle x2, double p) { MLT_TENSOR(at::cdist(*x1, *x2, p)) }

MLT_API TensorHandle mlt_layer_norm(TensorHandle input, const int64_t* shape, int n, TensorHandle weight,
                                    TensorHandle bias, double eps) {
    MLT_TENSOR(at::layer_norm(*input, mlt::ints(shape, n), mlt::optional(weight), mlt::optional(bias), eps))
}
MLT_API TensorHandle mlt_embedding(TensorHandle weight, TensorHandle indices) { MLT_TENSOR(at::embedding(*weight, *indices)) }

// reduction: 0 = none, 1 = mean, 2 = sum (at::Reduction codes).
MLT_API TensorHandle mlt_mse_loss(TensorHandle input, TensorHandle target, int reduction) {
    MLT_TENSOR(at::mse_loss(*input, *target, reduction))
}
MLT_API TensorHandle mlt_dropout(TensorHandle input, double p, int train) { MLT_TENSOR(at::dropout(*input, p, train != 0)) }
