using MlCgMd.Torch.Native;

namespace MlCgMd.Torch;

// Matrix products.
public partial class Tensor
{
    public Tensor matmul(Tensor other) => Binary(BinaryOp.Matmul, other);
    public Tensor mm(Tensor other) => Binary(BinaryOp.Mm, other);
    public Tensor bmm(Tensor other) => Binary(BinaryOp.Bmm, other);
    public Tensor outer(Tensor other) => Binary(BinaryOp.Outer, other);
    public Tensor dot(Tensor other) => Binary(BinaryOp.Dot, other);

    /// <summary>beta * this + alpha * (m1 @ m2).</summary>
    public Tensor addmm(Tensor m1, Tensor m2, double beta = 1, double alpha = 1) =>
        new(Tensor.KeepAlive(NativeMethods.mlt_addmm(Handle, m1.Handle, m2.Handle, beta, alpha), m1, m2, this));
}
