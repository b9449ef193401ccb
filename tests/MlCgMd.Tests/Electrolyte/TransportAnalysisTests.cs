using MlCgMd.Analysis;
using MlCgMd.MolecularDynamics;

namespace MlCgMd.Tests.Electrolyte;

/// <summary>MSD, diffusion coefficients and RDFs on trajectories whose answers are known.</summary>
public class TransportAnalysisTests
{
    [Fact]
    public void Msd_of_uniform_drift_is_v_squared_lag_squared()
    {
        const int frames = 12, particles = 2;
        var x = new double[frames * particles * 3];
        for (int t = 0; t < frames; t++)
        {
            x[(t * particles + 0) * 3 + 0] = 0.5 * t;           // v = (0.5, 0, 0)
            x[(t * particles + 1) * 3 + 1] = -2.0 * t + 7;      // v = (0, -2, 0)
        }
        double[,] msd = MeanSquaredDisplacement.PerParticle(x, frames, particles, [0, 1], frames - 1);
        for (int k = 0; k < frames; k++)
        {
            Assert.Equal(0.25 * k * k, msd[0, k], 12);
            Assert.Equal(4.0 * k * k, msd[1, k], 12);
        }
    }

    [Fact]
    public void Brownian_walkers_give_back_their_diffusion_coefficient_within_the_error()
    {
        const int frames = 400, particles = 64;
        const double d = 0.03, dt = 0.5;
        var random = new GaussianRandom(9);
        var x = new double[frames * particles * 3];
        double step = Math.Sqrt(2 * d * dt);
        for (int t = 1; t < frames; t++)
            for (int k = 0; k < particles * 3; k++)
                x[t * particles * 3 + k] = x[(t - 1) * particles * 3 + k] + step * random.NextGaussian();
        double[,] msd = MeanSquaredDisplacement.PerParticle(x, frames, particles, Enumerable.Range(0, particles).ToArray(), frames - 1);
        DiffusionCoefficient fit = DiffusionCoefficient.FitDefaultWindow(msd, dt, frames);
        Assert.Equal(particles, fit.Particles);
        Assert.Equal(0.1 * (frames - 1) * dt, fit.FitStart, 0);
        Assert.InRange(fit.StandardError, 0.02 * d, 0.3 * d);
        Assert.True(Math.Abs(fit.Value - d) < 3 * fit.StandardError, $"D = {fit.Value:G4} +- {fit.StandardError:G2}, expected {d}");
    }

    private static float[] BrownianWalkers(int frames, int particles, double d, double dt, int seed)
    {
        var random = new GaussianRandom((ulong)seed);
        var x = new float[frames * particles * 3];
        double step = Math.Sqrt(2 * d * dt);
        var current = new double[particles * 3];
        for (int t = 1; t < frames; t++)
            for (int k = 0; k < particles * 3; k++)
                x[t * particles * 3 + k] = (float)(current[k] += step * random.NextGaussian());
        return x;
    }

    [Fact]
    public void Particle_bootstrap_diffusivity_is_unbiased_and_its_error_covers_the_spread_between_independent_runs()
    {
        const int frames = 300, particles = 20, runs = 24;
        const double d = 0.05, dt = 2.0;
        int[] all = Enumerable.Range(0, particles).ToArray();
        var estimates = Enumerable.Range(0, runs)
            .Select(seed => ParticleBootstrapDiffusion.Estimate(BrownianWalkers(frames, particles, d, dt, 100 + seed), frames, particles, all,
                dt, startLag: 30, endLag: 150, replicates: 400, seed: seed))
            .ToList();
        double mean = estimates.Average(e => e.Value);
        double spread = Math.Sqrt(estimates.Sum(e => (e.Value - mean) * (e.Value - mean)) / (runs - 1));
        double typicalError = estimates.Average(e => e.StandardError);
        Assert.True(Math.Abs(mean - d) < 3 * spread / Math.Sqrt(runs), $"mean D {mean:G4} over {runs} runs (spread {spread:G3}), expected {d}");
        // The bootstrap error of one run estimates the run-to-run spread (within the noise of both over 24 runs).
        Assert.InRange(typicalError / spread, 0.6, 1.6);
        Assert.All(estimates, e => Assert.True(e.Lower95 < e.Value && e.Value < e.Upper95));

        // Walkers that do not move: D = 0 exactly, with no spread.
        var still = ParticleBootstrapDiffusion.Estimate(new float[frames * particles * 3], frames, particles, all, dt, 30, 150);
        Assert.Equal((0.0, 0.0), (still.Value, still.StandardError));
    }

