using MlCgMd.Torch.Native;

namespace MlCgMd.Torch;

// Element-wise arithmetic, comparisons, logic and activations. Broadcasting and type
// promotion are libtorch's. A C# integer scalar behaves like a Python int and a double
// like a Python float: (int64 tensor) * 2 stays int64, (int64 tensor) * 2.5 is float32.
public partial class Tensor
{
    internal Tensor Binary(BinaryOp op, Tensor other) => new(Tensor.KeepAlive(NativeMethods.mlt_binary((int)op, Handle, other.Handle), other, this));

    internal Tensor BinaryScalar(BinaryOp op, double value, bool reverse = false) =>
        new(Tensor.KeepAlive(NativeMethods.mlt_binary_scalar((int)op, Handle, value, 0, reverse ? 1 : 0), this));

    internal Tensor BinaryScalar(BinaryOp op, long value, bool reverse = false) =>
        new(Tensor.KeepAlive(NativeMethods.mlt_binary_scalar((int)op, Handle, value, 1, reverse ? 1 : 0), this));

    internal Tensor BinaryInPlace(BinaryOp op, Tensor other)
    {
        NativeCheck.Status(Tensor.KeepAlive(NativeMethods.mlt_binary_((int)op, Handle, other.Handle), other, this));
        return this;
    }

    internal Tensor BinaryInPlace(BinaryOp op, double value, bool isInteger)
    {
        NativeCheck.Status(Tensor.KeepAlive(NativeMethods.mlt_binary_scalar_((int)op, Handle, value, isInteger ? 1 : 0), this));
        return this;
    }

    internal Tensor Unary(UnaryOp op) => new(Tensor.KeepAlive(NativeMethods.mlt_unary((int)op, Handle), this));

    internal Tensor UnaryInPlace(UnaryOp op)
    {
        NativeCheck.Status(Tensor.KeepAlive(NativeMethods.mlt_unary_((int)op, Handle), this));
        return this;
    }

    // ---- operators -------------------------------------------------------------------

    public static Tensor operator +(Tensor a, Tensor b) => a.Binary(BinaryOp.Add, b);
    public static Tensor operator +(Tensor a, double b) => a.BinaryScalar(BinaryOp.Add, b);
    public static Tensor operator +(Tensor a, long b) => a.BinaryScalar(BinaryOp.Add, b);
    public static Tensor operator +(double a, Tensor b) => b.BinaryScalar(BinaryOp.Add, a, reverse: true);
    public static Tensor operator +(long a, Tensor b) => b.BinaryScalar(BinaryOp.Add, a, reverse: true);
    public static Tensor operator -(Tensor a, Tensor b) => a.Binary(BinaryOp.Sub, b);
    public static Tensor operator -(Tensor a, double b) => a.BinaryScalar(BinaryOp.Sub, b);
    public static Tensor operator -(Tensor a, long b) => a.BinaryScalar(BinaryOp.Sub, b);
    public static Tensor operator -(double a, Tensor b) => b.BinaryScalar(BinaryOp.Sub, a, reverse: true);
    public static Tensor operator -(long a, Tensor b) => b.BinaryScalar(BinaryOp.Sub, a, reverse: true);
    public static Tensor operator *(Tensor a, Tensor b) => a.Binary(BinaryOp.Mul, b);
    public static Tensor operator *(Tensor a, double b) => a.BinaryScalar(BinaryOp.Mul, b);
    public static Tensor operator *(Tensor a, long b) => a.BinaryScalar(BinaryOp.Mul, b);
    public static Tensor operator *(double a, Tensor b) => b.BinaryScalar(BinaryOp.Mul, a, reverse: true);
    public static Tensor operator *(long a, Tensor b) => b.BinaryScalar(BinaryOp.Mul, a, reverse: true);
    public static Tensor operator /(Tensor a, Tensor b) => a.Binary(BinaryOp.Div, b);
    public static Tensor operator /(Tensor a, double b) => a.BinaryScalar(BinaryOp.Div, b);
    public static Tensor operator /(Tensor a, long b) => a.BinaryScalar(BinaryOp.Div, b);
    public static Tensor operator /(double a, Tensor b) => b.BinaryScalar(BinaryOp.Div, a, reverse: true);
    public static Tensor operator /(long a, Tensor b) => b.BinaryScalar(BinaryOp.Div, a, reverse: true);
    public static Tensor operator %(Tensor a, Tensor b) => a.Binary(BinaryOp.Remainder, b);
    public static Tensor operator %(Tensor a, double b) => a.BinaryScalar(BinaryOp.Remainder, b);
    public static Tensor operator %(Tensor a, long b) => a.BinaryScalar(BinaryOp.Remainder, b);
    public static Tensor operator -(Tensor a) => a.Unary(UnaryOp.Neg);
    public static Tensor operator &(Tensor a, Tensor b) => a.Binary(BinaryOp.LogicalAnd, b);
    public static Tensor operator |(Tensor a, Tensor b) => a.Binary(BinaryOp.LogicalOr, b);
    public static Tensor operator ^(Tensor a, Tensor b) => a.Binary(BinaryOp.LogicalXor, b);
    public static Tensor operator !(Tensor a) => a.Unary(UnaryOp.LogicalNot);
    public static Tensor operator <(Tensor a, Tensor b) => a.Binary(BinaryOp.Lt, b);
    public static Tensor operator >(Tensor a, Tensor b) => a.Binary(BinaryOp.Gt, b);
    public static Tensor operator <=(Tensor a, Tensor b) => a.Binary(BinaryOp.Le, b);
    public static Tensor operator >=(Tensor a, Tensor b) => a.Binary(BinaryOp.Ge, b);
    public static Tensor operator <(Tensor a, double b) => a.BinaryScalar(BinaryOp.Lt, b);
    public static Tensor operator >(Tensor a, double b) => a.BinaryScalar(BinaryOp.Gt, b);
    public static Tensor operator <=(Tensor a, double b) => a.BinaryScalar(BinaryOp.Le, b);
    public static Tensor operator >=(Tensor a, double b) => a.BinaryScalar(BinaryOp.Ge, b);

