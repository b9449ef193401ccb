using MlCgMd.Model.Priors;
using MlCgMd.Torch;

namespace MlCgMd.Tests.Model.Priors;

public class CgPriorTests
{
    private static readonly CgPriorParameters Parameters = new()
    {
        BondK = 2.0, BondLength = 1.5, RepulsionRange = 1.2, RepulsionK = 9.0, VelocityDamping = 0.8, ForceScale = 0.05,
    };

    // Two systems: a 5-bead chain (bonds given in both orientations) and a 3-bead chain.
    private static readonly long[] Counts = [5, 3];
    private static readonly long[] BondPairs = [0, 1, 1, 0, 1, 2, 2, 3, 3, 4, 5, 6, 7, 6];

    private static double[] Positions(int seed, double spread)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, 8 * 3).Select(_ => random.NextDouble() * spread).ToArray();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Forces_are_minus_the_energy_gradient_by_central_differences(bool periodic)
    {
        using var scope = torch.NewDisposeScope();
        var prior = new CgPrior(Parameters);
        // Dense enough that several non-bonded pairs sit inside the wall; periodic boxes of 2.5
        // so that minimum images matter.
        double[] x = Positions(seed: periodic ? 4 : 3, spread: periodic ? 5.0 : 2.0);
        Tensor bonds = torch.tensor(BondPairs, [BondPairs.Length / 2, 2]);
        Tensor? boxes = periodic ? torch.tensor(new[] { 2.5, 2.5, 2.5, 2.6, 2.6, 2.6 }, [2, 3]) : null;
        double Energy(double[] p) => prior.Energy(torch.tensor(p, [8, 3]), Counts, bonds, boxes).sum().ToDouble();

        double[] forces = prior.Forces(torch.tensor(x, [8, 3]), Counts, bonds, boxes).ToArray<double>();
        const double h = 1e-6;
        for (int k = 0; k < x.Length; k++)
        {
            double[] plus = (double[])x.Clone(), minus = (double[])x.Clone();
            plus[k] += h;
            minus[k] -= h;
            double numeric = -(Energy(plus) - Energy(minus)) / (2 * h);
            Assert.Equal(numeric, forces[k], 5);
        }
        // The configuration exercises the wall (some non-bonded pair closer than its range).
        double bondOnly = new CgPrior(Parameters with { RepulsionK = 0 }).Energy(torch.tensor(x, [8, 3]), Counts, bonds, boxes).sum().ToDouble();
        Assert.True(Energy(x) > bondOnly + 1e-9, "no non-bonded pair is inside the wall");
    }

    [Fact]
    public void Two_beads_at_rest_length_outside_the_wall_feel_nothing_and_a_stretched_bond_pulls_back()
    {
        using var scope = torch.NewDisposeScope();
        var prior = new CgPrior(Parameters);
        Tensor bond = torch.tensor(new long[] { 0, 1 }, [1, 2]);
        Tensor atRest = torch.tensor(new[] { 0.0, 0, 0, 1.5, 0, 0 }, [2, 3]);
        Assert.All(prior.Forces(atRest, [2], bond, null).ToArray<double>(), f => Assert.Equal(0, f, 12));

        Tensor stretched = torch.tensor(new[] { 0.0, 0, 0, 2.0, 0, 0 }, [2, 3]);
        double[] f2 = prior.Forces(stretched, [2], bond, null).ToArray<double>();
        Assert.Equal(2.0 * 0.5, f2[0], 12);    // k (r − b₀) towards the partner
        Assert.Equal(-2.0 * 0.5, f2[3], 12);

        // Unbonded beads 1.0 apart inside a wall of range 1.2: pushed apart by k_w (σ_w − r).
        Tensor close = torch.tensor(new[] { 0.0, 0, 0, 1.0, 0, 0 }, [2, 3]);
        double[] f3 = prior.Forces(close, [2], torch.zeros([0, 2], ScalarType.Int64), null).ToArray<double>();
        Assert.Equal(-9.0 * 0.2, f3[0], 12);
        Assert.Equal(9.0 * 0.2, f3[3], 12);
    }

    [Fact]
    public void Acceleration_is_minus_damped_velocity_plus_scaled_force()
    {
        using var scope = torch.NewDisposeScope();
        var prior = new CgPrior(Parameters);
        double[] previous = Positions(seed: 5, spread: 3), latest = Positions(seed: 6, spread: 3);
        var history = new double[8 * 2 * 3];
        for (int bead = 0; bead < 8; bead++)
            for (int d = 0; d < 3; d++)
            {
                history[bead * 6 + d] = previous[bead * 3 + d];
                history[bead * 6 + 3 + d] = latest[bead * 3 + d];
            }
        Tensor bonds = torch.tensor(BondPairs, [BondPairs.Length / 2, 2]);
        double[] a = prior.Acceleration(torch.tensor(history, [8, 2, 3]), Counts, bonds, null).ToArray<double>();
        double[] f = prior.Forces(torch.tensor(latest, [8, 3]), Counts, bonds, null).ToArray<double>();
        for (int k = 0; k < a.Length; k++)
            Assert.Equal(-0.8 * (latest[k] - previous[k]) + 0.05 * f[k], a[k], 10);
    }

    [Fact]
    public void A_prior_without_fitted_values_cannot_be_built_and_invalid_values_are_named()
    {
        Assert.Throws<InvalidDataException>(() => new CgPrior(new CgPriorParameters { Fit = true }));
        var error = Assert.Throws<InvalidDataException>(() => (Parameters with { BondK = double.NaN }).Validate("model.json"));
        Assert.Contains("prior.bond_k", error.Message);
        var both = Assert.Throws<InvalidDataException>(() => (Parameters with { Fit = true }).Validate("train.json"));
        Assert.Contains("fit", both.Message);
    }
}
