using System.CommandLine;

namespace MlCgMd.Cli.Commands;

/// <summary>Every verb of the CLI, in the order `mlcgmd --help` lists them.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield return QuickstartCommand.Create();
        yield return GenerateCommand.Create();
        yield return TrainCommand.Create();
        yield return SimulateCommand.Create();
        yield return ImportCheckpointCommand.Create();
        yield return AnalyzeCommand.Create();
        yield return ReportCommand.Create();
        yield return ExportCommand.Create();
        yield return RenderCommand.Create();
        yield return BenchCommand.Create();
        yield return ValidateMdCommand.Create();
        yield return ValidateElectrolyteCommand.Create();
        yield return SchemasCommand.Create();
    }
}
