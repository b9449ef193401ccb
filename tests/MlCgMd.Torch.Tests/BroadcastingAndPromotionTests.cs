namespace MlCgMd.Torch.Tests;

/// <summary>Broadcasting and dtype promotion follow PyTorch's documented rules (torch type promotion docs).</summary>
public class BroadcastingAndPromotionTests
{
    private static Tensor Longs(params long[] v) => torch.tensor(v);
    private static Tensor Floats(params float[] v) => torch.tensor(v);

    [Fact]
    public void Integer_tensor_plus_fractional_scalar_is_default_float()
    {
        using var scope = torch.NewDisposeScope();
        Tensor r = Longs(1, 2) + 2.5;
        Assert.Equal(ScalarType.Float32, r.dtype);
        Assert.Equal(new float[] { 3.5f, 4.5f }, r.ToArray<float>());
    }

    [Fact]
    public void Integer_tensor_times_integer_scalar_stays_int64()
    {
        using var scope = torch.NewDisposeScope();
        Tensor r = Longs(1, 2) * 2;
        Assert.Equal(ScalarType.Int64, r.dtype);
        Assert.Equal(new long[] { 2, 4 }, r.ToArray<long>());
        Assert.Equal(ScalarType.Int32, (torch.tensor(new[] { 1, 2 }) + 7).dtype);
        Assert.Equal(ScalarType.Float32, (Floats(1) * 2.5).dtype);
    }

    [Fact]
    public void Float32_plus_float64_tensor_is_float64()
    {
        using var scope = torch.NewDisposeScope();
        Tensor r = Floats(1, 2) + torch.tensor(new[] { 0.5, 0.25 });
        Assert.Equal(ScalarType.Float64, r.dtype);
        Assert.Equal(new[] { 1.5, 2.25 }, r.ToArray<double>());
    }

    [Fact]
    public void Zero_dim_tensor_does_not_promote_within_its_category()
    {
        using var scope = torch.NewDisposeScope();
        Assert.Equal(ScalarType.Float32, (torch.tensor(2.0) + Floats(1, 2)).dtype);
        Assert.Equal(ScalarType.Float32, (Floats(1, 2) * torch.tensor(2.0)).dtype);
        Assert.Equal(ScalarType.Int32, (torch.tensor(3L) + torch.tensor(new[] { 1, 2 })).dtype);
        // A zero-dim operand of a higher category does decide the result type.
        Assert.Equal(ScalarType.Float64, (Longs(1, 2) + torch.tensor(0.5)).dtype);
        // Two zero-dim tensors promote normally.
        Assert.Equal(ScalarType.Float64, (torch.tensor(1f) + torch.tensor(0.5)).dtype);
    }

    [Fact]
    public void Bool_arithmetic_follows_pytorch()
    {
        using var scope = torch.NewDisposeScope();
        Tensor t = torch.tensor(new[] { true, false, true });
        Tensor f = torch.tensor(new[] { true, false, false });
        Tensor sum = t + f;
        Assert.Equal(ScalarType.Bool, sum.dtype);
        Assert.Equal(new[] { true, false, true }, sum.ToArray<bool>());
        Assert.Equal(ScalarType.Int64, (t * 2).dtype);
        Assert.Equal(new long[] { 2, 0, 2 }, (t * 2).ToArray<long>());
        Assert.Equal(new float[] { 1.5f, 0.5f, 1.5f }, (t + 0.5).ToArray<float>());
        Assert.Equal(2L, t.sum().item<long>());
        Assert.Equal(ScalarType.Int64, t.sum().dtype);
    }

    [Fact]
    public void Integer_division_is_true_division_and_floor_divide_rounds_down()
    {
        using var scope = torch.NewDisposeScope();
        Tensor a = Longs(7, -7);
        Tensor q = a / 2;
        Assert.Equal(ScalarType.Float32, q.dtype);
        Assert.Equal(new float[] { 3.5f, -3.5f }, q.ToArray<float>());
        Assert.Equal(ScalarType.Float32, (a / Longs(2, 2)).dtype);
        Assert.Equal(new long[] { 3, -4 }, a.floor_divide(2).ToArray<long>());
        // remainder takes the sign of the divisor (Python %), fmod of the dividend (C fmod).
        Assert.Equal(new long[] { 1, 2 }, (a % 3).ToArray<long>());
        Assert.Equal(new long[] { 1, -1 }, a.fmod(3).ToArray<long>());
        Assert.Equal(new float[] { 0.5f, 1.5f }, (Floats(2.5f, -0.5f) % 2.0).ToArray<float>());
    }

