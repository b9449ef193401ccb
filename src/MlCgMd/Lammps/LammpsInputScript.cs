using System.Globalization;
using System.Text;
using MlCgMd.MolecularDynamics;
using MlCgMd.Systems;

namespace MlCgMd.Lammps;

/// <summary>
/// LAMMPS input scripts describing the same system as <see cref="MdEngine"/>: units lj, pair lj/cut
/// with per-pair cutoffs (pair_modify shift as the force field says), bond fene or harmonic,
/// special_bonds lj 0 1 1, and open boundaries as shrink-wrapped with a minimum (m m m) so no image ever applies
/// and a flat or tiny chain still gets bins at least as large as the data file's padded box.
/// </summary>
public static class LammpsInputScript
{
    /// <summary>Marker printed before the potential energy so that <see cref="LammpsRunner"/> can read it back.</summary>
    public const string EnergyMarker = "MLCGMD_PE";

    /// <summary>run 0: prints the potential energy and dumps per-atom forces (id type x y z fx fy fz) to forcesDump.</summary>
    public static string ForceEvaluation(ForceField forceField, SimulationBox box, string dataFile, string forcesDump)
    {
        var s = Header(forceField, box, dataFile);
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

    private static StringBuilder Header(ForceField forceField, SimulationBox box, string dataFile)
    {
        var c = CultureInfo.InvariantCulture;
        var s = new StringBuilder();
        s.AppendLine($"# MlCgMd: force field '{forceField.Name}'");
        s.AppendLine("units lj");
        s.AppendLine("atom_style bond");
        s.AppendLine(box.IsPeriodic ? "boundary p p p" : "boundary m m m");
        s.AppendLine($"read_data {dataFile}");
        s.AppendLine("special_bonds lj 0.0 1.0 1.0");
        BondParameters bond = forceField.Bond;
        if (bond.Style == BondStyle.Fene)
        {
            s.AppendLine("bond_style fene");
            s.AppendLine(string.Format(c, "bond_coeff 1 {0:R} {1:R} {2:R} {3:R}", bond.K, bond.MaxExtension, bond.Epsilon, bond.Sigma));
        }
        else
        {
            s.AppendLine("bond_style harmonic");
            s.AppendLine(string.Format(c, "bond_coeff 1 {0:R} {1:R}", bond.K, bond.RestLength));
        }
        s.AppendLine(string.Format(c, "pair_style lj/cut {0:R}", forceField.MaxCutoff));
        s.AppendLine(forceField.ShiftPairEnergy ? "pair_modify shift yes" : "pair_modify shift no");
        for (int a = 0; a < ForceField.TypeCount; a++)
            for (int b = a; b < ForceField.TypeCount; b++)
            {
                PairParameters p = forceField.Pair(a, b);
                s.AppendLine(string.Format(c, "pair_coeff {0} {1} {2:R} {3:R} {4:R}", a + 1, b + 1, p.Epsilon, p.Sigma, p.Cutoff));
            }
        s.AppendLine(string.Format(c, "neighbor {0:R} bin", forceField.NeighborSkin));
        s.AppendLine("neigh_modify every 1 delay 0 check yes");
        return s;
    }
}
