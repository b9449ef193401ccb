namespace MlCgMd.Torch.Tests;

/// <summary>Autograd of every differentiable operation agrees with float64 finite differences.</summary>
public class GradCheckTests
{
    private sealed record Case(Func<Tensor[]> Inputs, Func<Tensor[], Tensor> F);

    private static Tensor R(params long[] shape) => torch.randn(shape, torch.float64);
    // Bounded away from zero for log, sqrt, division and fractional powers.
    private static Tensor P(params long[] shape) => torch.rand(shape, torch.float64) * 0.9 + 0.1;
    private static Tensor I(params long[] values) => torch.tensor(values);

    private static readonly Dictionary<string, Case> Cases = new()
    {
        // element-wise unary
        ["neg"] = new(() => [R(2, 3)], x => -x[0]),
        ["abs"] = new(() => [R(2, 3)], x => x[0].abs()),
        ["exp"] = new(() => [R(2, 3)], x => x[0].exp()),
        ["log"] = new(() => [P(2, 3)], x => x[0].log()),
        ["log1p"] = new(() => [P(2, 3)], x => x[0].log1p()),
        ["sqrt"] = new(() => [P(2, 3)], x => x[0].sqrt()),
        ["rsqrt"] = new(() => [P(2, 3)], x => x[0].rsqrt()),
        ["square"] = new(() => [R(2, 3)], x => x[0].square()),
        ["reciprocal"] = new(() => [P(2, 3)], x => x[0].reciprocal()),
        ["relu"] = new(() => [R(2, 3)], x => x[0].relu()),
        ["silu"] = new(() => [R(2, 3)], x => x[0].silu()),
        ["sigmoid"] = new(() => [R(2, 3)], x => x[0].sigmoid()),
        ["tanh"] = new(() => [R(2, 3)], x => x[0].tanh()),
        ["gelu"] = new(() => [R(2, 3)], x => x[0].gelu()),
        ["sin_cos_erf"] = new(() => [R(2, 3)], x => x[0].sin() + x[0].cos() * x[0].erf()),
        ["leaky_relu"] = new(() => [R(2, 3)], x => x[0].leaky_relu(0.2)),
        ["softplus"] = new(() => [R(2, 3)], x => x[0].softplus()),
        ["softplus_beta"] = new(() => [R(2, 3)], x => x[0].softplus(beta: 2.5)),
        ["softplus_threshold"] = new(() => [R(2, 3) * 4], x => x[0].softplus(beta: 3, threshold: 2)),
        ["clamp"] = new(() => [R(3, 4)], x => x[0].clamp(-0.5, 0.5)),
        ["clamp_min"] = new(() => [R(3, 4)], x => x[0].clamp_min(0.1)),
        ["softmax"] = new(() => [R(2, 4)], x => x[0].softmax(-1)),
        ["log_softmax"] = new(() => [R(2, 4)], x => x[0].log_softmax(0)),
        // element-wise binary, with scalars and broadcasting
        ["add_broadcast"] = new(() => [R(3, 1), R(1, 4)], x => x[0] + x[1]),
        ["add_alpha"] = new(() => [R(2, 3), R(3)], x => x[0].add(x[1], alpha: -1.5)),
        ["sub"] = new(() => [R(2, 3), R(2, 3)], x => x[0] - x[1]),
        ["mul_broadcast"] = new(() => [R(2, 1, 3), R(4, 1)], x => x[0] * x[1]),
        ["div"] = new(() => [R(2, 3), P(2, 3)], x => x[0] / x[1]),
        ["scalar_arithmetic"] = new(() => [P(2, 3)], x => (2.0 - x[0]) * 3 + 1.5 / x[0] - x[0] / 4L),
        ["pow_scalar"] = new(() => [R(2, 3)], x => x[0].pow(3L)),
        ["pow_fractional"] = new(() => [P(2, 3)], x => x[0].pow(2.5)),
        ["pow_tensor"] = new(() => [P(2, 3), R(2, 3)], x => x[0].pow(x[1])),
        ["maximum_minimum"] = new(() => [R(2, 3), R(2, 3)], x => x[0].maximum(x[1]) + 2 * x[0].minimum(x[1])),
        ["atan2"] = new(() => [R(2, 3), P(2, 3)], x => x[0].atan2(x[1])),
        ["remainder"] = new(() => [R(2, 3)], x => x[0].remainder(0.7)),
        ["where"] = new(() => [R(2, 3), R(2, 3)], x => torch.where(x[0] > 0, x[0] * 2, x[1])),
        // reductions
        ["sum_all"] = new(() => [R(2, 3)], x => x[0].sum()),
        ["sum_dim_keepdim"] = new(() => [R(2, 3, 2)], x => x[0].sum(-2, keepdim: true)),
        ["mean_dims"] = new(() => [R(2, 3, 2)], x => x[0].mean([0, 2])),
        ["prod"] = new(() => [R(2, 3)], x => x[0].prod(1)),
        ["max_values"] = new(() => [R(3, 4)], x => x[0].max(1).values),
        ["min_values"] = new(() => [R(3, 4)], x => x[0].min(0, keepdim: true).values),
        ["max_all"] = new(() => [R(3, 4)], x => x[0].max() - x[0].min()),
        ["amax"] = new(() => [R(3, 4)], x => x[0].amax(1)),
        ["norm"] = new(() => [R(3, 4)], x => x[0].norm()),
        ["norm_dim_p3"] = new(() => [R(3, 4)], x => x[0].norm(1, p: 3)),
        ["var"] = new(() => [R(3, 4)], x => x[0].var()),
        ["var_population_dim"] = new(() => [R(3, 4)], x => x[0].var(0, unbiased: false)),
        ["std_dim"] = new(() => [R(3, 4)], x => x[0].std(-1, keepdim: true)),
        ["logsumexp"] = new(() => [R(3, 4)], x => x[0].logsumexp(1)),
        ["cumsum"] = new(() => [R(3, 4)], x => x[0].cumsum(-1)),
        // linear algebra
        ["matmul"] = new(() => [R(3, 4), R(4, 2)], x => x[0].matmul(x[1])),
        ["matmul_batched_broadcast"] = new(() => [R(2, 3, 4), R(4, 2)], x => x[0].matmul(x[1])),
        ["matmul_vector"] = new(() => [R(3, 4), R(4)], x => x[0].matmul(x[1])),
        ["mm"] = new(() => [R(3, 4), R(4, 2)], x => x[0].mm(x[1])),
        ["bmm"] = new(() => [R(2, 3, 4), R(2, 4, 2)], x => x[0].bmm(x[1])),
        ["addmm"] = new(() => [R(3, 2), R(3, 4), R(4, 2)], x => x[0].addmm(x[1], x[2], beta: 0.5, alpha: 2)),
        ["outer"] = new(() => [R(3), R(4)], x => x[0].outer(x[1])),
        ["dot"] = new(() => [R(4), R(4)], x => x[0].dot(x[1])),
        ["cdist"] = new(() => [R(4, 3), R(5, 3)], x => torch.cdist(x[0], x[1])),
        ["linear"] = new(() => [R(3, 4), R(2, 4), R(2)], x => NativeOps.linear(x[0], x[1], x[2])),
        // shape
        ["view_reshape"] = new(() => [R(2, 6)], x => x[0].view(3, 4).reshape(4, -1) * torch.arange(12, torch.float64).view(4, 3)),
        ["flatten"] = new(() => [R(2, 3, 2)], x => x[0].flatten(1)),
        ["permute_transpose"] = new(() => [R(2, 3, 4)], x => x[0].permute(2, 0, 1).transpose(0, -1).contiguous()),
        ["unsqueeze_squeeze"] = new(() => [R(3, 1)], x => x[0].unsqueeze(0).squeeze(-1) * torch.arange(3, torch.float64)),
        ["expand"] = new(() => [R(3, 1)], x => x[0].expand(2, 3, 4)),
        ["repeat"] = new(() => [R(2, 3)], x => x[0].repeat(2, 1, 2)),
        ["repeat_interleave"] = new(() => [R(3, 2)], x => x[0].repeat_interleave(I(1, 0, 2), dim: 0)),
        ["cat"] = new(() => [R(2, 3), R(1, 3)], x => torch.cat([x[0], x[1]], dim: 0)),
        ["stack"] = new(() => [R(2, 3), R(2, 3)], x => torch.stack([x[0], x[1]], dim: -1)),
        ["split"] = new(() => [R(5, 2)], x => x[0].split(2)[2] * 3 + x[0].split([1, 4])[1].sum()),
        ["chunk"] = new(() => [R(4, 2)], x => x[0].chunk(2, dim: 0)[1]),
        ["narrow_select"] = new(() => [R(4, 3)], x => x[0].narrow(0, 1, 2).select(1, 2)),
        ["slice_step"] = new(() => [R(6, 3)], x => x[0][TensorIndex.Slice(1, null, 2), ..^1]),
        ["flip_roll"] = new(() => [R(3, 4)], x => x[0].flip(0, 1).roll(1, 1)),
        ["tril_triu"] = new(() => [R(3, 3)], x => x[0].tril() + 2 * x[0].triu(1)),
        // indexing
        ["index_select"] = new(() => [R(4, 3)], x => x[0].index_select(0, I(3, 0, 3))),
        ["gather"] = new(() => [R(3, 4)], x => x[0].gather(1, torch.tensor(new long[] { 0, 3, 1, 1, 2, 2 }, [3, 2]))),
        ["scatter_src"] = new(() => [R(3, 4), R(3, 2)],
            x => x[0].scatter(1, torch.tensor(new long[] { 0, 3, 1, 2, 2, 0 }, [3, 2]), x[1])),
        ["scatter_add"] = new(() => [R(3, 4), R(3, 2)],
            x => x[0].scatter_add(1, torch.tensor(new long[] { 0, 0, 1, 2, 3, 3 }, [3, 2]), x[1])),
        ["index_add"] = new(() => [R(4, 3), R(5, 3)], x => x[0].index_add(0, I(0, 2, 0, 3, 2), x[1], alpha: 0.5)),
        ["index_put_accumulate"] = new(() => [R(4, 3), R(3, 3)], x => x[0].index_put([I(1, 1, 3)], x[1], accumulate: true)),
        ["index_put_overwrite"] = new(() => [R(4, 3), R(2, 3)], x => x[0].index_put([I(0, 2)], x[1])),
        ["advanced_index"] = new(() => [R(4, 3)], x => x[0].index(I(0, 3, 3), I(2, 1, 1))),
        ["masked_fill"] = new(() => [R(3, 4)], x => x[0].masked_fill(x[0].detach() > 0.3, -1.0)),
        ["masked_select"] = new(() => [R(3, 4)], x => x[0].masked_select(x[0].detach() < 0)),
        // neural-network functions
        ["layer_norm"] = new(() => [R(3, 5), R(5), R(5)], x => torch.layer_norm(x[0], [5], x[1], x[2], eps: 1e-5)),
        ["embedding"] = new(() => [R(4, 3)], x => NativeOps.embedding(x[0], torch.tensor(new long[] { 1, 3, 1, 0 }, [2, 2]))),
        ["mse_loss_mean"] = new(() => [R(3, 4), R(3, 4)], x => NativeOps.mse_loss(x[0], x[1])),
        ["mse_loss_none"] = new(() => [R(3, 4), R(3, 4)], x => NativeOps.mse_loss(x[0], x[1], reduction: 0)),
    };

    public static TheoryData<string> Names => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void Autograd_matches_central_finite_differences(string name)
    {
        torch.manual_seed(7);
        using var scope = torch.NewDisposeScope();
        Case c = Cases[name];
        GradCheck.Check(name, c.F, c.Inputs());
    }

    [Fact]
    public void Checker_rejects_a_gradient_that_ignores_a_dependency()
    {
        torch.manual_seed(7);
        using var scope = torch.NewDisposeScope();
        // Autograd sees x.detach() as a constant, so it reports x instead of 2x.
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => GradCheck.Check("detached", x => x[0].detach() * x[0], R(3)));
    }
}