    [Fact]
    public void Scalar_on_the_left_gives_the_reversed_operation()
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = Floats(1, 4);
        Assert.Equal(new float[] { 9, 6 }, (10 - x).ToArray<float>());
        Assert.Equal(new float[] { 2, 0.5f }, (2.0 / x).ToArray<float>());
        Assert.Equal(new float[] { 3, 12 }, (3 * x).ToArray<float>());
    }

    [Fact]
    public void Shapes_broadcast_from_the_trailing_dimension()
    {
        using var scope = torch.NewDisposeScope();
        Tensor col = torch.tensor(new float[] { 0, 10, 20 }, [3, 1]);
        Tensor row = Floats(1, 2, 3, 4);
        Tensor sum = col + row;
        Assert.Equal(new long[] { 3, 4 }, sum.shape);
        Assert.Equal(new float[] { 1, 2, 3, 4, 11, 12, 13, 14, 21, 22, 23, 24 }, sum.ToArray<float>());
        Assert.Equal(new long[] { 2, 3, 4 }, (torch.zeros(2, 1, 4) * torch.ones(3, 1)).shape);
        Assert.Equal(new long[] { 2, 3 }, (torch.zeros(2, 3) + torch.tensor(1f)).shape);
    }

    [Fact]
    public void In_place_forms_keep_the_destination_dtype_and_shape()
    {
        using var scope = torch.NewDisposeScope();
        Tensor a = torch.zeros(2, 3);
        Tensor same = a.add_(torch.tensor(new[] { 1.0, 2.0, 3.0 }));
        Assert.Same(a, same);
        Assert.Equal(ScalarType.Float32, a.dtype);
        a.mul_(2).sub_(1.0).div_(torch.full([2, 3], 2.0)).pow_(2);
        Assert.Equal(new float[] { 0.25f, 2.25f, 6.25f, 0.25f, 2.25f, 6.25f }, a.ToArray<float>());
        Tensor i = Longs(5, 6);
        i.add_(3).mul_(2L);
        Assert.Equal(new long[] { 16, 18 }, i.ToArray<long>());
        // A float result cannot be stored in an integer tensor in place.
        var error = Assert.Throws<TorchException>(() => i.add_(0.5));
        Assert.Contains("can't be cast", error.Message);
        // The destination does not broadcast.
        Assert.Throws<TorchException>(() => torch.zeros(3).add_(torch.zeros(2, 3)));
    }

    [Fact]
    public void Comparisons_and_logical_ops_give_bool()
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = Longs(1, 2, 3);
        Tensor lt = x < 2.5;
        Assert.Equal(ScalarType.Bool, lt.dtype);
        Assert.Equal(new[] { true, true, false }, lt.ToArray<bool>());
        Assert.Equal(new[] { false, true, false }, x.eq(2).ToArray<bool>());
        Assert.Equal(new[] { true, false, true }, x.ne(Longs(2, 2, 2)).ToArray<bool>());
        Assert.Equal(new[] { false, true, true }, (x >= Floats(3, 2, 1)).ToArray<bool>());
        Tensor f = Floats(0, 1.5f, -2);
        Assert.Equal(new[] { false, true, true }, f.logical_and(x > 1).ToArray<bool>());
        Assert.Equal(new[] { false, true, true }, (f.@bool() | (x > 5)).ToArray<bool>());
        Assert.Equal(new[] { true, false, false }, (!f.@bool()).ToArray<bool>());
        Assert.Equal(new[] { true, true, false }, (x.lt(3) ^ (x > 5)).ToArray<bool>());
    }

    [Fact]
    public void Named_forms_with_integer_scalars_keep_integer_tensors_integer()
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = Longs(-3, 5);
        Assert.Equal(ScalarType.Int64, x.add(1).dtype);
        Assert.Equal(ScalarType.Int64, x.sub(1).dtype);
        Assert.Equal(ScalarType.Int64, x.mul(2).dtype);
        Assert.Equal(ScalarType.Float32, x.add(0.5).dtype);
        Assert.Equal(ScalarType.Float32, x.div(2).dtype);
        Tensor clamped = x.clamp(0, 4);
        Assert.Equal(ScalarType.Int64, clamped.dtype);
        Assert.Equal(new long[] { 0, 4 }, clamped.ToArray<long>());
        Assert.Equal(new float[] { -0.5f, 4.5f }, x.clamp(-0.5, 4.5).ToArray<float>());
    }

    [Fact]
    public void Nan_and_infinity_are_recognised()
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = torch.tensor(new[] { double.NaN, double.PositiveInfinity, -1, double.NegativeInfinity });
        Assert.Equal(new[] { true, false, false, false }, x.isnan().ToArray<bool>());
        Assert.Equal(new[] { false, false, true, false }, x.isfinite().ToArray<bool>());
        Assert.Equal(new[] { false, true, false, true }, x.isinf().ToArray<bool>());
    }

    [Fact]
    public void Where_broadcasts_condition_and_branches()
    {
        using var scope = torch.NewDisposeScope();
        Tensor condition = torch.tensor(new[] { true, false, true });
        Tensor r = torch.where(condition, Floats(1, 2, 3), torch.zeros([2, 1]));
        Assert.Equal(new long[] { 2, 3 }, r.shape);
        Assert.Equal(new float[] { 1, 0, 3, 1, 0, 3 }, r.ToArray<float>());
    }

    [Fact]
    public void Unary_functions_give_known_values()
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = torch.tensor(new[] { -2.0, 0.5, 4.0 });
        Assert.Equal(new[] { 2.0, -0.5, -4.0 }, x.neg().ToArray<double>());
        Assert.Equal(new[] { 2.0, 0.5, 4.0 }, x.abs().ToArray<double>());
        Assert.Equal(new[] { 0.0, 0.5, 4.0 }, x.relu().ToArray<double>());
        Assert.Equal(new[] { -2.0, 0.0, 4.0 }, x.floor().ToArray<double>());
        Assert.Equal(new[] { -1.0, 0.5, 1.0 }, x.clamp(-1, 1).ToArray<double>());
        Assert.Equal(new[] { 2.0, 0.5, 0.5 }, x.clamp(max: 0.5).abs().ToArray<double>());
        AssertClose(x.Select(Math.Exp), x.exp());
        AssertClose(new[] { Math.Log(0.5), Math.Log(4) }, x[1..].log());
        AssertClose(new[] { Math.Log(1.5), Math.Log(5) }, x[1..].log1p());
        AssertClose(new[] { Math.Sqrt(0.5), 2 }, x[1..].sqrt());
        AssertClose(new[] { 1 / Math.Sqrt(0.5), 0.5 }, x[1..].rsqrt());
        AssertClose(new[] { 4.0, 0.25, 16 }, x.pow(2L));
        AssertClose(x.Select(v => v / (1 + Math.Exp(-v))), x.silu());
        AssertClose(x.Select(v => 1 / (1 + Math.Exp(-v))), x.sigmoid());
        AssertClose(x.Select(Math.Tanh), x.tanh());
        AssertClose(x.Select(v => Math.Log(1 + Math.Exp(3 * v)) / 3), x.softplus(beta: 3));
        // Above threshold / beta softplus is the identity, as PyTorch documents.
        AssertClose(new[] { Math.Log(1 + Math.Exp(-2)), Math.Log(1 + Math.Exp(0.5)), 4.0 }, x.softplus(threshold: 3));
    }

    private static void AssertClose(IEnumerable<double> expected, Tensor actual)
    {
        double[] e = expected.ToArray(), a = actual.ToArray<double>();
        Assert.Equal(e.Length, a.Length);
        for (int i = 0; i < e.Length; i++) Assert.Equal(e[i], a[i], 1e-12);
    }
}

internal static class TensorSequence
{
    /// <summary>Maps the elements of a float64 tensor (row-major) with a .NET function, as a reference.</summary>
    public static IEnumerable<double> Select(this Tensor t, Func<double, double> f) => t.ToArray<double>().Select(f);
}
