using MlCgMd.Model.Priors;
using MlCgMd.Training;

namespace MlCgMd.Tests.Training;

public class PriorFitTests
{
    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    [Fact]
    public void Bond_parameters_are_the_mean_and_the_inverse_variance()
    {
        var random = new Random(1);
        double[] lengths = Enumerable.Range(0, 200_000).Select(_ => 2.0 + 0.5 * Gaussian(random)).ToArray();
        var (length, stiffness) = PriorFit.BondParameters(lengths);
        Assert.Equal(2.0, length, 2);
        Assert.Equal(4.0, stiffness, 1);     // 1 / 0.5²
    }

    [Fact]
    public void Wall_stiffness_recovers_a_half_gaussian_penetration_depth()
    {
        // Distances inside the wall range σ_w = 1.5 drawn as σ_w − |N(0, s)| with s² = 1 / k, k = 25.
        var random = new Random(2);
        var distances = Enumerable.Range(0, 100_000).Select(_ => 1.5 - Math.Abs(Gaussian(random)) / 5.0)
            .Concat(Enumerable.Range(0, 50_000).Select(_ => 1.5 + 3 * random.NextDouble()));   // pairs beyond the wall
        Assert.Equal(25.0, PriorFit.WallStiffness(distances, 1.5), 0);
    }

    [Fact]
    public void Damping_and_force_scale_are_recovered_from_trajectories_made_by_the_prior_itself()
    {
        // Chains of 4 beads propagated by x_{t+1} = x_t + (1 − λ) v_t + c F(x_t) + noise, λ = 0.9, c = 0.04.
        var truth = new CgPriorParameters
        {
            BondK = 3.0, BondLength = 1.0, RepulsionRange = 0.8, RepulsionK = 10.0, VelocityDamping = 0.9, ForceScale = 0.04,
        };
        var prior = new CgPrior(truth);
        var random = new Random(3);
        int[] bonds = [0, 1, 1, 2, 2, 3];
        var trajectories = new List<PriorFit.CgTrajectory>();
        for (int chain = 0; chain < 6; chain++)
        {
            const int frames = 400, beads = 4;
            var x = new float[frames * beads * 3];
            for (int b = 0; b < beads; b++) x[b * 3] = x[beads * 3 + b * 3] = b;      // straight chain at rest, v = 0
            for (int t = 1; t + 1 < frames; t++)
            {
                using var scope = MlCgMd.Torch.torch.NewDisposeScope();
                var now = new double[beads * 3];
                for (int k = 0; k < now.Length; k++) now[k] = x[t * beads * 3 + k];
                double[] f = prior.Forces(MlCgMd.Torch.torch.tensor(now, [beads, 3]), [beads],
                    MlCgMd.Torch.torch.tensor(bonds.Select(i => (long)i).ToArray(), [3, 2]), null).ToArray<double>();
                for (int k = 0; k < now.Length; k++)
                {
                    double v = x[t * beads * 3 + k] - x[(t - 1) * beads * 3 + k];
                    x[(t + 1) * beads * 3 + k] = (float)(now[k] + 0.1 * v + 0.04 * f[k] + 0.05 * Gaussian(random));
                }
            }
            trajectories.Add(new PriorFit.CgTrajectory(x, frames, beads, bonds, null));
        }
        var (damping, forceScale) = PriorFit.DynamicsParameters(trajectories, truth);
        Assert.Equal(0.9, damping, 1);
        Assert.InRange(forceScale, 0.03, 0.05);
    }
}