    [Fact]
    public void Particle_bootstrap_diffusivity_refuses_a_window_that_leaves_too_few_time_origins()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            ParticleBootstrapDiffusion.Estimate(new float[40 * 2 * 3], 40, 2, [0, 1], 1.0, startLag: 5, endLag: 35));
        Assert.Contains("40 frames leave 5 time origins for lags up to 35; at least 10 are needed", error.Message);
    }

    [Fact]
    public void Ideal_gas_rdf_is_one_and_its_coordination_number_is_density_times_sphere_volume()
    {
        const int frames = 20, particles = 400;
        const double length = 8.0;
        var random = new GaussianRandom(4);
        var x = new double[frames * particles * 3];
        for (int k = 0; k < x.Length; k++) x[k] = length * random.NextDouble();
        int[] a = Enumerable.Range(0, 100).ToArray(), b = Enumerable.Range(100, 300).ToArray();
        RadialDistribution rdf = RadialDistribution.Compute(x, frames, particles, Enumerable.Repeat(length, frames).ToArray(), a, b, 0.1);
        Assert.Equal(40, rdf.G.Length);
        double mean = rdf.G.Skip(10).Average();   // beyond r = 1 every bin has thousands of pairs
        Assert.InRange(mean, 0.98, 1.02);
        int[] all = Enumerable.Range(0, particles).ToArray();   // one set with itself: no particle is its own neighbour
        RadialDistribution self = RadialDistribution.Compute(x, frames, particles, Enumerable.Repeat(length, frames).ToArray(), all, all, 0.1);
        Assert.InRange(self.G.Skip(10).Average(), 0.99, 1.01);
        double expected = 300 / (length * length * length) * 4.0 / 3.0 * Math.PI * Math.Pow(rdf.FirstMinimum, 3);
        Assert.True(Math.Abs(rdf.CoordinationNumber - expected) < 0.05 * expected + 0.05,
            $"coordination number {rdf.CoordinationNumber:G4} within r = {rdf.FirstMinimum:G3}, ideal gas {expected:G4}");
    }

    [Fact]
    public void A_shell_of_neighbours_gives_its_count_as_coordination_number()
    {
        // Each of 4 centres carries 6 neighbours at distance 1 (octahedron), far from everything else: CN = 6 within the first minimum.
        const double length = 40;
        var positions = new List<double>();
        var centres = new List<int>();
        var shell = new List<int>();
        for (int c = 0; c < 4; c++)
        {
            double cx = 5 + 10 * c, cy = 20, cz = 20;
            centres.Add(positions.Count / 3);
            positions.AddRange([cx, cy, cz]);
            foreach (var (dx, dy, dz) in new[] { (1, 0, 0), (-1, 0, 0), (0, 1, 0), (0, -1, 0), (0, 0, 1), (0, 0, -1) })
            {
                shell.Add(positions.Count / 3);
                positions.AddRange([cx + dx, cy + dy, cz + dz]);
            }
        }
        RadialDistribution rdf = RadialDistribution.Compute(positions.ToArray(), 1, positions.Count / 3, [length], centres, shell, 0.05);
        Assert.Equal(1.025, rdf.PeakRadius, 6);
        Assert.Equal(6.0, rdf.CoordinationNumber, 9);
        // Counted within a given shell instead (another trajectory's first minimum): all 6 beyond the shell, none inside 0.9.
        Assert.Equal(6.0, RadialDistribution.Compute(positions.ToArray(), 1, positions.Count / 3, [length], centres, shell, 0.05,
            coordinationRadius: 1.5).CoordinationNumber, 9);
        RadialDistribution inner = RadialDistribution.Compute(positions.ToArray(), 1, positions.Count / 3, [length], centres, shell, 0.05,
            coordinationRadius: 0.9);
        Assert.Equal((0.0, 0.9), (inner.CoordinationNumber, inner.FirstMinimum));
    }
}
