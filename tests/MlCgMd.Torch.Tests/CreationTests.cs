namespace MlCgMd.Torch.Tests;

/// <summary>Factories, data in and out, and the printed preview.</summary>
public class CreationTests
{
    [Fact]
    public void Constant_factories_give_shape_dtype_and_value()
    {
        using var scope = torch.NewDisposeScope();
        Tensor z = torch.zeros(2, 3);
        Assert.Equal(new long[] { 2, 3 }, z.shape);
        Assert.Equal(2, z.dim());
        Assert.Equal(6, z.numel());
        Assert.Equal(ScalarType.Float32, z.dtype);
        Assert.Equal(Device.CPU, z.device);
        Assert.All(z.ToArray<float>(), v => Assert.Equal(0f, v));
        Assert.All(torch.ones([4], torch.int64).ToArray<long>(), v => Assert.Equal(1L, v));
        Assert.All(torch.full([2, 2], 2.5, torch.float64).ToArray<double>(), v => Assert.Equal(2.5, v));
        Assert.All(torch.full([3], 7, torch.int32).ToArray<int>(), v => Assert.Equal(7, v));
        Assert.Equal(new long[] { 0, 5 }, torch.empty([0, 5]).shape);
        Assert.Equal(ScalarType.Bool, torch.empty([2], torch.@bool).dtype);
        Tensor like = torch.full_like(torch.zeros([2], torch.float64), 3);
        Assert.Equal(ScalarType.Float64, like.dtype);
        Assert.Equal(new double[] { 3, 3 }, like.ToArray<double>());
        Assert.Empty(torch.scalar_tensor(4).shape);
        Assert.Equal(4f, torch.scalar_tensor(4).item<float>());
        Assert.True(torch.zeros([2], requires_grad: true).requires_grad);
    }

    [Fact]
    public void Ranges_and_identity()
    {
        using var scope = torch.NewDisposeScope();
        Tensor a = torch.arange(5);
        Assert.Equal(ScalarType.Int64, a.dtype);
        Assert.Equal(new long[] { 0, 1, 2, 3, 4 }, a.ToArray<long>());
        Assert.Equal(new long[] { 2, 4, 6 }, torch.arange(2, 8, 2).ToArray<long>());
        Tensor f = torch.arange(0, 1, 0.25);
        Assert.Equal(ScalarType.Float32, f.dtype);
        Assert.Equal(new float[] { 0, 0.25f, 0.5f, 0.75f }, f.ToArray<float>());
        Assert.Equal(new double[] { 1, 2 }, torch.arange(1, 3, 1, torch.float64).ToArray<double>());
        Assert.Equal(new float[] { 0, 0.25f, 0.5f, 0.75f, 1 }, torch.linspace(0, 1, 5).ToArray<float>());
        Assert.Equal(new float[] { 1, 0, 0, 0, 1, 0 }, torch.eye(2, 3).ToArray<float>());
        Assert.Equal(new long[] { 3, 3 }, torch.eye(3).shape);
    }

