// Element-wise arithmetic, comparisons, logic and activations.
// Binary and unary operations are selected by an operation code (BinaryOp/UnaryOp in C#)
// so one entry point serves a whole family with libtorch's own broadcasting and
// type-promotion rules.
#include "shim.h"

#include <cmath>

namespace {

enum BinaryOp : int {
    Add = 0, Sub, Mul, Div, Pow, Remainder, Maximum, Minimum,
    Eq, Ne, Lt, Le, Gt, Ge,
    LogicalAnd, LogicalOr, LogicalXor,
    Atan2, FloorDivide, Fmod,
    Matmul, Mm, Bmm, Outer, Dot
};

enum UnaryOp : int {
    Neg = 0, Abs, Exp, Log, Log1p, Sqrt, Rsqrt, Floor, Ceil, Round, Trunc,
    Relu, Silu, Sigmoid, Tanh, Sin, Cos, Sign, LogicalNot, IsNan, IsFinite, IsInf,
    Square, Reciprocal, Expm1, Erf, Gelu
};

at::Tensor binary(int op, const at::Tensor& a, const at::Tensor& b) {
    switch (op) {
        case Add: return at::add(a, b);
        case Sub: return at::sub(a, b);
        case Mul: return at::mul(a, b);
        case Div: return at::div(a, b);
        case Pow: return at::pow(a, b);
        case Remainder: return at::remainder(a, b);
        case Maximum: return at::maximum(a, b);
        case Minimum: return at::minimum(a, b);
        case Eq: return at::eq(a, b);
        case Ne: return at::ne(a, b);
        case Lt: return at::lt(a, b);
        case Le: return at::le(a, b);
        case Gt: return at::gt(a, b);
        case Ge: return at::ge(a, b);
        case LogicalAnd: return at::logical_and(a, b);
        case LogicalOr: return at::logical_or(a, b);
        case LogicalXor: return at::logical_xor(a, b);
        case Atan2: return at::atan2(a, b);
        case FloorDivide: return at::div(a, b, "floor");
        case Fmod: return at::fmod(a, b);
        case Matmul: return at::matmul(a, b);
        case Mm: return at::mm(a, b);
        case Bmm: return at::bmm(a, b);
        case Outer: return at::outer(a, b);
        case Dot: return at::dot(a, b);
    }
    throw std::invalid_argument("unknown binary operation code " + std::to_string(op));
}

void binary_inplace(int op, at::Tensor& a, const at::Tensor& b) {
    switch (op) {
        case Add: a.add_(b); return;
        case Sub: a.sub_(b); return;
        case Mul: a.mul_(b); return;
        case Div: a.div_(b); return;
        case Pow: a.pow_(b); return;
        case Remainder: a.remainder_(b); return;
        case Atan2: a.atan2_(b); return;
        case FloorDivide: a.div_(b, "floor"); return;
        case Fmod: a.fmod_(b); return;
        case LogicalAnd: a.logical_and_(b); return;
        case LogicalOr: a.logical_or_(b); return;
        case LogicalXor: a.logical_xor_(b); return;
    }
    throw std::invalid_argument("binary operation code " + std::to_string(op) + " has no in-place form");
}

at::Tensor unary(int op, const at::Tensor& a) {
    switch (op) {
        case Neg: return at::neg(a);
        case Abs: return at::abs(a);
        case Exp: return at::exp(a);
        case Log: return at::log(a);
        case Log1p: return at::log1p(a);
        case Sqrt: return at::sqrt(a);
        case Rsqrt: return at::rsqrt(a);
        case Floor: return at::floor(a);
        case Ceil: return at::ceil(a);
        case Round: return at::round(a);
        case Trunc: return at::trunc(a);
        case Relu: return at::relu(a);
        case Silu: return at::silu(a);
        case Sigmoid: return at::sigmoid(a);
        case Tanh: return at::tanh(a);
        case Sin: return at::sin(a);
        case Cos: return at::cos(a);
        case Sign: return at::sign(a);
        case LogicalNot: return at::logical_not(a);
        case IsNan: return at::isnan(a);
        case IsFinite: return at::isfinite(a);
        case IsInf: return at::isinf(a);
        case Square: return at::square(a);
        case Reciprocal: return at::reciprocal(a);
        case Expm1: return at::expm1(a);
        case Erf: return at::erf(a);
        case Gelu: return at::gelu(a);
    }
    throw std::invalid_argument("unknown unary operation code " + std::to_string(op));
}

void unary_inplace(int op, at::Tensor& a) {
    switch (op) {
        case Neg: a.neg_(); return;
        case Abs: a.abs_(); return;
        case Exp: a.exp_(); return;
        case Log: a.log_(); return;
        case Log1p: a.log1p_(); return;
        case Sqrt: a.sqrt_(); return;
        case Rsqrt: a.rsqrt_(); return;
        case Floor: a.floor_(); return;
        case Ceil: a.ceil_(); return;
        case Round: a.round_(); return;
        case Trunc: a.trunc_(); return;
        case Relu: a.relu_(); return;
        case Sigmoid: a.sigmoid_(); return;
        case Tanh: a.tanh_(); return;
        case Sin: a.sin_(); return;
        case Cos: a.cos_(); return;
        case Sign: a.sign_(); return;
        case Square: a.square_(); return;
        case Reciprocal: a.reciprocal_(); return;
        case Expm1: a.expm1_(); return;
        case Erf: a.erf_(); return;
    }
    throw std::invalid_argument("unary operation code " + std::to_string(op) + " has no in-place form");
}

// A Python-number-like scalar: takes part in type promotion as a scalar, not a tensor
// (so int64 tensor * 2.5 -> float32, float32 tensor + 1 -> float32).
at::Tensor wrapped_scalar(double value, int is_integer) {
    at::Tensor t = is_integer ? at::scalar_tensor(static_cast<int64_t>(value), at::kLong)
                              : at::scalar_tensor(value, at::kDouble);
    t.unsafeGetTensorImpl()->set_wrapped_number(true);
    return t;
}

}  // namespace

