using System.Globalization;
using MlCgMd.MolecularDynamics;
using MlCgMd.Systems;

namespace MlCgMd.Lammps;

/// <summary>
/// Writes a LAMMPS data file (atom_style bond: id mol type x y z ix iy iz) for one polymer.
/// LAMMPS type = bead type id + 1, bond type 1, molecule 1. Coordinates use round-trip precision
/// so a LAMMPS run 0 sees exactly our configuration. Masses are per type, as LAMMPS needs.
/// </summary>
public static class LammpsDataFile
{
    /// <summary>Margin (sigma) around the beads of an open system, larger than cutoff plus skin.</summary>
    public const double OpenBoxPadding = 3.0;

    /// <param name="positions">[N*3] unwrapped, sigma</param>
    public static void Write(string path, PolymerSystem system, ReadOnlySpan<double> positions, SimulationBox box)
    {
        if (positions.Length != 3 * system.BeadCount)
            throw new ArgumentException($"LAMMPS data file for '{system.Name}': positions has {positions.Length} values, expected {3 * system.BeadCount}.");
        double[] typeMass = TypeMasses(system);
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
            w.WriteLine($"LAMMPS data file: MlCgMd polymer {system.Name}");
            w.WriteLine();
            w.WriteLine($"{system.BeadCount} atoms");
            w.WriteLine($"{system.Bonds.Length} bonds");
            w.WriteLine($"{ForceField.TypeCount} atom types");
            w.WriteLine("1 bond types");
            w.WriteLine();
            string[] axes = ["x", "y", "z"];
            for (int d = 0; d < 3; d++)
                w.WriteLine(string.Format(c, "{0:R} {1:R} {2}lo {2}hi", lo[d], hi[d], axes[d]));
            w.WriteLine();
            w.WriteLine("Masses");
            w.WriteLine();
            for (int t = 0; t < ForceField.TypeCount; t++)
                w.WriteLine(string.Format(c, "{0} {1:R}", t + 1, typeMass[t]));
            w.WriteLine();
            w.WriteLine("Atoms # bond");
            w.WriteLine();
            for (int i = 0; i < system.BeadCount; i++)
                w.WriteLine(string.Format(c, "{0} 1 {1} {2:R} {3:R} {4:R} {5} {6} {7}", i + 1, system.Types[i] + 1,
                    wrapped[3 * i], wrapped[3 * i + 1], wrapped[3 * i + 2], image[3 * i], image[3 * i + 1], image[3 * i + 2]));
            w.WriteLine();
            w.WriteLine("Bonds");
            w.WriteLine();
            for (int b = 0; b < system.Bonds.Length; b++)
                w.WriteLine($"{b + 1} 1 {system.Bonds[b].I + 1} {system.Bonds[b].J + 1}");
        });
    }

    private static double[] TypeMasses(PolymerSystem system)
    {
        var mass = new double[ForceField.TypeCount];
        Array.Fill(mass, 1.0);
        var seen = new bool[ForceField.TypeCount];
        for (int i = 0; i < system.BeadCount; i++)
        {
            int t = system.Types[i];
            if (seen[t] && mass[t] != system.Masses[i])
                throw new ArgumentException($"System '{system.Name}': beads of type {(BeadType)t} have different masses; LAMMPS atom_style bond needs one mass per type.");
            mass[t] = system.Masses[i];
            seen[t] = true;
        }
        return mass;
    }
}