    // ---- named binary forms ----------------------------------------------------------

    public Tensor add(Tensor other) => Binary(BinaryOp.Add, other);
    /// <summary>this + alpha * other.</summary>
    public Tensor add(Tensor other, double alpha) => new(Tensor.KeepAlive(NativeMethods.mlt_add_scaled(Handle, other.Handle, alpha), other, this));
    public Tensor add(double other) => BinaryScalar(BinaryOp.Add, other);
    public Tensor add(long other) => BinaryScalar(BinaryOp.Add, other);
    public Tensor sub(Tensor other) => Binary(BinaryOp.Sub, other);
    public Tensor sub(double other) => BinaryScalar(BinaryOp.Sub, other);
    public Tensor sub(long other) => BinaryScalar(BinaryOp.Sub, other);
    public Tensor mul(Tensor other) => Binary(BinaryOp.Mul, other);
    public Tensor mul(double other) => BinaryScalar(BinaryOp.Mul, other);
    public Tensor mul(long other) => BinaryScalar(BinaryOp.Mul, other);
    public Tensor div(Tensor other) => Binary(BinaryOp.Div, other);
    public Tensor div(double other) => BinaryScalar(BinaryOp.Div, other);
    public Tensor div(long other) => BinaryScalar(BinaryOp.Div, other);
    public Tensor floor_divide(Tensor other) => Binary(BinaryOp.FloorDivide, other);
    public Tensor floor_divide(long other) => BinaryScalar(BinaryOp.FloorDivide, other);
    public Tensor pow(Tensor exponent) => Binary(BinaryOp.Pow, exponent);
    public Tensor pow(double exponent) => BinaryScalar(BinaryOp.Pow, exponent);
    public Tensor pow(long exponent) => BinaryScalar(BinaryOp.Pow, exponent);
    public Tensor remainder(Tensor other) => Binary(BinaryOp.Remainder, other);
    public Tensor remainder(double other) => BinaryScalar(BinaryOp.Remainder, other);
    public Tensor remainder(long other) => BinaryScalar(BinaryOp.Remainder, other);
    public Tensor fmod(Tensor other) => Binary(BinaryOp.Fmod, other);
    public Tensor fmod(double other) => BinaryScalar(BinaryOp.Fmod, other);
    public Tensor fmod(long other) => BinaryScalar(BinaryOp.Fmod, other);
    public Tensor maximum(Tensor other) => Binary(BinaryOp.Maximum, other);
    public Tensor minimum(Tensor other) => Binary(BinaryOp.Minimum, other);
    public Tensor atan2(Tensor other) => Binary(BinaryOp.Atan2, other);

