using System.CommandLine;
using System.Text.Json;
using MlCgMd.Analysis;
using MlCgMd.Generation;
using MlCgMd.Lammps;
using MlCgMd.MolecularDynamics;
using MlCgMd.Systems;

namespace MlCgMd.Cli.Commands;

/// <summary>
/// `mlcgmd validate-electrolyte`: Li+ diffusivity of one composition from the same packed start with
/// the built-in engine (DSF), LAMMPS lj/cut/coul/dsf and LAMMPS lj/cut/coul/long + PPPM (the
/// electrostatics reference), each with its fit window and per-ion error; too slow for the test suite.
/// </summary>
internal static class ValidateElectrolyteCommand
{
    public static Command Create()
    {
        var config = new Option<string>("--config") { Description = "electrolyte dataset config (a tier)", DefaultValueFactory = _ => "data/configs/electrolyte-reproduction.json" };
        var composition = new Option<string?>("--composition") { Description = "composition to run (default: the first of the test split)" };
        var steps = new Option<long>("--production-steps") { Description = "production MD steps (0: the split's)", DefaultValueFactory = _ => 0 };
        var output = new Option<string>("--out") { Description = "report JSON (D in sigma^2/tau)", DefaultValueFactory = _ => "runs/validate-electrolyte.json" };
        var command = new Command("validate-electrolyte",
            "Li+ diffusivity of one composition: built-in engine (DSF) vs LAMMPS DSF vs LAMMPS PPPM, same start.")
        {
            config, composition, steps, output,
        };
        command.SetAction(parse => CommandAction.Run(() =>
        {
            string configPath = parse.GetValue(config)!;
            ElectrolyteDatasetConfig dataset = ElectrolyteDatasetConfigLoader.Load(configPath);
            string? wanted = parse.GetValue(composition);
            var (split, index) = dataset.Splits.SelectMany(s => s.Compositions.Select((c, k) => (s, k)))
                .FirstOrDefault(p => wanted is null ? p.s.Name == "test" : p.s.Compositions[p.k].Name == wanted);
            if (split is null)
                throw new ArgumentException($"{configPath}: no composition named '{wanted ?? "(first of split test)"}'; expected one of " +
                                            string.Join(", ", dataset.Splits.SelectMany(s => s.Compositions).Select(c => c.Name)));
            ElectrolyteComposition chosen = split.Compositions[index];
            MdRunOptions run = parse.GetValue(steps) is > 0 and var production
                ? split.Run with { ProductionSteps = production - production % split.Run.RecordEvery }
                : split.Run;
            ulong seed = dataset.SystemSeed(split, index);
            (MolecularSystem system, ForceField forceField) = ElectrolyteSystem.Build(chosen, dataset.LoadForceField());
            string outputPath = Path.GetFullPath(parse.GetValue(output)!);
            string work = Path.Combine(Path.GetDirectoryName(outputPath)!, "validate-electrolyte-lammps");
            double dt = run.RecordEvery * forceField.TimeStep;
            int liType = forceField.TypeId("Li");
            int[] li = Enumerable.Range(0, system.BeadCount).Where(i => system.Types[i] == liType).ToArray();
            DiffusionCoefficient Lithium(double[] frames) => DiffusionCoefficient.FitDefaultWindow(
                MeanSquaredDisplacement.PerParticle(frames, run.FrameCount, system.BeadCount, li, run.FrameCount - 1), dt, run.FrameCount);

            Console.WriteLine($"{chosen.Name}: {system.BeadCount} particles, box {chosen.BoxLength:F3} sigma, {run.EquilibrationSteps} + {run.ProductionSteps} steps of {forceField.TimeStep} tau");
            var rows = new List<object>();
            void Row(string engine, double[] frames, double seconds)
            {
                DiffusionCoefficient d = Lithium(frames);
                Console.WriteLine($"  {engine,-14} D(Li) = {d.Value:G4} +- {d.StandardError:G2} sigma^2/tau (n = {d.Particles} ions, fit {d.FitStart:G4}..{d.FitEnd:G4} tau)  {seconds:F0} s");
                rows.Add(new { engine, diffusivity_li = d, wall_seconds = seconds });
            }
            ElectrolyteTrajectory ours = ElectrolyteSimulation.Run(system, forceField, chosen.BoxLength, run, seed);
            Row("mlcgmd-dsf", ours.Positions, ours.Seconds);
            (double[] start, _) = ElectrolytePacking.Pack(system, forceField, chosen.BoxLength, seed);
            int lammpsSeed = 1 + (int)(seed % 900_000_000);
            foreach (var (name, electrostatics) in new[] { ("lammps-dsf", LammpsElectrostatics.DampedShiftedForce), ("lammps-pppm", LammpsElectrostatics.ParticleParticleParticleMesh) })
            {
                (double[] frames, TimeSpan wall) = LammpsElectrolyteRun.Run(system, forceField, chosen.BoxLength, start, run, lammpsSeed, electrostatics,
                    Path.Combine(work, name));
                Row(name, frames, wall.TotalSeconds);
            }
            string json = JsonSerializer.Serialize(new
            {
                config = Path.GetFullPath(configPath), composition = chosen, equilibration_steps = run.EquilibrationSteps,
                production_steps = run.ProductionSteps, frame_interval = dt, pppm_accuracy = LammpsInputScript.PppmAccuracy,
                units = "sigma^2/tau (LJ)", runs = rows,
            }, new JsonSerializerOptions { WriteIndented = true });
            Directory.CreateDirectory(Path.GetDirectoryName(outputPath)!);
            MlCgMd.Data.AtomicFile.WriteText(outputPath, w => w.Write(json));
            Console.WriteLine($"report: {outputPath}");
            return 0;
        }));
        return command;
    }
}
