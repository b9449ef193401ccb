using System.CommandLine;
using System.Text.Json;
using MlCgMd.Lammps;
using MlCgMd.MolecularDynamics;
using MlCgMd.Systems;

namespace MlCgMd.Cli.Commands;

/// <summary>
/// `mlcgmd validate-md`: the long checks of the reference MD that are too slow for the test suite:
/// mean Rg of our engine against LAMMPS on one chain, and the Rg / Rg^2-relaxation characterisation
/// of a dataset split (globular to swollen range, trajectory length in relaxation times).
/// </summary>
internal static class ValidateMdCommand
{
    public static Command Create()
    {
        var config = new Option<string>("--config") { Description = "chain dataset config (a tier)", DefaultValueFactory = _ => "data/configs/chain-reproduction.json" };
        var split = new Option<string>("--split") { Description = "split to characterise", DefaultValueFactory = _ => "test" };
        var chains = new Option<int>("--chains") { Description = "characterise only the first N chains (0: all)", DefaultValueFactory = _ => 0 };
        var threads = new Option<int>("--threads") { Description = "chains simulated in parallel", DefaultValueFactory = _ => Environment.ProcessorCount };
        var rgSteps = new Option<long>("--rg-check-steps") { Description = "production MD steps (of the force field's dt, in τ) of the LAMMPS Rg comparison (0 skips it)", DefaultValueFactory = _ => 1_000_000 };
        var output = new Option<string>("--out") { Description = "report JSON (Rg in σ, relaxation times in τ)", DefaultValueFactory = _ => "runs/validate-md.json" };
        var command = new Command("validate-md", "Long validation of the reference MD: Rg against LAMMPS, and Rg / relaxation-time ranges of a split.")
        {
            config, split, chains, threads, rgSteps, output,
        };
        command.SetAction(parse => CommandAction.Run(() =>
        {
            ChainDatasetConfig dataset = ChainDatasetConfigLoader.Load(parse.GetValue(config)!);
            ForceField forceField = dataset.LoadForceField();
            string outputPath = Path.GetFullPath(parse.GetValue(output)!);
            LammpsRgComparison? comparison = null;
            if (parse.GetValue(rgSteps) > 0)
            {
                var system = PolymerSystem.FromSequence("rg_check", new SequenceFamily(SequenceFamilyKind.Random, 0.5, 0.5, 0).Generate(20, 1, 1)[0]);
                var run = new MdRunOptions(10_000, parse.GetValue(rgSteps), (int)parse.GetValue(rgSteps), 100);
                comparison = LammpsRgComparison.Run(system, forceField, run, 17, 20, Path.Combine(Path.GetDirectoryName(outputPath)!, "validate-md-lammps"));
                Console.WriteLine($"Rg, {system.BeadCount}-bead chain, {run.ProductionSteps} steps: ours {comparison.OursMean:F4} +- {comparison.OursError:F4}, " +
                                  $"LAMMPS {comparison.LammpsMean:F4} +- {comparison.LammpsError:F4} ({comparison.Deviation:F2} combined sigma)");
            }

            DatasetSplit chosen = dataset.Split(parse.GetValue(split)!);
            ChainSystemSpec[] specs = dataset.Systems(chosen.Name);
            if (parse.GetValue(chains) > 0)
                specs = specs.Take(parse.GetValue(chains)).ToArray();
            int done = 0;
            MdTrajectory[] trajectories = ChainEnsemble.Run(specs, forceField, chosen.Run, parse.GetValue(threads),
                (k, _) => Console.WriteLine($"  chain {Interlocked.Increment(ref done)}/{specs.Length} done ({specs[k].System.Name})"));
            ChainCharacteristics[] rows = specs.Select((s, k) => ChainCharacteristics.Of(s.System, trajectories[k])).ToArray();
            Console.WriteLine($"{"chain",-10} {"f_A",5} {"Rg",8} {"+-",6} {"tau_Rg2",8} {"T/tau",7}");
            foreach (ChainCharacteristics row in rows)
                Console.WriteLine($"{row.Name,-10} {row.SolvophobicFraction,5:F2} {row.MeanRg,8:F3} {row.MeanRgError,6:F3} {row.RgSquaredRelaxationTime,8:F1} {row.RelaxationTimesCovered,7:F0}");
            double rgRatio = rows.Max(r => r.MeanRg) / rows.Min(r => r.MeanRg);
            Console.WriteLine($"Rg range {rows.Min(r => r.MeanRg):F3}..{rows.Max(r => r.MeanRg):F3} (x{rgRatio:F2}); " +
                              $"tau_Rg2 range {rows.Min(r => r.RgSquaredRelaxationTime):F1}..{rows.Max(r => r.RgSquaredRelaxationTime):F1} tau; " +
                              $"fewest relaxation times covered {rows.Min(r => r.RelaxationTimesCovered):F0}");

            var units = new { rg = "sigma (LJ)", relaxation_time = "tau (LJ)", relaxation_times_covered = "production time / relaxation time" };
            string json = JsonSerializer.Serialize(
                new { units, tier = dataset.Tier, split = chosen.Name, rg_comparison = comparison, chains = rows, rg_ratio = rgRatio },
                new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower });
            MlCgMd.Data.AtomicFile.WriteText(outputPath, w => w.Write(json));
            Console.WriteLine($"report: {outputPath}");
            return 0;
        }));
        return command;
    }
}
