using MlCgMd.Analysis;
using MlCgMd.Batching;
using MlCgMd.Model.Priors;
using MlCgMd.Simulation;
using MlCgMd.Torch;

namespace MlCgMd.Training;

/// <summary>
/// Fits a <see cref="CgPrior"/> to the CG statistics of reference trajectories, in kT units:
/// <list type="bullet">
/// <item>bond: b₀ = mean CG bond length, k_b = 1 / Var(r) (Boltzmann inversion of a harmonic bond);</item>
/// <item>wall: σ_w = the <c>wall_quantile</c> of non-bonded CG distances; k_w = 1 / mean((σ_w − r)²) over the
/// pairs closer than σ_w (the maximum-likelihood stiffness of a half-Gaussian penetration depth);</item>
/// <item>dynamics: λ and c by least squares of the observed a* = x_{t+1} − 2x_t + x_{t−1} on
/// −v_t and F(x_t) over every bead and model step (frames <c>dilation</c> apart).</item>
/// </list>
/// </summary>
public static class PriorFit
{
    /// <summary>The CG trajectory of one system at model-step spacing.</summary>
    /// <param name="Positions">[frames, beads, 3] bead positions (unwrapped when periodic)</param>
    /// <param name="Bonds">[2·bonds] CG bond pairs (bead indices)</param>
    /// <param name="Boxes">[frames, 3] cubic box lengths, or null for open boundaries</param>
    public sealed record CgTrajectory(float[] Positions, int Frames, int Beads, int[] Bonds, float[]? Boxes);

    /// <summary>The prior's parameters fitted to <paramref name="systems"/> (the training split).</summary>
    public static CgPriorParameters Fit(IReadOnlyList<CgSystem> systems, int dilation, double wallQuantile) =>
        Fit(systems.Select(s => Trajectory(s, dilation)).ToList(), wallQuantile);

    public static CgPriorParameters Fit(IReadOnlyList<CgTrajectory> trajectories, double wallQuantile)
    {
        var (bondLengths, otherDistances) = Distances(trajectories);
        if (bondLengths.Count < 2)
            throw new InvalidDataException("cannot fit a CG prior: the training trajectories have fewer than 2 CG bond samples");
        if (otherDistances.Count < 2)
            throw new InvalidDataException("cannot fit a CG prior: the training trajectories have no non-bonded CG pairs");
        var (bondLength, bondK) = BondParameters(bondLengths);
        double range = Quantiles.Of(otherDistances, wallQuantile);
        double wallK = WallStiffness(otherDistances, range);
        var potentials = new CgPriorParameters
        {
            BondK = bondK, BondLength = bondLength, RepulsionRange = range, RepulsionK = wallK, VelocityDamping = 0, ForceScale = 1,
        };
        var (damping, forceScale) = DynamicsParameters(trajectories, potentials);
        return potentials with { VelocityDamping = damping, ForceScale = forceScale };
    }

    /// <summary>b₀ = mean, k_b = 1 / variance (kT units).</summary>
    public static (double Length, double Stiffness) BondParameters(IReadOnlyCollection<double> lengths)
    {
        double mean = lengths.Average();
        double variance = lengths.Sum(r => (r - mean) * (r - mean)) / (lengths.Count - 1);
        if (!(variance > 0)) throw new InvalidDataException("cannot fit a CG prior: every CG bond has the same length");
        return (mean, 1 / variance);
    }

    /// <summary>k_w = 1 / mean((σ_w − r)²) over r &lt; σ_w (kT units); 0 when no pair is closer than σ_w.</summary>
    public static double WallStiffness(IEnumerable<double> distances, double range)
    {
        double sum = 0;
        long n = 0;
        foreach (double r in distances)
            if (r < range) { sum += (range - r) * (range - r); n++; }
        return n == 0 || sum == 0 ? 0 : n / sum;
    }

