using System.CommandLine;
using MlCgMd.Benchmarks;
using MlCgMd.Systems;

namespace MlCgMd.Cli.Commands;

/// <summary>
/// `mlcgmd bench md`: our Langevin engine against LAMMPS on the same ~1000-bead chain, one thread each;
/// `--system electrolyte`: on the same electrolyte box (a reproduction-tier composition, DSF in both).
/// </summary>
internal static class BenchMdCommand
{
    public static Command Create()
    {
        var system = new Option<string>("--system") { Description = "chain, or electrolyte (--config/--composition)", DefaultValueFactory = _ => "chain" };
        var forceField = new Option<string>("--force-field") { Description = "force-field JSON file (LJ units), chain only", DefaultValueFactory = _ => "data/forcefields/amphiphilic-kg.json" };
        var config = new Option<string>("--config") { Description = "electrolyte dataset config, electrolyte only", DefaultValueFactory = _ => "data/configs/electrolyte-reproduction.json" };
        var composition = new Option<string>("--composition") { Description = "composition of --config to time, electrolyte only", DefaultValueFactory = _ => "e2.5-f0.50-n25-s50" };
        var monomers = new Option<int>("--monomers") { Description = "monomers in the chain (2 beads each)", DefaultValueFactory = _ => 500 };
        var steps = new Option<long>("--steps") { Description = "timed MD steps (of the force field's dt, in τ), the same for both engines", DefaultValueFactory = _ => 10_000 };
        var equilibration = new Option<long>("--equilibration") { Description = "untimed MD steps before timing, so both start from a relaxed chain", DefaultValueFactory = _ => 5_000 };
        var repeats = new Option<int>("--repeats") { Description = "alternating repeats; the fastest of each engine counts", DefaultValueFactory = _ => 3 };
        var seed = new Option<ulong>("--seed") { Description = "seed of the initial chain and the thermostat", DefaultValueFactory = _ => 7 };
        var output = new Option<string>("--out") { Description = "metrics JSON (seconds, µs per bead-step, ratio)", DefaultValueFactory = _ => "runs/bench/md.json" };
        var command = new Command("md", "Time the C# Langevin engine against LAMMPS (lmp) on the same chain, one thread each.")
        {
            system, forceField, config, composition, monomers, steps, equilibration, repeats, seed, output,
        };
        command.SetAction(parse => CommandAction.Run(() =>
        {
            string outputPath = parse.GetValue(output)!;
            string work = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(outputPath))!, "md-lammps");
            string kind = parse.GetValue(system)!;
            MdBenchmarkResult result;
            if (kind == "electrolyte")
            {
                string configPath = parse.GetValue(config)!;
                ElectrolyteDatasetConfig dataset = ElectrolyteDatasetConfigLoader.Load(configPath);
                string name = parse.GetValue(composition)!;
                ElectrolyteComposition chosen = dataset.Splits.SelectMany(s => s.Compositions).FirstOrDefault(c => c.Name == name)
                    ?? throw new ArgumentException($"{configPath}: no composition named '{name}' (option --composition)");
                result = MdBenchmark.RunElectrolyte(chosen, dataset.LoadForceField(), parse.GetValue(steps), parse.GetValue(equilibration),
                    parse.GetValue(repeats), parse.GetValue(seed), work);
            }
            else if (kind == "chain")
                result = MdBenchmark.Run(ForceFieldLoader.Load(parse.GetValue(forceField)!), parse.GetValue(monomers),
                    parse.GetValue(steps), parse.GetValue(equilibration), parse.GetValue(repeats), parse.GetValue(seed), work);
            else
                throw new ArgumentException($"option --system is '{kind}', expected 'chain' or 'electrolyte'");
            Console.WriteLine($"{kind}: {result.Beads} particles, {result.Steps} steps, 1 thread each, best of {result.Repeats} (LAMMPS {result.LammpsVersion})");
            Console.WriteLine($"MlCgMd engine : {result.OursSeconds,8:F3} s  ({result.OursMicrosecondsPerBeadStep:F3} us/bead-step, {result.OursNeighborBuilds} list builds)");
            Console.WriteLine($"LAMMPS loop   : {result.LammpsLoopSeconds,8:F3} s  ({result.LammpsMicrosecondsPerBeadStep:F3} us/bead-step; process {result.LammpsProcessSeconds:F3} s)");
            Console.WriteLine($"ratio ours/LAMMPS (wall): {result.Ratio:F3}");
            MdBenchmark.WriteJson(result, outputPath, kind);
            Console.WriteLine($"metrics: {outputPath}");
            return 0;
        }));
        return command;
    }
}
