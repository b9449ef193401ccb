using MlCgMd.Systems;

namespace MlCgMd.MolecularDynamics;

/// <summary>
/// Forces and potential energy of one polymer: LJ pairs (LAMMPS pair lj/cut, per-pair cutoffs,
/// optional shift) over a Verlet list, plus bonds (LAMMPS bond fene or harmonic). Bonded pairs
/// are excluded from the pair term (LAMMPS special_bonds lj 0 1 1); FENE carries its own WCA core.
/// </summary>
internal sealed class ForceEvaluator
{
    private const double TwoToOneThird = 1.2599210498948732;

    private readonly int _count;
    private readonly int[] _types;
    private readonly int[] _bondI, _bondJ;
    private readonly BondParameters _bond;
    private readonly PairTable _table;
    private readonly SimulationBox _box;

    public NeighborList Neighbors { get; }

    public ForceEvaluator(PolymerSystem system, ForceField forceField, SimulationBox box)
    {
        _count = system.BeadCount;
        _types = system.Types;
        _bondI = system.Bonds.Select(b => b.I).ToArray();
        _bondJ = system.Bonds.Select(b => b.J).ToArray();
        _bond = forceField.Bond;
        _table = new PairTable(forceField);
        _box = box;
        Neighbors = new NeighborList(system.Types, system.Bonds, _table, forceField.MaxCutoff, forceField.NeighborSkin, box);
    }

    /// <summary>
    /// Overwrites forces [N*3] for positions [N*3], refreshing the Verlet list when needed.
    /// Returns the potential energy when <paramref name="withEnergy"/>, else 0.
    /// </summary>
    public double Compute(double[] positions, double[] forces, bool withEnergy)
    {
        if (Neighbors.NeedsRebuild(positions))
            Neighbors.Build(positions);
        Array.Clear(forces);
        double energy = _box.IsPeriodic
            ? PairForces<PeriodicImage>(positions, forces, withEnergy)
            : PairForces<NoImage>(positions, forces, withEnergy);
        energy += _bond.Style == BondStyle.Fene
            ? FeneForces(positions, forces, withEnergy)
            : HarmonicForces(positions, forces, withEnergy);
        return energy;
    }

    private interface IMinimumImage
    {
        static abstract double Fold(double d, double length);
    }

    private struct NoImage : IMinimumImage
    {
        public static double Fold(double d, double length) => d;
    }

    private struct PeriodicImage : IMinimumImage
    {
        public static double Fold(double d, double length) => d - length * Math.Round(d / length);
    }

    private unsafe double PairForces<TImage>(double[] positions, double[] forces, bool withEnergy) where TImage : struct, IMinimumImage
    {
        double energy = 0.0;
        double length = _box.Length;
        int[] start = Neighbors.RowStart;
        fixed (double* x = positions, f = forces, lj1 = _table.Lj1, lj2 = _table.Lj2, lj3 = _table.Lj3, lj4 = _table.Lj4,
               offset = _table.Offset, cutsq = _table.CutoffSquared)
        fixed (int* neighbors = Neighbors.Neighbors, types = _types, owners = Neighbors.RowOwner)
        {
            for (int r = 0; r < _count; r++)
            {
                int i = owners[r];
                double xi = x[3 * i], yi = x[3 * i + 1], zi = x[3 * i + 2];
                double fxi = 0, fyi = 0, fzi = 0;
                int row = types[i] * 4;
                int end = start[r + 1];
                for (int k = start[r]; k < end; k++)
                {
                    int j = neighbors[k];
                    double dx = TImage.Fold(xi - x[3 * j], length);
                    double dy = TImage.Fold(yi - x[3 * j + 1], length);
                    double dz = TImage.Fold(zi - x[3 * j + 2], length);
                    double rsq = dx * dx + dy * dy + dz * dz;
                    int pair = row + types[j];
                    if (rsq >= cutsq[pair]) continue;
                    double r2inv = 1.0 / rsq;
                    double r6inv = r2inv * r2inv * r2inv;
                    double fpair = r6inv * (lj1[pair] * r6inv - lj2[pair]) * r2inv;
                    fxi += dx * fpair;
                    fyi += dy * fpair;
                    fzi += dz * fpair;
                    f[3 * j] -= dx * fpair;
                    f[3 * j + 1] -= dy * fpair;
                    f[3 * j + 2] -= dz * fpair;
                    if (withEnergy)
                        energy += r6inv * (lj3[pair] * r6inv - lj4[pair]) - offset[pair];
                }
                f[3 * i] += fxi;
                f[3 * i + 1] += fyi;
                f[3 * i + 2] += fzi;
            }
        }
        return energy;
    }

