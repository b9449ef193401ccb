using System.Globalization;
using System.Text;
using MlCgMd.MolecularDynamics;
using MlCgMd.Systems;

namespace MlCgMd.Lammps;

/// <summary>
/// LAMMPS input scripts describing the same system as <see cref="MdEngine"/>: units lj, pair lj/cut
/// with per-pair cutoffs (pair_modify shift as the force field says), bond fene or harmonic (one
/// bond_coeff per bond type), special_bonds lj 0 1 1, and open boundaries as shrink-wrapped with a
/// minimum (m m m) so no image ever applies and a flat or tiny chain still gets bins at least as
/// large as the data file's padded box. A charged force field uses atom_style full, pair
/// lj/cut/coul/dsf (or, as the accuracy reference, lj/cut/coul/long with PPPM), special_bonds
/// lj/coul 0 1 1, and dielectric 1/(l_B kT) so that the LJ-units Coulomb q_i q_j/(eps r) equals
/// l_B kT q_i q_j / r.
/// </summary>
public static class LammpsInputScript
{
    /// <summary>Marker printed before the potential energy so that <see cref="LammpsRunner"/> can read it back.</summary>
    public const string EnergyMarker = "MLCGMD_PE";

    /// <summary>Relative force accuracy asked of PPPM (kspace_style pppm), the electrostatics reference.</summary>
    public const double PppmAccuracy = 1e-5;

    /// <summary>run 0: prints the potential energy and dumps per-atom forces (id type x y z fx fy fz) to forcesDump.</summary>
    public static string ForceEvaluation(ForceField forceField, SimulationBox box, string dataFile, string forcesDump,
                                         LammpsElectrostatics electrostatics = LammpsElectrostatics.DampedShiftedForce)
    {
        var s = Header(forceField, box, dataFile, electrostatics);
        s.AppendLine("thermo_style custom step pe");
        s.AppendLine("thermo_modify norm no format float %20.15g");
        s.AppendLine($"dump forces all custom 1 {forcesDump} id type x y z fx fy fz");
        s.AppendLine("dump_modify forces sort id format float %20.15g");
        s.AppendLine("run 0");
        s.AppendLine("variable pe equal pe");
        s.AppendLine($"print \"{EnergyMarker} ${{pe}}\"");
        return s.ToString();
    }

    /// <summary>
    /// Langevin dynamics (fix nve + fix langevin, LAMMPS's velocity-Verlet scheme): equilibration,
    /// then production writing the unwrapped trajectory (id type xu yu zu) every recordEvery steps
    /// and Rg (compute gyration) every rgEvery steps to rgFile.
    /// </summary>
    public static string LangevinRun(ForceField forceField, SimulationBox box, string dataFile, int seed,
        MdRunOptions options, string trajectoryDump, string rgFile)
    {
        options.Validate();
        if (seed <= 0)
            throw new ArgumentOutOfRangeException(nameof(seed), seed, "LAMMPS random seeds must be positive integers.");
        var c = CultureInfo.InvariantCulture;
        var s = Header(forceField, box, dataFile);
        s.AppendLine(string.Format(c, "timestep {0:R}", forceField.TimeStep));
        s.AppendLine(string.Format(c, "velocity all create {0:R} {1} dist gaussian", forceField.Temperature, seed));
        s.AppendLine("fix integrate all nve");
        s.AppendLine(string.Format(c, "fix thermostat all langevin {0:R} {0:R} {1:R} {2}", forceField.Temperature, forceField.Damping, seed + 1));
        s.AppendLine("thermo 10000");
        if (options.EquilibrationSteps > 0)
            s.AppendLine($"run {options.EquilibrationSteps}");
        s.AppendLine("reset_timestep 0");
        s.AppendLine("compute rg all gyration");
        s.AppendLine($"fix rgout all ave/time {options.RgEvery} 1 {options.RgEvery} c_rg file {rgFile} format %20.15g");
        s.AppendLine($"dump trajectory all custom {options.RecordEvery} {trajectoryDump} id type xu yu zu");
        s.AppendLine("dump_modify trajectory sort id format float %.9g");
        s.AppendLine($"run {options.ProductionSteps}");
        return s.ToString();
    }

