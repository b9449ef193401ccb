using MlCgMd.Systems;

namespace MlCgMd.MolecularDynamics;

/// <summary>
/// Forces and potential energy of one system: LJ pairs (LAMMPS pair lj/cut, per-pair cutoffs,
/// optional shift) over a Verlet list, damped shifted-force Coulomb between charged particles
/// when the force field has it (LAMMPS lj/cut/coul/dsf, see <see cref="CoulombParameters"/>),
/// plus bonds (LAMMPS bond fene or harmonic, per bond type). Bonded pairs are excluded from the
/// pair terms (LAMMPS special_bonds lj/coul 0 1 1); FENE carries its own WCA core.
/// </summary>
internal sealed class ForceEvaluator
{
    private const double TwoToOneThird = 1.2599210498948732;

    private const double TwoOverSqrtPi = 1.1283791670955126;

    private readonly int _count;
    private readonly int[] _types;
    private readonly int[] _bondI, _bondJ;
    private readonly BondStyle _bondStyle;
    // Per bond [B]: FENE K, R0^2, core epsilon, core sigma^2; harmonic K and rest length (in BondK, BondLength).
    private readonly double[] _bondK, _bondLengthSquared, _bondEpsilon, _bondSigmaSquared, _bondLength;
    private readonly double[] _charges;
    private readonly DsfConstants? _dsf;
    private readonly PairTable _table;
    private readonly SimulationBox _box;

    public NeighborList Neighbors { get; }

    public ForceEvaluator(MolecularSystem system, ForceField forceField, SimulationBox box)
    {
        system.CheckAgainst(forceField);
        _count = system.BeadCount;
        _types = system.Types;
        _bondI = system.Bonds.Select(b => b.I).ToArray();
        _bondJ = system.Bonds.Select(b => b.J).ToArray();
        _bondStyle = forceField.Bond.Style;
        BondParameters[] bonds = system.BondTypes.Select(t => forceField.BondTypes[t]).ToArray();
        _bondK = bonds.Select(b => b.K).ToArray();
        _bondLengthSquared = bonds.Select(b => b.MaxExtension * b.MaxExtension).ToArray();
        _bondEpsilon = bonds.Select(b => b.Epsilon).ToArray();
        _bondSigmaSquared = bonds.Select(b => b.Sigma * b.Sigma).ToArray();
        _bondLength = bonds.Select(b => _bondStyle == BondStyle.Fene ? b.MaxExtension : b.RestLength).ToArray();
        _charges = system.Charges;
        _table = new PairTable(forceField);
        _box = box;
        if (forceField.Coulomb is { } coulomb && system.Charges.Any(q => q != 0))
            _dsf = new DsfConstants(coulomb, forceField.Temperature);
        Neighbors = new NeighborList(system.Types, system.Bonds, _table, forceField.MaxCutoff, forceField.NeighborSkin, box);
    }

    /// <summary>The constants of the DSF sum (LAMMPS PairLJCutCoulDSF::init_style).</summary>
    private sealed class DsfConstants
    {
        public readonly double Prefactor, Alpha, CutoffSquared, ForceShift, EnergyShift;

        public DsfConstants(CoulombParameters coulomb, double temperature)
        {
            double rc = coulomb.Cutoff, alpha = coulomb.Alpha;
            Prefactor = coulomb.Prefactor(temperature);
            Alpha = alpha;
            CutoffSquared = rc * rc;
            double erfc = ComplementaryErrorFunction.Exact(alpha * rc);
            ForceShift = -(erfc / (rc * rc) + TwoOverSqrtPi * alpha * Math.Exp(-alpha * alpha * rc * rc) / rc);
            EnergyShift = erfc / rc - ForceShift * rc;
        }

        /// <summary>Self energy of a particle of charge q: -C q^2 (e_shift / 2 + alpha / sqrt(pi)).</summary>
        public double SelfEnergy(double q) => -(0.5 * EnergyShift + 0.5 * TwoOverSqrtPi * Alpha) * Prefactor * q * q;
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
        double energy = (_box.IsPeriodic, _dsf is not null) switch
        {
            (true, false) => PairForces<PeriodicImage>(positions, forces, withEnergy),
            (false, false) => PairForces<NoImage>(positions, forces, withEnergy),
            (true, true) => ChargedPairForces<PeriodicImage>(positions, forces, withEnergy),
            (false, true) => ChargedPairForces<NoImage>(positions, forces, withEnergy),
        };
        energy += _bondStyle == BondStyle.Fene
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
        int typeCount = _table.TypeCount;
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
                int row = types[i] * typeCount;
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

