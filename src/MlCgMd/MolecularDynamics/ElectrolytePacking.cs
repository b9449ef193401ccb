using MlCgMd.Systems;

namespace MlCgMd.MolecularDynamics;

/// <summary>
/// Starting configuration of an electrolyte box: chains grown as random walks of bond length
/// <see cref="BondLength"/>, then the anions, then the Li+, each particle placed uniformly at random
/// where no placed particle is closer than <see cref="OverlapFraction"/> of their pair sigma
/// (minimum image). Then a soft push-off: capped steepest descent on the full potential, every
/// particle moving along its force by at most <see cref="MaxDisplacement"/> per iteration, until
/// the largest force is below <see cref="ForceTarget"/> (or after <see cref="MaxIterations"/>).
/// Positions are unwrapped ([N*3], sigma, inside [0, L) before the push-off).
/// </summary>
public static class ElectrolytePacking
{
    public const double BondLength = 0.97, OverlapFraction = 0.8;
    public const double MaxDisplacement = 0.02, ForceTarget = 50.0;
    public const int MaxIterations = 2000;
    private const int TriesPerParticle = 200, TriesPerChain = 200;

    /// <summary>Packs and pushes off; returns positions [N*3] and the largest remaining force.</summary>
    public static (double[] Positions, double MaxForce) Pack(MolecularSystem system, ForceField forceField, double boxLength, ulong seed)
    {
        var random = new GaussianRandom(seed);
        double[] positions = Place(system, forceField, boxLength, random);
        double maxForce = PushOff(system, forceField, SimulationBox.PeriodicCube(boxLength), positions);
        return (positions, maxForce);
    }

    private static double[] Place(MolecularSystem system, ForceField forceField, double box, GaussianRandom random)
    {
        int n = system.BeadCount;
        var x = new double[3 * n];
        var bonded = new int[n];
        Array.Fill(bonded, -1);
        foreach (var (i, j) in system.Bonds)
            bonded[Math.Max(i, j)] = Math.Min(i, j);   // every particle but a molecule's first is bonded to an earlier one
        int moleculeStart = 0, restarts = 0;
        for (int i = 0; i < n; i++)
        {
            if (i > 0 && system.Molecules[i] != system.Molecules[i - 1]) moleculeStart = i;
            bool placed = false;
            for (int attempt = 0; attempt < TriesPerParticle && !placed; attempt++)
            {
                if (bonded[i] < 0)
                    for (int d = 0; d < 3; d++) x[3 * i + d] = box * random.NextDouble();
                else
                {
                    (double ux, double uy, double uz) = UnitVector(random);
                    int parent = bonded[i];
                    x[3 * i] = x[3 * parent] + BondLength * ux;
                    x[3 * i + 1] = x[3 * parent + 1] + BondLength * uy;
                    x[3 * i + 2] = x[3 * parent + 2] + BondLength * uz;
                }
                placed = IsFree(system, forceField, x, i, box);
            }
            if (placed) continue;
            // A walk that ran into a dead end starts its molecule again.
            if (++restarts > TriesPerChain * Math.Max(1, system.Molecules[n - 1] + 1))
                throw new InvalidOperationException(
                    $"System '{system.Name}': could not place particle {i} without overlaps in a box of {box:G4} sigma (density {n / (box * box * box):G3}).");
            i = moleculeStart - 1;
        }
        return x;
    }

    private static bool IsFree(MolecularSystem system, ForceField forceField, double[] x, int i, double box)
    {
        for (int j = 0; j < i; j++)
        {
            double sigma = OverlapFraction * forceField.Pair(system.Types[i], system.Types[j]).Sigma;
            double dx = Fold(x[3 * i] - x[3 * j], box), dy = Fold(x[3 * i + 1] - x[3 * j + 1], box), dz = Fold(x[3 * i + 2] - x[3 * j + 2], box);
            if (dx * dx + dy * dy + dz * dz < sigma * sigma) return false;
        }
        return true;
    }

    private static (double, double, double) UnitVector(GaussianRandom random)
    {
        double x = random.NextGaussian(), y = random.NextGaussian(), z = random.NextGaussian();
        double norm = Math.Sqrt(x * x + y * y + z * z);
        return (x / norm, y / norm, z / norm);
    }

    private static double Fold(double d, double length) => d - length * Math.Round(d / length);

    /// <summary>Capped steepest descent; returns the largest per-particle force left (epsilon/sigma).</summary>
    private static double PushOff(MolecularSystem system, ForceField forceField, SimulationBox box, double[] positions)
    {
        var evaluator = new ForceEvaluator(system, forceField, box);
        var forces = new double[positions.Length];
        double maxForce = double.PositiveInfinity;
        for (int iteration = 0; iteration < MaxIterations; iteration++)
        {
            evaluator.Compute(positions, forces, withEnergy: false);
            maxForce = 0;
            for (int i = 0; i < system.BeadCount; i++)
            {
                double fx = forces[3 * i], fy = forces[3 * i + 1], fz = forces[3 * i + 2];
                double magnitude = Math.Sqrt(fx * fx + fy * fy + fz * fz);
                maxForce = Math.Max(maxForce, magnitude);
                double scale = Math.Min(1e-3, MaxDisplacement / Math.Max(magnitude, 1e-300));
                positions[3 * i] += scale * fx;
                positions[3 * i + 1] += scale * fy;
                positions[3 * i + 2] += scale * fz;
            }
            if (maxForce < ForceTarget) break;
        }
        return maxForce;
    }
}
