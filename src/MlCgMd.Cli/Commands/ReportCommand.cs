using System.CommandLine;
using System.Text.Json;
using MlCgMd.Evaluation;

namespace MlCgMd.Cli.Commands;

/// <summary>`mlcgmd report --rollout DIR --data DIR [--ablation DIR] [--speed FILE] --out FILE`.</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var rollout = new Option<DirectoryInfo>("--rollout") { Description = "rollout folder (from mlcgmd simulate)", Required = true };
        var data = new Option<DirectoryInfo>("--data") { Description = "dataset folder with the reference trajectories", Required = true };
        var ablation = new Option<DirectoryInfo?>("--ablation") { Description = "a second rollout of the same systems without Score-GNN refinement (default: none, no ablation figures)" };
        var speed = new Option<FileInfo?>("--speed") { Description = "speed measurements JSON from bench speed --out (default: none, no speed section)" };
        var frameInterval = AnalyzeCommand.FrameIntervalOption();
        var output = new Option<FileInfo>("--out") { Description = "HTML report to write", Required = true };
        var overwrite = new Option<bool>("--overwrite") { Description = "replace --out if it exists (default: refuse)" };
        var command = new Command("report", "Write the HTML report with the paper's figures for a rollout.")
        {
            rollout, data, ablation, speed, frameInterval, output, overwrite,
        };
        command.SetAction(parse => CommandAction.Run(() =>
        {
            string path = parse.GetValue(output)!.FullName;
            if (File.Exists(path) && !parse.GetValue(overwrite))
                throw new IOException($"'{path}' already exists; pass --overwrite to replace it");
            string dataDirectory = parse.GetValue(data)!.FullName;
            double interval = AnalyzeCommand.ResolveFrameInterval(parse.GetValue(frameInterval), dataDirectory);
            string rolloutDirectory = parse.GetValue(rollout)!.FullName;
            if (Simulation.RolloutManifest.Read(rolloutDirectory).Kind == SystemKinds.SystemKind.Electrolyte)
            {
                if (parse.GetValue(ablation) is not null || parse.GetValue(speed) is not null)
                    throw new ArgumentException("--ablation and --speed are for chain rollouts; an electrolyte report has neither yet");
                ElectrolyteReport.Build("MlCgMd: learned electrolyte rollouts vs reference MD",
                    ElectrolyteRolloutEvaluator.Evaluate(rolloutDirectory, dataDirectory, interval)).Save(path);
                Console.WriteLine($"report: {path}");
                return 0;
            }
            EvaluationResult result = RolloutEvaluator.Evaluate(parse.GetValue(rollout)!.FullName, dataDirectory, interval);
            EvaluationResult? without = parse.GetValue(ablation) is { } a ? RolloutEvaluator.Evaluate(a.FullName, dataDirectory, interval) : null;
            List<SpeedMeasurement>? speeds = parse.GetValue(speed) is { } s
                ? JsonSerializer.Deserialize<List<SpeedMeasurement>>(File.ReadAllText(s.FullName))
                : null;
            EvaluationReport.Build("MlCgMd: learned CG rollouts vs reference MD", result, without, speeds).Save(path);
            Console.WriteLine($"report: {path}");
            return 0;
        }));
        return command;
    }
}
