namespace MlCgMd.Torch.Native;

// Operation codes shared with native/tensor_elementwise.cpp and native/tensor_reduce.cpp.

internal enum BinaryOp
{
    Add = 0, Sub, Mul, Div, Pow, Remainder, Maximum, Minimum,
    Eq, Ne, Lt, Le, Gt, Ge,
    LogicalAnd, LogicalOr, LogicalXor,
    Atan2, FloorDivide, Fmod,
    Matmul, Mm, Bmm, Outer, Dot,
}

internal enum UnaryOp
{
    Neg = 0, Abs, Exp, Log, Log1p, Sqrt, Rsqrt, Floor, Ceil, Round, Trunc,
    Relu, Silu, Sigmoid, Tanh, Sin, Cos, Sign, LogicalNot, IsNan, IsFinite, IsInf,
    Square, Reciprocal, Expm1, Erf, Gelu,
}

internal enum ReduceOp
{
    Sum = 0, Mean, Prod, Amax, Amin, All, Any, LogSumExp,
}
