using Xunit.Sdk;

namespace MlCgMd.Torch.Tests;

/// <summary>
/// Float64 gradient checker: the gradient that autograd gives for a random projection
/// sum(w * f(x)) must equal its central finite difference with respect to every element
/// of every input. The projection weights make each output element count differently,
/// so a wrong Jacobian entry cannot hide behind a symmetric sum.
/// </summary>
internal static class GradCheck
{
    public const double Step = 1e-6;
    public const double Tolerance = 1e-6;

    /// <summary>Throws an xunit assertion failure naming the first input element whose gradients disagree.</summary>
    public static void Check(string name, Func<Tensor[], Tensor> f, params Tensor[] inputs)
    {
        using var scope = torch.NewDisposeScope();
        Tensor[] leaves = inputs.Select(x => x.detach().clone().requires_grad_()).ToArray();
        Tensor output = f(leaves);
        Assert.Equal(ScalarType.Float64, output.dtype);
        Tensor weights = torch.randn(output.shape, torch.float64);
        Tensor projected = (output * weights).sum();
        Tensor?[] analytic = torch.autograd.grad([projected], leaves, allow_unused: true);

        for (int j = 0; j < leaves.Length; j++)
        {
            long[] shape = leaves[j].shape;
            double[] point = leaves[j].detach().ToArray<double>();
            double[] expected = analytic[j]?.ToArray<double>() ?? new double[point.Length];
            for (int i = 0; i < point.Length; i++)
            {
                double plus = Evaluate(f, leaves, weights, j, shape, point, i, +Step);
                double minus = Evaluate(f, leaves, weights, j, shape, point, i, -Step);
                double numeric = (plus - minus) / (2 * Step);
                double error = Math.Abs(numeric - expected[i]);
                if (error > Tolerance * Math.Max(1, Math.Abs(expected[i])))
                    throw new XunitException(
                        $"{name}: d/d input[{j}] element {i}: autograd {expected[i]:R} but finite difference {numeric:R}");
            }
        }
    }

    private static double Evaluate(Func<Tensor[], Tensor> f, Tensor[] leaves, Tensor weights, int input, long[] shape,
                                   double[] point, int element, double delta)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        double[] moved = (double[])point.Clone();
        moved[element] += delta;
        Tensor[] arguments = leaves.Select(x => x.detach()).ToArray();
        arguments[input] = torch.tensor(moved, shape);
        return (f(arguments) * weights).sum().item<double>();
    }
}
