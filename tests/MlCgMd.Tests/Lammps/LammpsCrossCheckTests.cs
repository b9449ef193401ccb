using Xunit.Abstractions;
using MlCgMd.Lammps;
using MlCgMd.MolecularDynamics;
using MlCgMd.Systems;
using MlCgMd.Tests.MolecularDynamics;

namespace MlCgMd.Tests.Lammps;

/// <summary>The C# engine and LAMMPS (run 0 on the same data file) agree on energies and forces.</summary>
public class LammpsCrossCheckTests(ITestOutputHelper output)
{
    public static TheoryData<string> Configurations => ["swollen", "globule", "harmonic", "periodic", "near_cutoff"];

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Energy_and_forces_equal_lammps_run_zero(string name)
    {
        (PolymerSystem system, ForceField forceField, SimulationBox box, double[] positions) = Configuration(name);
        var engine = new MdEngine(system, forceField, box, positions, 1);
        double energy = engine.PotentialEnergy();
        double[] forces = engine.Forces.ToArray();

        string work = Directory.CreateTempSubdirectory("mlcgmd-lmp-").FullName;
        try
        {
            LammpsDataFile.Write(Path.Combine(work, "system.data"), system, positions, box);
            LammpsRunResult result = LammpsRunner.Run(work, LammpsInputScript.ForceEvaluation(forceField, box, "system.data", "forces.dump"));
            LammpsDumpFrame frame = LammpsDumpReader.Read(Path.Combine(work, "forces.dump")).Single();
            double[] lammpsForces = frame.Vectors("fx", "fy", "fz");
            double lammpsEnergy = result.PrintedPotentialEnergy();

            Assert.True(Math.Abs(energy - lammpsEnergy) <= 1e-6 * Math.Max(Math.Abs(lammpsEnergy), 1e-3),
                $"{name}: energy {energy:R} vs LAMMPS {lammpsEnergy:R}");
            double differenceNorm = Math.Sqrt(forces.Zip(lammpsForces, (a, b) => (a - b) * (a - b)).Sum());
            double norm = Math.Sqrt(lammpsForces.Sum(f => f * f));
            output.WriteLine($"{name}: N = {system.BeadCount}, energy {energy:R} vs {lammpsEnergy:R} (relative {Math.Abs(energy - lammpsEnergy) / Math.Abs(lammpsEnergy):G3}), force difference norm / norm {differenceNorm / norm:G3}");
            Assert.True(differenceNorm <= 1e-6 * norm, $"{name}: force difference norm {differenceNorm:G3} vs norm {norm:G3}");
            // LAMMPS dumps wrapped x y z here: they must equal ours up to whole box edges.
            double edge = box.IsPeriodic ? box.Length : double.PositiveInfinity;
            Assert.Equal(positions, frame.Vectors("x", "y", "z"),
                (a, b) => box.IsPeriodic ? Math.Abs((a - b) / edge - Math.Round((a - b) / edge)) < 1e-9 : Math.Abs(a - b) < 1e-9);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static (PolymerSystem, ForceField, SimulationBox, double[]) Configuration(string name)
    {
        switch (name)
        {
            case "swollen":
            {
                var system = PolymerSystem.FromSequence(name, "BBBABBBBBBBABBBBBBBBBBABBBBBBB");
                return (system, MdTestSystems.KremerGrest, SimulationBox.Open,
                    MdTestSystems.Thermalised(system, MdTestSystems.KremerGrest, SimulationBox.Open, 1000, 21));
            }
            case "globule":
            {
                var system = PolymerSystem.FromSequence(name, "AAAAAAAAAAAABAAAAAAAAAAAAAAAAA");
                return (system, MdTestSystems.KremerGrest, SimulationBox.Open,
                    MdTestSystems.Thermalised(system, MdTestSystems.KremerGrest, SimulationBox.Open, 5000, 22));
            }
            case "harmonic":
            {
                var system = PolymerSystem.FromSequence(name, "AABBAABBAABBAABBAABBAABB");
                return (system, MdTestSystems.Harmonic, SimulationBox.Open,
                    MdTestSystems.Thermalised(system, MdTestSystems.Harmonic, SimulationBox.Open, 3000, 23));
            }
            case "periodic":
            {
                var (system, positions, box) = MdTestSystems.ThermalisedDimers(4, 2.2, 3000, 24);
                return (system, MdTestSystems.KremerGrest, box, positions);
            }
            default:
            {
                var (system, positions) = MdTestSystems.NearCutoffContacts();
                return (system, MdTestSystems.KremerGrest, SimulationBox.Open, positions);
            }
        }
    }
}