MLT_API TensorHandle mlt_binary(int op, TensorHandle a, TensorHandle b) { MLT_TENSOR(binary(op, *a, *b)) }

// tensor (op) scalar, or scalar (op) tensor when `reverse` is set.
MLT_API TensorHandle mlt_binary_scalar(int op, TensorHandle a, double value, int is_integer, int reverse) {
    MLT_GUARD(nullptr, {
        at::Tensor s = wrapped_scalar(value, is_integer);
        return mlt::wrap(reverse ? binary(op, s, *a) : binary(op, *a, s));
    })
}

MLT_API int mlt_binary_(int op, TensorHandle a, TensorHandle b) { MLT_STATUS(binary_inplace(op, *a, *b)) }

MLT_API int mlt_binary_scalar_(int op, TensorHandle a, double value, int is_integer) {
    MLT_STATUS(binary_inplace(op, *a, wrapped_scalar(value, is_integer)))
}

MLT_API TensorHandle mlt_add_scaled(TensorHandle a, TensorHandle b, double alpha) { MLT_TENSOR(at::add(*a, *b, alpha)) }
MLT_API int mlt_add_scaled_(TensorHandle a, TensorHandle b, double alpha) { MLT_STATUS(a->add_(*b, alpha)) }

MLT_API TensorHandle mlt_unary(int op, TensorHandle a) { MLT_TENSOR(unary(op, *a)) }
MLT_API int mlt_unary_(int op, TensorHandle a) { MLT_STATUS(unary_inplace(op, *a)) }

MLT_API TensorHandle mlt_softplus(TensorHandle a, double beta, double threshold) {
    MLT_TENSOR(at::softplus(*a, beta, threshold))
}
MLT_API TensorHandle mlt_leaky_relu(TensorHandle a, double slope) { MLT_TENSOR(at::leaky_relu(*a, slope)) }

// A clamp bound as Python would pass it: a whole bound on an integer tensor is an int (so
// the result stays integer), anything else a float.
static c10::optional<at::Scalar> clamp_bound(const at::Tensor& a, double value, int present) {
    if (!present) return c10::nullopt;
    if (!at::isFloatingType(a.scalar_type()) && std::floor(value) == value)
        return at::Scalar(static_cast<int64_t>(value));
    return at::Scalar(value);
}

MLT_API TensorHandle mlt_clamp(TensorHandle a, double min, int has_min, double max, int has_max) {
    MLT_TENSOR(at::clamp(*a, clamp_bound(*a, min, has_min), clamp_bound(*a, max, has_max)))
}
MLT_API int mlt_clamp_(TensorHandle a, double min, int has_min, double max, int has_max) {
    MLT_STATUS(a->clamp_(clamp_bound(*a, min, has_min), clamp_bound(*a, max, has_max)))
}

MLT_API TensorHandle mlt_where(TensorHandle condition, TensorHandle a, TensorHandle b) {
    MLT_TENSOR(at::where(*condition, *a, *b))
}
MLT_API TensorHandle mlt_softmax(TensorHandle a, int64_t dim) { MLT_TENSOR(at::softmax(*a, dim)) }
MLT_API TensorHandle mlt_log_softmax(TensorHandle a, int64_t dim) { MLT_TENSOR(at::log_softmax(*a, dim)) }
