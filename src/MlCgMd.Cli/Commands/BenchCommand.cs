using System.CommandLine;

namespace MlCgMd.Cli.Commands;

/// <summary>`mlcgmd bench ...`: benchmarks that time MlCgMd against a peer in the same run.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var bench = new Command("bench", "Benchmarks against a peer measured in the same run (PyTorch, LAMMPS).");
        // One line per benchmark: bench.Subcommands.Add(Bench<Name>Command.Create());
        bench.Subcommands.Add(BenchProcessorCommand.Create());
        bench.Subcommands.Add(BenchMdCommand.Create());
        bench.Subcommands.Add(BenchSpeedCommand.Create());
        bench.Subcommands.Add(BenchTrainCommand.Create());
        return bench;
    }
}