    public Tensor eq(Tensor other) => Binary(BinaryOp.Eq, other);
    public Tensor eq(double other) => BinaryScalar(BinaryOp.Eq, other);
    public Tensor ne(Tensor other) => Binary(BinaryOp.Ne, other);
    public Tensor ne(double other) => BinaryScalar(BinaryOp.Ne, other);
    public Tensor lt(Tensor other) => Binary(BinaryOp.Lt, other);
    public Tensor lt(double other) => BinaryScalar(BinaryOp.Lt, other);
    public Tensor le(Tensor other) => Binary(BinaryOp.Le, other);
    public Tensor le(double other) => BinaryScalar(BinaryOp.Le, other);
    public Tensor gt(Tensor other) => Binary(BinaryOp.Gt, other);
    public Tensor gt(double other) => BinaryScalar(BinaryOp.Gt, other);
    public Tensor ge(Tensor other) => Binary(BinaryOp.Ge, other);
    public Tensor ge(double other) => BinaryScalar(BinaryOp.Ge, other);
    public Tensor logical_and(Tensor other) => Binary(BinaryOp.LogicalAnd, other);
    public Tensor logical_or(Tensor other) => Binary(BinaryOp.LogicalOr, other);
    public Tensor logical_xor(Tensor other) => Binary(BinaryOp.LogicalXor, other);
    public Tensor logical_not() => Unary(UnaryOp.LogicalNot);

    // ---- in-place forms (return this) --------------------------------------------------

    public Tensor add_(Tensor other) => BinaryInPlace(BinaryOp.Add, other);
    public Tensor add_(Tensor other, double alpha)
    {
        NativeCheck.Status(Tensor.KeepAlive(NativeMethods.mlt_add_scaled_(Handle, other.Handle, alpha), other, this));
        return this;
    }
    public Tensor add_(double other) => BinaryInPlace(BinaryOp.Add, other, false);
    public Tensor add_(long other) => BinaryInPlace(BinaryOp.Add, other, true);
    public Tensor sub_(Tensor other) => BinaryInPlace(BinaryOp.Sub, other);
    public Tensor sub_(double other) => BinaryInPlace(BinaryOp.Sub, other, false);
    public Tensor sub_(long other) => BinaryInPlace(BinaryOp.Sub, other, true);
    public Tensor mul_(Tensor other) => BinaryInPlace(BinaryOp.Mul, other);
    public Tensor mul_(double other) => BinaryInPlace(BinaryOp.Mul, other, false);
    public Tensor mul_(long other) => BinaryInPlace(BinaryOp.Mul, other, true);
    public Tensor div_(Tensor other) => BinaryInPlace(BinaryOp.Div, other);
    public Tensor div_(double other) => BinaryInPlace(BinaryOp.Div, other, false);
    public Tensor div_(long other) => BinaryInPlace(BinaryOp.Div, other, true);
    public Tensor pow_(double exponent) => BinaryInPlace(BinaryOp.Pow, exponent, false);
    public Tensor remainder_(double other) => BinaryInPlace(BinaryOp.Remainder, other, false);
    public Tensor neg_() => UnaryInPlace(UnaryOp.Neg);
    public Tensor abs_() => UnaryInPlace(UnaryOp.Abs);
    public Tensor exp_() => UnaryInPlace(UnaryOp.Exp);
    public Tensor log_() => UnaryInPlace(UnaryOp.Log);
    public Tensor sqrt_() => UnaryInPlace(UnaryOp.Sqrt);
    public Tensor relu_() => UnaryInPlace(UnaryOp.Relu);
    public Tensor sigmoid_() => UnaryInPlace(UnaryOp.Sigmoid);
    public Tensor tanh_() => UnaryInPlace(UnaryOp.Tanh);
    public Tensor floor_() => UnaryInPlace(UnaryOp.Floor);
    public Tensor clamp_(double? min = null, double? max = null)
    {
        NativeCheck.Status(Tensor.KeepAlive(NativeMethods.mlt_clamp_(Handle, min ?? 0, min.HasValue ? 1 : 0, max ?? 0, max.HasValue ? 1 : 0), this));
        return this;
    }
    public Tensor fill_(double value)
    {
        NativeCheck.Status(Tensor.KeepAlive(NativeMethods.mlt_fill_(Handle, value), this));
        return this;
    }
    public Tensor zero_()
    {
        NativeCheck.Status(Tensor.KeepAlive(NativeMethods.mlt_zero_(Handle), this));
        return this;
    }
    /// <summary>Copies <paramref name="source"/> (broadcast, converted) into this tensor.</summary>
    public Tensor copy_(Tensor source)
    {
        NativeCheck.Status(Tensor.KeepAlive(NativeMethods.mlt_copy_(Handle, source.Handle), source, this));
        return this;
    }
    public Tensor uniform_(double low = 0, double high = 1)
    {
        NativeCheck.Status(Tensor.KeepAlive(NativeMethods.mlt_uniform_(Handle, low, high), this));
        return this;
    }
    public Tensor normal_(double mean = 0, double std = 1)
    {
        NativeCheck.Status(Tensor.KeepAlive(NativeMethods.mlt_normal_(Handle, mean, std), this));
        return this;
    }

