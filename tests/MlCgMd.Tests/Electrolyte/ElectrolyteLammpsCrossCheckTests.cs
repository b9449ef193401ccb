using Xunit.Abstractions;
using MlCgMd.Lammps;
using MlCgMd.MolecularDynamics;
using MlCgMd.Systems;

namespace MlCgMd.Tests.Electrolyte;

/// <summary>
/// The C# engine and LAMMPS lj/cut/coul/dsf (run 0 on the same data file, atom_style full) agree on
/// the energy and every force of thermal electrolyte boxes: at the shipped damping (LAMMPS evaluates
/// erfc with a polynomial of absolute error up to 1.5e-7, this engine exactly), without damping
/// (alpha = 0, where both are exact), and translated so that Li ions sit on the box faces.
/// </summary>
public class ElectrolyteLammpsCrossCheckTests(ITestOutputHelper output)
{
    public static TheoryData<string> Configurations => ["thermal", "undamped", "ions_on_faces"];

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Energy_and_forces_equal_lammps_run_zero(string name)
    {
        ForceField file = ElectrolyteTestSystems.PeoForceField;
        if (name == "undamped") file = WithAlpha(file, 0.0);
        var (system, forceField, box, positions) = ElectrolyteTestSystems.Thermalised(ElectrolyteTestSystems.Small(2.5), 400, 11, file);
        if (name == "ions_on_faces") positions = PutIonsOnFaces(system, positions, box.Length);
        var engine = new MdEngine(system, forceField, box, positions, 1);
        double energy = engine.PotentialEnergy();
        double[] forces = engine.Forces.ToArray();

        string work = Directory.CreateTempSubdirectory("mlcgmd-lmp-electrolyte-").FullName;
        try
        {
            LammpsDataFile.Write(Path.Combine(work, "system.data"), system, forceField, positions, box);
            LammpsRunResult result = LammpsRunner.Run(work, LammpsInputScript.ForceEvaluation(forceField, box, "system.data", "forces.dump"));
            double[] lammpsForces = LammpsDumpReader.Read(Path.Combine(work, "forces.dump")).Single().Vectors("fx", "fy", "fz");
            double lammpsEnergy = result.PrintedPotentialEnergy();

            double differenceNorm = Math.Sqrt(forces.Zip(lammpsForces, (a, b) => (a - b) * (a - b)).Sum());
            double norm = Math.Sqrt(lammpsForces.Sum(f => f * f));
            double maxAbs = forces.Zip(lammpsForces, (a, b) => Math.Abs(a - b)).Max();
            output.WriteLine($"{name}: N = {system.BeadCount}, box {box.Length:F4}, energy {energy:R} vs LAMMPS {lammpsEnergy:R} " +
                             $"(relative {Math.Abs(energy - lammpsEnergy) / Math.Abs(lammpsEnergy):G3}); forces: max |diff| {maxAbs:G3}, " +
                             $"largest |F| {lammpsForces.Max(Math.Abs):G4}, diff norm / norm {differenceNorm / norm:G3}; " +
                             $"closest pair to each cutoff: {ClosestToCutoffs(system, forceField, positions, box.Length)}");
            Assert.True(Math.Abs(energy - lammpsEnergy) <= 1e-6 * Math.Abs(lammpsEnergy), $"{name}: energy {energy:R} vs LAMMPS {lammpsEnergy:R}");
            Assert.True(differenceNorm <= 1e-6 * norm, $"{name}: force difference norm {differenceNorm:G3} vs norm {norm:G3}");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Translates the whole box so that the first Li sits 1e-9 below the upper x face and the last one on the lower y face.</summary>
    private static double[] PutIonsOnFaces(MolecularSystem system, double[] positions, double length)
    {
        int first = Array.IndexOf(system.Charges, 1.0), last = Array.LastIndexOf(system.Charges, 1.0);
        double shiftX = length - 1e-9 - Wrap(positions[3 * first], length), shiftY = -Wrap(positions[3 * last + 1], length);
        var moved = (double[])positions.Clone();
        for (int i = 0; i < system.BeadCount; i++)
        {
            moved[3 * i] = Wrap(moved[3 * i], length) + shiftX;
            moved[3 * i + 1] = Wrap(moved[3 * i + 1], length) + shiftY;
        }
        return moved;
    }

    private static double Wrap(double x, double length) => x - length * Math.Floor(x / length);

    /// <summary>For each distinct cutoff in use, the smallest |r - cutoff| over interacting pairs: shows pairs near every cutoff are exercised.</summary>
    private static string ClosestToCutoffs(MolecularSystem system, ForceField forceField, double[] x, double length)
    {
        var closest = new SortedDictionary<double, double>();
        for (int i = 0; i < system.BeadCount; i++)
            for (int j = i + 1; j < system.BeadCount; j++)
            {
                double r = Math.Sqrt(Enumerable.Range(0, 3).Sum(d =>
                {
                    double delta = x[3 * i + d] - x[3 * j + d];
                    delta -= length * Math.Round(delta / length);
                    return delta * delta;
                }));
                var cutoffs = new List<double> { forceField.Pair(system.Types[i], system.Types[j]).Cutoff };
                if (system.Charges[i] != 0 && system.Charges[j] != 0) cutoffs.Add(forceField.Coulomb!.Cutoff);
                foreach (double cutoff in cutoffs)
                    closest[Math.Round(cutoff, 6)] = Math.Min(closest.GetValueOrDefault(Math.Round(cutoff, 6), double.PositiveInfinity), Math.Abs(r - cutoff));
            }
        return string.Join(", ", closest.Select(kv => $"{kv.Key}: {kv.Value:G2}"));
    }

    private static ForceField WithAlpha(ForceField f, double alpha)
    {
        var table = new PairParameters[f.TypeCount, f.TypeCount];
        for (int a = 0; a < f.TypeCount; a++)
            for (int b = 0; b < f.TypeCount; b++)
                table[a, b] = f.Pair(a, b);
        return new ForceField(f.Name + "-undamped", f.Species, table, f.BondTypes, f.Coulomb! with { Alpha = alpha }, f.ShiftPairEnergy,
            f.Temperature, f.Damping, f.TimeStep, f.NeighborSkin);
    }
}
