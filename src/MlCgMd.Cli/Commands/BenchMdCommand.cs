using System.CommandLine;
using MlCgMd.Benchmarks;
using MlCgMd.Systems;

namespace MlCgMd.Cli.Commands;

/// <summary>`mlcgmd bench md`: our Langevin engine against LAMMPS on the same ~1000-bead chain, one thread each.</summary>
internal static class BenchMdCommand
{
    public static Command Create()
    {
        var forceField = new Option<string>("--force-field") { Description = "force-field JSON file (LJ units)", DefaultValueFactory = _ => "data/forcefields/amphiphilic-kg.json" };
        var monomers = new Option<int>("--monomers") { Description = "monomers in the chain (2 beads each)", DefaultValueFactory = _ => 500 };
        var steps = new Option<long>("--steps") { Description = "timed MD steps (of the force field's dt, in τ), the same for both engines", DefaultValueFactory = _ => 10_000 };
        var equilibration = new Option<long>("--equilibration") { Description = "untimed MD steps before timing, so both start from a relaxed chain", DefaultValueFactory = _ => 5_000 };
        var repeats = new Option<int>("--repeats") { Description = "alternating repeats; the fastest of each engine counts", DefaultValueFactory = _ => 3 };
        var seed = new Option<ulong>("--seed") { Description = "seed of the initial chain and the thermostat", DefaultValueFactory = _ => 7 };
        var output = new Option<string>("--out") { Description = "metrics JSON (seconds, µs per bead-step, ratio)", DefaultValueFactory = _ => "runs/bench/md.json" };
        var command = new Command("md", "Time the C# Langevin engine against LAMMPS (lmp) on the same chain, one thread each.")
        {
            forceField, monomers, steps, equilibration, repeats, seed, output,
        };
        command.SetAction(parse => CommandAction.Run(() =>
        {
            string outputPath = parse.GetValue(output)!;
            string work = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(outputPath))!, "md-lammps");
            MdBenchmarkResult result = MdBenchmark.Run(ForceFieldLoader.Load(parse.GetValue(forceField)!), parse.GetValue(monomers),
                parse.GetValue(steps), parse.GetValue(equilibration), parse.GetValue(repeats), parse.GetValue(seed), work);
            Console.WriteLine($"chain: {result.Beads} beads, {result.Steps} steps, 1 thread each, best of {result.Repeats} (LAMMPS {result.LammpsVersion})");
            Console.WriteLine($"MlCgMd engine : {result.OursSeconds,8:F3} s  ({result.OursMicrosecondsPerBeadStep:F3} us/bead-step, {result.OursNeighborBuilds} list builds)");
            Console.WriteLine($"LAMMPS loop   : {result.LammpsLoopSeconds,8:F3} s  ({result.LammpsMicrosecondsPerBeadStep:F3} us/bead-step; process {result.LammpsProcessSeconds:F3} s)");
            Console.WriteLine($"ratio ours/LAMMPS (wall): {result.Ratio:F3}");
            MdBenchmark.WriteJson(result, outputPath);
            Console.WriteLine($"metrics: {outputPath}");
            return 0;
        }));
        return command;
    }
}