    /// <summary>(λ, c) minimising Σ |a* + λ v − c F|² with the forces of <paramref name="potentials"/>.</summary>
    public static (double Damping, double ForceScale) DynamicsParameters(IReadOnlyList<CgTrajectory> trajectories,
                                                                         CgPriorParameters potentials)
    {
        var prior = new CgPrior(potentials);
        double vv = 0, vf = 0, ff = 0, va = 0, fa = 0;
        foreach (CgTrajectory trajectory in trajectories)
        {
            if (trajectory.Frames < 3) continue;
            double[] forces = ForcesAtEveryFrame(prior, trajectory);
            int frameSize = trajectory.Beads * 3;
            float[] x = trajectory.Positions;
            for (int t = 1; t + 1 < trajectory.Frames; t++)
                for (int k = 0; k < frameSize; k++)
                {
                    int at = t * frameSize + k;
                    double v = x[at] - x[at - frameSize];
                    double a = x[at + frameSize] - 2.0 * x[at] + x[at - frameSize];
                    double f = forces[at];
                    vv += v * v; vf += v * f; ff += f * f; va += v * a; fa += f * a;
                }
        }
        // Normal equations of a ≈ −λ v + c F: [vv, −vf; −vf, ff] [λ; c] = [−va; fa].
        double determinant = vv * ff - vf * vf;
        if (!(Math.Abs(determinant) > 1e-12 * Math.Max(1, vv * ff)))
            throw new InvalidDataException("cannot fit a CG prior: velocities and prior forces are degenerate in the training data");
        double damping = (-va * ff + vf * fa) / determinant;
        double forceScale = (vv * fa - vf * va) / determinant;
        return (damping, forceScale);
    }

    private static double[] ForcesAtEveryFrame(CgPrior prior, CgTrajectory trajectory)
    {
        using var scope = torch.NewDisposeScope();
        int frames = trajectory.Frames, beads = trajectory.Beads;
        // Every frame as its own system of one batch: [frames·beads, 3].
        Tensor positions = torch.tensor(trajectory.Positions, [frames * (long)beads, 3]).to(ScalarType.Float64);
        long[] counts = Enumerable.Repeat((long)beads, frames).ToArray();
        var bonds = new long[frames * trajectory.Bonds.Length];
        for (int t = 0; t < frames; t++)
            for (int b = 0; b < trajectory.Bonds.Length; b++) bonds[t * trajectory.Bonds.Length + b] = t * (long)beads + trajectory.Bonds[b];
        Tensor bondTensor = torch.tensor(bonds, [bonds.Length / 2, 2]);
        Tensor? boxes = trajectory.Boxes is null ? null : torch.tensor(trajectory.Boxes, [frames, 3]).to(ScalarType.Float64);
        return prior.Forces(positions, counts, bondTensor, boxes).contiguous().ToArray<double>();
    }

    /// <summary>CG bond lengths and the distances of all other within-system bead pairs (minimum image).</summary>
    private static (List<double> Bonds, List<double> Others) Distances(IReadOnlyList<CgTrajectory> trajectories)
    {
        var bondLengths = new List<double>();
        var others = new List<double>();
        foreach (CgTrajectory trajectory in trajectories)
        {
            int beads = trajectory.Beads;
            HashSet<(int, int)> bonded = StabilityThresholds.BondedPairs(trajectory.Bonds);
            for (int t = 0; t < trajectory.Frames; t++)
            {
                ReadOnlySpan<float> frame = trajectory.Positions.AsSpan(t * beads * 3, beads * 3);
                ReadOnlySpan<float> box = trajectory.Boxes is null ? default : trajectory.Boxes.AsSpan(t * 3, 3);
                for (int i = 0; i < beads; i++)
                    for (int j = i + 1; j < beads; j++)
                        if (bonded.Contains((i, j))) bondLengths.Add(StabilityThresholds.Distance(frame, i, j, default));   // unwrapped
                        else others.Add(StabilityThresholds.Distance(frame, i, j, box));
            }
        }
        return (bondLengths, others);
    }

    /// <summary>A system's CG trajectory with frames <paramref name="dilation"/> apart.</summary>
    private static CgTrajectory Trajectory(CgSystem system, int dilation)
    {
        int frames = (system.FrameCount - 1) / dilation + 1;
        float[] fine = system.ReadFrames(0, frames, dilation);
        float[] centres = system.Map.CentersOfMass(fine, frames);
        float[]? boxes = null;
        if (system.BoxAt(0) is not null)
        {
            boxes = new float[frames * 3];
            for (int t = 0; t < frames; t++) system.BoxAt(t * dilation)!.CopyTo(boxes, t * 3);
        }
        return new CgTrajectory(centres, frames, system.Map.BeadCount, system.Map.CgBonds, boxes);
    }
}
