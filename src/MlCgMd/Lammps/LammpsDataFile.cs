using System.Globalization;
using MlCgMd.MolecularDynamics;
using MlCgMd.Systems;

namespace MlCgMd.Lammps;

/// <summary>
/// Writes a LAMMPS data file for one system: atom_style bond (id mol type x y z ix iy iz) for a
/// neutral force field, atom_style full (id mol type q x y z ix iy iz) for a charged one.
/// LAMMPS type = type id + 1, bond type = bond type id + 1, molecule = molecule id + 1.
/// Coordinates use round-trip precision so a LAMMPS run 0 sees exactly our configuration.
/// Masses are per type, as LAMMPS needs.
/// </summary>
public static class LammpsDataFile
{
    /// <summary>Margin (sigma) around the beads of an open system, larger than cutoff plus skin.</summary>
    public const double OpenBoxPadding = 3.0;

    /// <param name="positions">[N*3] unwrapped, sigma</param>
    public static void Write(string path, PolymerSystem system, ReadOnlySpan<double> positions, SimulationBox box) =>
        Write(path, system, ForceField.ChainSpecies.Count, 1, charged: false, positions, box);

    /// <param name="positions">[N*3] unwrapped, sigma</param>
    public static void Write(string path, MolecularSystem system, ForceField forceField, ReadOnlySpan<double> positions, SimulationBox box)
    {
        system.CheckAgainst(forceField);
        Write(path, system, forceField.TypeCount, forceField.BondTypes.Count, forceField.IsCharged, positions, box);
    }

    private static void Write(string path, MolecularSystem system, int typeCount, int bondTypeCount, bool charged,
                              ReadOnlySpan<double> positions, SimulationBox box)
    {
        if (positions.Length != 3 * system.BeadCount)
            throw new ArgumentException($"LAMMPS data file for '{system.Name}': positions has {positions.Length} values, expected {3 * system.BeadCount}.");
        double[] typeMass = TypeMasses(system, typeCount);
        double[] lo = new double[3], hi = new double[3];
        if (box.IsPeriodic)
        {
            hi[0] = hi[1] = hi[2] = box.Length;
        }
        else
        {
            // LAMMPS (boundary m m m) shrink-wraps but never below this box: pad by more than a cutoff.
            for (int d = 0; d < 3; d++)
            {
                lo[d] = double.PositiveInfinity;
                hi[d] = double.NegativeInfinity;
                for (int i = 0; i < system.BeadCount; i++)
                {
                    lo[d] = Math.Min(lo[d], positions[3 * i + d]);
                    hi[d] = Math.Max(hi[d], positions[3 * i + d]);
                }
                lo[d] -= OpenBoxPadding;
                hi[d] += OpenBoxPadding;
            }
        }
        var wrapped = new double[positions.Length];
        var image = new long[positions.Length];
        for (int k = 0; k < positions.Length; k++)
        {
            image[k] = box.IsPeriodic ? (long)Math.Floor(positions[k] / box.Length) : 0;
            wrapped[k] = positions[k] - image[k] * (box.IsPeriodic ? box.Length : 0.0);
        }

        MlCgMd.Data.AtomicFile.WriteText(path, w =>
        {
            var c = CultureInfo.InvariantCulture;
            w.WriteLine($"LAMMPS data file: MlCgMd system {system.Name}");
            w.WriteLine();
            w.WriteLine($"{system.BeadCount} atoms");
            w.WriteLine($"{system.Bonds.Length} bonds");
            w.WriteLine($"{typeCount} atom types");
            w.WriteLine($"{bondTypeCount} bond types");
            w.WriteLine();
            string[] axes = ["x", "y", "z"];
            for (int d = 0; d < 3; d++)
                w.WriteLine(string.Format(c, "{0:R} {1:R} {2}lo {2}hi", lo[d], hi[d], axes[d]));
            w.WriteLine();
            w.WriteLine("Masses");
            w.WriteLine();
            for (int t = 0; t < typeCount; t++)
                w.WriteLine(string.Format(c, "{0} {1:R}", t + 1, typeMass[t]));
            w.WriteLine();
            w.WriteLine(charged ? "Atoms # full" : "Atoms # bond");
            w.WriteLine();
            for (int i = 0; i < system.BeadCount; i++)
            {
                string charge = charged ? string.Format(c, " {0:R}", system.Charges[i]) : "";
                w.WriteLine(string.Format(c, "{0} {1} {2}{3} {4:R} {5:R} {6:R} {7} {8} {9}", i + 1, system.Molecules[i] + 1, system.Types[i] + 1,
                    charge, wrapped[3 * i], wrapped[3 * i + 1], wrapped[3 * i + 2], image[3 * i], image[3 * i + 1], image[3 * i + 2]));
            }
            w.WriteLine();
            w.WriteLine("Bonds");
            w.WriteLine();
            for (int b = 0; b < system.Bonds.Length; b++)
                w.WriteLine($"{b + 1} {system.BondTypes[b] + 1} {system.Bonds[b].I + 1} {system.Bonds[b].J + 1}");
        });
    }

    private static double[] TypeMasses(MolecularSystem system, int typeCount)
    {
        var mass = new double[typeCount];
        Array.Fill(mass, 1.0);
        var seen = new bool[typeCount];
        for (int i = 0; i < system.BeadCount; i++)
        {
            int t = system.Types[i];
            if (seen[t] && mass[t] != system.Masses[i])
                throw new ArgumentException($"System '{system.Name}': particles of type {t} have different masses; LAMMPS needs one mass per type.");
            mass[t] = system.Masses[i];
            seen[t] = true;
        }
        return mass;
    }
}