    private double FeneForces(double[] positions, double[] forces, bool withEnergy)
    {
        double k = _bond.K, r0sq = _bond.MaxExtension * _bond.MaxExtension;
        double epsilon = _bond.Epsilon, sigmaSq = _bond.Sigma * _bond.Sigma;
        double energy = 0.0;
        for (int b = 0; b < _bondI.Length; b++)
        {
            int i = _bondI[b], j = _bondJ[b];
            (double dx, double dy, double dz) = BondVector(positions, i, j);
            double rsq = dx * dx + dy * dy + dz * dz;
            double logArgument = 1.0 - rsq / r0sq;
            if (!(logArgument > 0.0))
                throw new InvalidOperationException($"Bond {i}-{j} is stretched to {Math.Sqrt(rsq):G4} sigma, beyond the FENE maximum {_bond.MaxExtension}: the simulation has become unstable.");
            // LAMMPS softens bonds stretched beyond sqrt(0.9) R0 the same way (and warns).
            if (logArgument < 0.1)
                logArgument = 0.1;
            double fbond = -k / logArgument;
            double sr6 = 0.0;
            bool core = rsq < TwoToOneThird * sigmaSq;
            if (core)
            {
                double sr2 = sigmaSq / rsq;
                sr6 = sr2 * sr2 * sr2;
                fbond += 48.0 * epsilon * sr6 * (sr6 - 0.5) / rsq;
            }
            if (withEnergy)
            {
                energy += -0.5 * k * r0sq * Math.Log(logArgument);
                if (core)
                    energy += 4.0 * epsilon * sr6 * (sr6 - 1.0) + epsilon;
            }
            AddBondForce(forces, i, j, dx * fbond, dy * fbond, dz * fbond);
        }
        return energy;
    }

    private double HarmonicForces(double[] positions, double[] forces, bool withEnergy)
    {
        double k = _bond.K, rest = _bond.RestLength;
        double energy = 0.0;
        for (int b = 0; b < _bondI.Length; b++)
        {
            int i = _bondI[b], j = _bondJ[b];
            (double dx, double dy, double dz) = BondVector(positions, i, j);
            double r = Math.Sqrt(dx * dx + dy * dy + dz * dz);
            double stretch = r - rest;
            double fbond = r > 0.0 ? -2.0 * k * stretch / r : 0.0;
            if (withEnergy)
                energy += k * stretch * stretch;
            AddBondForce(forces, i, j, dx * fbond, dy * fbond, dz * fbond);
        }
        return energy;
    }

    private (double, double, double) BondVector(double[] positions, int i, int j)
    {
        double dx = positions[3 * i] - positions[3 * j];
        double dy = positions[3 * i + 1] - positions[3 * j + 1];
        double dz = positions[3 * i + 2] - positions[3 * j + 2];
        if (_box.IsPeriodic)
        {
            dx = PeriodicImage.Fold(dx, _box.Length);
            dy = PeriodicImage.Fold(dy, _box.Length);
            dz = PeriodicImage.Fold(dz, _box.Length);
        }
        return (dx, dy, dz);
    }

    private static void AddBondForce(double[] forces, int i, int j, double fx, double fy, double fz)
    {
        forces[3 * i] += fx; forces[3 * i + 1] += fy; forces[3 * i + 2] += fz;
        forces[3 * j] -= fx; forces[3 * j + 1] -= fy; forces[3 * j + 2] -= fz;
    }
}