    // ---- unary -----------------------------------------------------------------------

    public Tensor neg() => Unary(UnaryOp.Neg);
    public Tensor abs() => Unary(UnaryOp.Abs);
    public Tensor exp() => Unary(UnaryOp.Exp);
    public Tensor expm1() => Unary(UnaryOp.Expm1);
    public Tensor log() => Unary(UnaryOp.Log);
    public Tensor log1p() => Unary(UnaryOp.Log1p);
    public Tensor sqrt() => Unary(UnaryOp.Sqrt);
    public Tensor rsqrt() => Unary(UnaryOp.Rsqrt);
    public Tensor square() => Unary(UnaryOp.Square);
    public Tensor reciprocal() => Unary(UnaryOp.Reciprocal);
    public Tensor floor() => Unary(UnaryOp.Floor);
    public Tensor ceil() => Unary(UnaryOp.Ceil);
    public Tensor round() => Unary(UnaryOp.Round);
    public Tensor trunc() => Unary(UnaryOp.Trunc);
    public Tensor sign() => Unary(UnaryOp.Sign);
    public Tensor sin() => Unary(UnaryOp.Sin);
    public Tensor cos() => Unary(UnaryOp.Cos);
    public Tensor erf() => Unary(UnaryOp.Erf);
    public Tensor relu() => Unary(UnaryOp.Relu);
    public Tensor silu() => Unary(UnaryOp.Silu);
    public Tensor sigmoid() => Unary(UnaryOp.Sigmoid);
    public Tensor tanh() => Unary(UnaryOp.Tanh);
    public Tensor gelu() => Unary(UnaryOp.Gelu);
    public Tensor isnan() => Unary(UnaryOp.IsNan);
    public Tensor isfinite() => Unary(UnaryOp.IsFinite);
    public Tensor isinf() => Unary(UnaryOp.IsInf);

    /// <summary>log(1 + exp(beta x)) / beta, linear above threshold (PyTorch's softplus).</summary>
    public Tensor softplus(double beta = 1, double threshold = 20) => new(Tensor.KeepAlive(NativeMethods.mlt_softplus(Handle, beta, threshold), this));
    public Tensor leaky_relu(double negativeSlope = 0.01) => new(Tensor.KeepAlive(NativeMethods.mlt_leaky_relu(Handle, negativeSlope), this));

    /// <summary>Bounds that are whole numbers keep an integer tensor integer, like Python ints would.</summary>
    public Tensor clamp(double? min = null, double? max = null) =>
        new(Tensor.KeepAlive(NativeMethods.mlt_clamp(Handle, min ?? 0, min.HasValue ? 1 : 0, max ?? 0, max.HasValue ? 1 : 0), this));
    public Tensor clamp_min(double min) => clamp(min, null);
    public Tensor clamp_max(double max) => clamp(null, max);

    public Tensor softmax(long dim) => new(Tensor.KeepAlive(NativeMethods.mlt_softmax(Handle, dim), this));
    public Tensor log_softmax(long dim) => new(Tensor.KeepAlive(NativeMethods.mlt_log_softmax(Handle, dim), this));
}