    [Fact]
    public void Random_factories_have_the_right_range_and_moments()
    {
        torch.manual_seed(1);
        using var scope = torch.NewDisposeScope();
        Tensor n = torch.randn([20000], torch.float64);
        Assert.InRange(n.mean().item<double>(), -0.03, 0.03);
        Assert.InRange(n.std().item<double>(), 0.97, 1.03);
        float[] u = torch.rand(10000).ToArray<float>();
        Assert.All(u, v => Assert.InRange(v, 0f, 0.99999999f));
        Assert.InRange(u.Average(), 0.48, 0.52);
        long[] k = torch.randint(-2, 3, [1000]).ToArray<long>();
        Assert.Equal(new long[] { -2, -1, 0, 1, 2 }, k.Distinct().Order().ToArray());
        long[] perm = torch.randperm(10).ToArray<long>();
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), perm.Order());
        Assert.Equal(ScalarType.Float64, torch.randn_like(torch.zeros([2], torch.float64)).dtype);
    }

    [Fact]
    public void Data_round_trips_for_every_dtype()
    {
        using var scope = torch.NewDisposeScope();
        Assert.Equal(new[] { 1.5f, -2 }, torch.tensor(new[] { 1.5f, -2 }).ToArray<float>());
        Assert.Equal(new[] { 1e300, -0.1 }, torch.tensor(new[] { 1e300, -0.1 }).ToArray<double>());
        Assert.Equal(new[] { long.MaxValue, -3 }, torch.tensor(new[] { long.MaxValue, -3 }).ToArray<long>());
        Assert.Equal(new[] { int.MinValue, 4 }, torch.tensor(new[] { int.MinValue, 4 }).ToArray<int>());
        Assert.Equal(new[] { true, false }, torch.tensor(new[] { true, false }).ToArray<bool>());
        Tensor m = torch.tensor(new double[] { 1, 2, 3, 4, 5, 6 }, [2, 3]);
        Assert.Equal(new long[] { 2, 3 }, m.shape);
        // Non-contiguous views copy out in logical (row-major) order.
        Assert.Equal(new double[] { 1, 4, 2, 5, 3, 6 }, m.t().ToArray<double>());
        Span<double> buffer = stackalloc double[8];
        m.CopyTo(buffer);
        Assert.Equal(6.0, buffer[5]);
        Tensor fromSpan = torch.tensor((ReadOnlySpan<float>)new float[] { 1, 2, 3, 4 }, [2, 2]);
        Assert.Equal(new long[] { 2, 2 }, fromSpan.shape);
        Assert.Equal(new float[] { 1, 2, 3, 4 }, torch.tensor(new float[,] { { 1, 2 }, { 3, 4 } }).ToArray<float>());
        Assert.Equal(2.5, torch.tensor(2.5).item<double>());
        Assert.Equal(ScalarType.Float64, torch.tensor(2.5).dtype);
        Assert.Equal(3, torch.tensor(3L).item<int>());
        Assert.True(torch.tensor(new[] { true }).item<bool>());
        Assert.Equal(ScalarType.Float32, torch.tensor(new[] { 1, 2 }).@float().dtype);
        Assert.Equal(new long[] { 1, -2 }, torch.tensor(new[] { 1.7, -2.2 }).@long().ToArray<long>());
    }

    [Fact]
    public void Data_is_copied_not_shared()
    {
        var data = new float[] { 1, 2 };
        using var t = torch.tensor(data);
        data[0] = 99;
        Assert.Equal(1f, t.ToArray<float>()[0]);
        using var c = t.clone();
        c.fill_(0);
        Assert.Equal(1f, t.ToArray<float>()[0]);
    }

    [Theory]
    [InlineData("int64", "tensor([1, 2, 3])")]
    [InlineData("float32", "tensor([1., 2., 3.])")]
    [InlineData("float64", "tensor([1., 2., 3.], dtype=torch.float64)")]
    [InlineData("int32", "tensor([1, 2, 3], dtype=torch.int32)")]
    [InlineData("bool", "tensor([True, True, True])")]
    public void Preview_prints_like_pytorch(string dtype, string expected)
    {
        using var t = torch.tensor(new long[] { 1, 2, 3 }).to(ScalarTypeExtensions.Parse(dtype));
        Assert.Equal(expected, t.ToString());
    }

    [Fact]
    public void Preview_of_fractions_matrices_empties_and_large_tensors()
    {
        using var scope = torch.NewDisposeScope();
        Assert.Equal("tensor([ 1.5000, -2.0000])", torch.tensor(new[] { 1.5f, -2 }).ToString());
        Assert.Equal("tensor([[0, 1],\n        [2, 3]])", torch.arange(4).view(2, 2).ToString());
        Assert.Equal("tensor([1.0000e-05, 1.0000e+00])", torch.tensor(new[] { 1e-5f, 1 }).ToString());
        Assert.Equal("tensor(2.5000)", torch.tensor(2.5f).ToString());
        Assert.Equal("tensor([nan, 1.])", torch.tensor(new[] { float.NaN, 1 }).ToString());
        Assert.Equal("tensor([])", torch.zeros(0).ToString());
        Assert.Equal("tensor([], size=(0, 3))", torch.zeros(0, 3).ToString());
        Assert.Equal("tensor([   0,    1,    2,  ..., 1997, 1998, 1999])", torch.arange(2000).ToString());
        Assert.Equal("tensor([0., 0.], requires_grad=True)", torch.zeros([2], requires_grad: true).ToString());
        Assert.Equal("cpu", Device.CPU.ToString());
    }
}
