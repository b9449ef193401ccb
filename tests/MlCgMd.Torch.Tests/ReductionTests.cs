namespace MlCgMd.Torch.Tests;

/// <summary>Reductions give the textbook values, with dim/keepdim handled as in PyTorch.</summary>
public class ReductionTests
{
    // [[1, 2, 3], [4, 5, 6]]
    private static Tensor M() => torch.tensor(new double[] { 1, 2, 3, 4, 5, 6 }, [2, 3]);

    [Fact]
    public void Sum_and_mean_reduce_the_given_dims()
    {
        using var scope = torch.NewDisposeScope();
        Tensor m = M();
        Assert.Equal(21.0, m.sum().item<double>());
        Assert.Empty(m.sum().shape);
        Assert.Equal(new double[] { 5, 7, 9 }, m.sum(0).ToArray<double>());
        Assert.Equal(new long[] { 2, 1 }, m.sum(1, keepdim: true).shape);
        Assert.Equal(new double[] { 6, 15 }, m.sum(1, keepdim: true).ToArray<double>());
        Assert.Equal(3.5, m.mean().item<double>());
        Assert.Equal(new double[] { 2, 5 }, m.mean(-1).ToArray<double>());
        Assert.Equal(new long[] { 1, 1 }, m.mean([0, 1], keepdim: true).shape);
        Assert.Equal(new double[] { 4, 10, 18 }, m.prod(0).ToArray<double>());
        Assert.Equal(720.0, m.prod().item<double>());
        Assert.Equal(ScalarType.Int64, torch.arange(4).sum().dtype);
    }

    [Fact]
    public void Max_and_min_give_values_and_indices()
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = torch.tensor(new double[] { 3, 9, 1, 7, 2, 8 }, [2, 3]);
        var (values, indices) = x.max(1);
        Assert.Equal(new double[] { 9, 8 }, values.ToArray<double>());
        Assert.Equal(new long[] { 1, 2 }, indices.ToArray<long>());
        var (minValues, minIndices) = x.min(0, keepdim: true);
        Assert.Equal(new long[] { 1, 3 }, minValues.shape);
        Assert.Equal(new double[] { 3, 2, 1 }, minValues.ToArray<double>());
        Assert.Equal(new long[] { 0, 1, 0 }, minIndices.ToArray<long>());
        Assert.Equal(9.0, x.max().item<double>());
        Assert.Equal(1.0, x.min().item<double>());
        Assert.Equal(1L, x.argmax().item<long>());
        Assert.Equal(2L, x.argmin().item<long>());
        Assert.Equal(new long[] { 1, 0, 1 }, x.argmax(0).ToArray<long>());
        Assert.Equal(new long[] { 2, 1 }, x.argmax(1, keepdim: true).shape);
        Assert.Equal(new double[] { 9, 8 }, x.amax(1).ToArray<double>());
        Assert.Equal(new double[] { 1, 2 }, x.amin(-1).ToArray<double>());
    }

    [Fact]
    public void Norms_have_their_textbook_values()
    {
        using var scope = torch.NewDisposeScope();
        Tensor v = torch.tensor(new double[] { 3, -4 });
        Assert.Equal(5.0, v.norm().item<double>(), 12);
        Assert.Equal(7.0, v.norm(p: 1).item<double>(), 12);
        Assert.Equal(4.0, v.norm(p: double.PositiveInfinity).item<double>(), 12);
        Assert.Equal(Math.Pow(91, 1.0 / 3), v.norm(p: 3).item<double>(), 12);
        Tensor m = torch.tensor(new double[] { 3, 4, 6, 8 }, [2, 2]);
        Assert.Equal(new double[] { 5, 10 }, m.norm(1).ToArray<double>());
        Assert.Equal(new long[] { 2, 1 }, m.norm(-1, keepdim: true).shape);
        Assert.Equal(Math.Sqrt(125), m.norm([0, 1]).item<double>(), 12);
    }

    [Fact]
    public void Variance_and_std_are_unbiased_unless_asked()
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = torch.tensor(new double[] { 1, 2, 3, 4 });
        Assert.Equal(5.0 / 3, x.var().item<double>(), 12);
        Assert.Equal(1.25, x.var(unbiased: false).item<double>(), 12);
        Assert.Equal(Math.Sqrt(5.0 / 3), x.std().item<double>(), 12);
        Tensor m = M();
        Assert.Equal(new double[] { 1, 1 }, m.var(1).ToArray<double>());
        Assert.Equal(new double[] { 2.25, 2.25, 2.25 }, m.var(0, unbiased: false).ToArray<double>());
        Assert.Equal(new long[] { 1, 3 }, m.std(0, keepdim: true).shape);
        Assert.Equal(new double[] { 1.5, 1.5, 1.5 }, m.std(0, unbiased: false).ToArray<double>());
    }

    [Fact]
    public void All_any_cumsum_and_logsumexp()
    {
        using var scope = torch.NewDisposeScope();
        Tensor b = torch.tensor(new[] { true, false, true, true }, [2, 2]);
        Assert.False(b.all().item<bool>());
        Assert.True(b.any().item<bool>());
        Assert.Equal(new[] { true, false }, b.all(0).ToArray<bool>());
        Assert.Equal(new[] { false, true }, b.all(1).ToArray<bool>());
        Assert.Equal(new[] { true, true }, b.any(1, keepdim: true).ToArray<bool>());
        Tensor m = M();
        Assert.Equal(new double[] { 1, 3, 6, 4, 9, 15 }, m.cumsum(1).ToArray<double>());
        Assert.Equal(new double[] { 1, 2, 3, 5, 7, 9 }, m.cumsum(0).ToArray<double>());
        double[] lse = m.logsumexp(1).ToArray<double>();
        Assert.Equal(Math.Log(Math.Exp(1) + Math.Exp(2) + Math.Exp(3)), lse[0], 12);
        Assert.Equal(Math.Log(Math.Exp(4) + Math.Exp(5) + Math.Exp(6)), lse[1], 12);
        // Stable for large inputs, where exp overflows.
        Tensor big = torch.tensor(new double[] { 1000, 1000 });
        Assert.Equal(1000 + Math.Log(2), big.logsumexp(0).item<double>(), 9);
        Assert.Equal(new long[] { 2, 1 }, m.logsumexp(-1, keepdim: true).shape);
    }

    [Fact]
    public void Mean_of_an_integer_tensor_is_refused()
    {
        using var scope = torch.NewDisposeScope();
        var error = Assert.Throws<TorchException>(() => torch.arange(4).mean());
        Assert.Contains("dtype", error.Message);
    }
}