    /// <summary>LJ plus DSF Coulomb over the list (LAMMPS PairLJCutCoulDSF::compute with exact erfc), plus the self energies.</summary>
    private unsafe double ChargedPairForces<TImage>(double[] positions, double[] forces, bool withEnergy) where TImage : struct, IMinimumImage
    {
        DsfConstants dsf = _dsf!;
        double energy = 0.0;
        if (withEnergy)
            foreach (double q in _charges)
                if (q != 0) energy += dsf.SelfEnergy(q);
        double length = _box.Length;
        int typeCount = _table.TypeCount;
        double prefactorScale = dsf.Prefactor, alpha = dsf.Alpha, coulombCutoffSquared = dsf.CutoffSquared;
        double forceShift = dsf.ForceShift, energyShift = dsf.EnergyShift, alphaForce = TwoOverSqrtPi * alpha;
        int[] start = Neighbors.RowStart;
        fixed (double* x = positions, f = forces, lj1 = _table.Lj1, lj2 = _table.Lj2, lj3 = _table.Lj3, lj4 = _table.Lj4,
               offset = _table.Offset, cutsq = _table.CutoffSquared, charge = _charges)
        fixed (int* neighbors = Neighbors.Neighbors, types = _types, owners = Neighbors.RowOwner)
        {
            for (int r = 0; r < _count; r++)
            {
                int i = owners[r];
                double xi = x[3 * i], yi = x[3 * i + 1], zi = x[3 * i + 2], qi = charge[i];
                double fxi = 0, fyi = 0, fzi = 0;
                int row = types[i] * typeCount;
                int end = start[r + 1];
                for (int k = start[r]; k < end; k++)
                {
                    int j = neighbors[k];
                    double dx = TImage.Fold(xi - x[3 * j], length);
                    double dy = TImage.Fold(yi - x[3 * j + 1], length);
                    double dz = TImage.Fold(zi - x[3 * j + 2], length);
                    double rsq = dx * dx + dy * dy + dz * dz;
                    int pair = row + types[j];
                    double qq = qi * charge[j];
                    bool lj = rsq < cutsq[pair], coulomb = qq != 0 && rsq < coulombCutoffSquared;
                    if (!lj && !coulomb) continue;
                    double r2inv = 1.0 / rsq;
                    double fpair = 0.0;
                    if (lj)
                    {
                        double r6inv = r2inv * r2inv * r2inv;
                        fpair = r6inv * (lj1[pair] * r6inv - lj2[pair]) * r2inv;
                        if (withEnergy)
                            energy += r6inv * (lj3[pair] * r6inv - lj4[pair]) - offset[pair];
                    }
                    if (coulomb)
                    {
                        double distance = Math.Sqrt(rsq);
                        double prefactor = prefactorScale * qq / distance;
                        double gaussian = Math.Exp(-alpha * alpha * rsq);
                        double erfc = ComplementaryErrorFunction.Scaled(alpha * distance) * gaussian;
                        fpair += prefactor * (erfc / distance + alphaForce * gaussian + distance * forceShift) * distance * r2inv;
                        if (withEnergy)
                            energy += prefactor * (erfc - distance * energyShift - rsq * forceShift);
                    }
                    fxi += dx * fpair;
                    fyi += dy * fpair;
                    fzi += dz * fpair;
                    f[3 * j] -= dx * fpair;
                    f[3 * j + 1] -= dy * fpair;
                    f[3 * j + 2] -= dz * fpair;
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
        double energy = 0.0;
        for (int b = 0; b < _bondI.Length; b++)
        {
            int i = _bondI[b], j = _bondJ[b];
            double k = _bondK[b], r0sq = _bondLengthSquared[b], epsilon = _bondEpsilon[b], sigmaSq = _bondSigmaSquared[b];
            (double dx, double dy, double dz) = BondVector(positions, i, j);
            double rsq = dx * dx + dy * dy + dz * dz;
            double logArgument = 1.0 - rsq / r0sq;
            if (!(logArgument > 0.0))
                throw new InvalidOperationException($"Bond {i}-{j} is stretched to {Math.Sqrt(rsq):G4} sigma, beyond the FENE maximum {_bondLength[b]}: the simulation has become unstable.");
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
        double energy = 0.0;
        for (int b = 0; b < _bondI.Length; b++)
        {
            int i = _bondI[b], j = _bondJ[b];
            double k = _bondK[b], rest = _bondLength[b];
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