    /// <summary>
    /// Langevin dynamics of a periodic charged box (fix nve + fix langevin): equilibration, then
    /// production dumping unwrapped positions (id type xu yu zu) every recordEvery steps; the
    /// electrostatics as asked (DSF as the engine, or PPPM as the reference).
    /// </summary>
    public static string ElectrolyteLangevinRun(ForceField forceField, SimulationBox box, string dataFile, int seed, MdRunOptions options,
                                                string trajectoryDump, LammpsElectrostatics electrostatics)
    {
        options.Validate();
        if (seed <= 0)
            throw new ArgumentOutOfRangeException(nameof(seed), seed, "LAMMPS random seeds must be positive integers.");
        var c = CultureInfo.InvariantCulture;
        var s = Header(forceField, box, dataFile, electrostatics);
        s.AppendLine(string.Format(c, "timestep {0:R}", forceField.TimeStep));
        s.AppendLine(string.Format(c, "velocity all create {0:R} {1} dist gaussian", forceField.Temperature, seed));
        s.AppendLine("fix integrate all nve");
        s.AppendLine(string.Format(c, "fix thermostat all langevin {0:R} {0:R} {1:R} {2}", forceField.Temperature, forceField.Damping, seed + 1));
        s.AppendLine("thermo 10000");
        if (options.EquilibrationSteps > 0)
            s.AppendLine($"run {options.EquilibrationSteps}");
        s.AppendLine("reset_timestep 0");
        s.AppendLine($"dump trajectory all custom {options.RecordEvery} {trajectoryDump} id type xu yu zu");
        s.AppendLine("dump_modify trajectory sort id format float %.10g");
        s.AppendLine($"run {options.ProductionSteps}");
        return s.ToString();
    }

    internal static StringBuilder Header(ForceField forceField, SimulationBox box, string dataFile,
                                         LammpsElectrostatics electrostatics = LammpsElectrostatics.DampedShiftedForce)
    {
        var c = CultureInfo.InvariantCulture;
        var s = new StringBuilder();
        CoulombParameters? coulomb = forceField.IsCharged ? forceField.Coulomb : null;
        s.AppendLine($"# MlCgMd: force field '{forceField.Name}'");
        s.AppendLine("units lj");
        s.AppendLine(coulomb is null ? "atom_style bond" : "atom_style full");
        s.AppendLine(box.IsPeriodic ? "boundary p p p" : "boundary m m m");
        s.AppendLine($"read_data {dataFile}");
        s.AppendLine(coulomb is null ? "special_bonds lj 0.0 1.0 1.0" : "special_bonds lj/coul 0.0 1.0 1.0");
        s.AppendLine(forceField.Bond.Style == BondStyle.Fene ? "bond_style fene" : "bond_style harmonic");
        for (int t = 0; t < forceField.BondTypes.Count; t++)
        {
            BondParameters bond = forceField.BondTypes[t];
            s.AppendLine(bond.Style == BondStyle.Fene
                ? string.Format(c, "bond_coeff {0} {1:R} {2:R} {3:R} {4:R}", t + 1, bond.K, bond.MaxExtension, bond.Epsilon, bond.Sigma)
                : string.Format(c, "bond_coeff {0} {1:R} {2:R}", t + 1, bond.K, bond.RestLength));
        }
        if (coulomb is null)
            s.AppendLine(string.Format(c, "pair_style lj/cut {0:R}", forceField.MaxPairCutoff));
        else if (electrostatics == LammpsElectrostatics.DampedShiftedForce)
            s.AppendLine(string.Format(c, "pair_style lj/cut/coul/dsf {0:R} {1:R} {2:R}", coulomb.Alpha, forceField.MaxPairCutoff, coulomb.Cutoff));
        else
            s.AppendLine(string.Format(c, "pair_style lj/cut/coul/long {0:R} {1:R}", forceField.MaxPairCutoff, coulomb.Cutoff));
        s.AppendLine(forceField.ShiftPairEnergy ? "pair_modify shift yes" : "pair_modify shift no");
        for (int a = 0; a < forceField.TypeCount; a++)
            for (int b = a; b < forceField.TypeCount; b++)
            {
                PairParameters p = forceField.Pair(a, b);
                s.AppendLine(string.Format(c, "pair_coeff {0} {1} {2:R} {3:R} {4:R}", a + 1, b + 1, p.Epsilon, p.Sigma, p.Cutoff));
            }
        if (coulomb is not null)
        {
            s.AppendLine(string.Format(c, "dielectric {0:R}", 1.0 / coulomb.Prefactor(forceField.Temperature)));
            if (electrostatics == LammpsElectrostatics.ParticleParticleParticleMesh)
                s.AppendLine(string.Format(c, "kspace_style pppm {0:R}", PppmAccuracy));
        }
        s.AppendLine(string.Format(c, "neighbor {0:R} bin", forceField.NeighborSkin));
        s.AppendLine("neigh_modify every 1 delay 0 check yes");
        return s;
    }
}
