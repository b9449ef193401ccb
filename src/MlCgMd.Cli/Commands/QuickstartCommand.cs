using System.CommandLine;
using MlCgMd.Benchmarks;
using MlCgMd.Evaluation;
using MlCgMd.Generation;
using MlCgMd.Simulation;
using MlCgMd.Training;
using MlCgMd.Workflows;

namespace MlCgMd.Cli.Commands;

/// <summary>`mlcgmd quickstart`: generate, train, roll out, analyse, report — on built-in defaults.</summary>
internal static class QuickstartCommand
{
    public static Command Create()
    {
        var run = new Option<DirectoryInfo?>("--run") { Description = "run folder (default: runs/quickstart)" };
        var configs = new Option<DirectoryInfo?>("--configs") { Description = "config folder (default: the repository's data/configs)" };
        var noShipped = new Option<bool>("--no-shipped-model")
        {
            Description = $"skip the shipped pretrained model (data/models/{QuickstartPipeline.ShippedModelName}); default: roll it out too",
        };
        var command = new Command("quickstart",
            "The main job: small dataset, small model trained here, the shipped model on fresh unseen polymers, rollouts, HTML report.")
        {
            run, configs, noShipped,
        };
        command.SetAction(parse => CommandAction.Run(() =>
        {
            string configDirectory = parse.GetValue(configs)?.FullName ?? QuickstartPipeline.LocateConfigDirectory();
            string runDirectory = parse.GetValue(run)?.FullName ?? Path.GetFullPath(Path.Combine("runs", "quickstart"));
            var line = new ProgressLine(TimeSpan.FromSeconds(5));
            string? shippedFolder = parse.GetValue(noShipped) ? null : ShippedModelDirectory(configDirectory);
            var pipeline = new QuickstartPipeline(configDirectory, runDirectory)
            {
                ShippedModel = shippedFolder is null ? null : new QuickstartPipeline.ShippedModelRun(shippedFolder, QuickstartPipeline.ShippedTestConfig),
            };
            CpuClock clock = CpuClock.Start();
            QuickstartPipeline.Result result = pipeline.Run(
                message => Console.WriteLine(message),
                new InlineProgress<GenerationProgress>(p => line.Report(false, () =>
                    $"  {p.Split}: {p.ChainsDone}/{p.ChainsTotal} chains  {p.MdStepsPerSecond / 1e3:F0}k MD steps/s  ETA {ProgressLine.Format(p.Remaining)}")),
                new InlineProgress<TrainingProgress>(p => line.Report(p.Step == p.MaxSteps, () =>
                    $"  step {p.Step}/{p.MaxSteps}  loss {p.Loss:F3}  {p.SamplesPerSecond:F0} samples/s  ETA {ProgressLine.Format(p.Remaining)}" +
                    (p.ValAccLoss is { } v ? $"  val_acc_nll {v:F3}" : ""))),
                new InlineProgress<RolloutRunner.Progress>(p => line.Report(false, () =>
                    $"  rollout step {p.StepsDone}/{p.TotalSteps}  {p.StepsPerSecond:F0} steps/s  ETA {ProgressLine.Format(p.Remaining)}")));
            if (result.ShippedEvaluation is { } shipped)
                PrintEvaluation("shipped model", shipped, result.ShippedAblation!);
            PrintEvaluation("model trained here", result.Evaluation, result.Ablation);
            foreach (var s in result.Speeds) Console.WriteLine($"speed: {s.Engine}: {s.TauPerSecond:G4} τ/s");
            Console.WriteLine($"metrics: {result.MetricsPath}");
            Console.WriteLine($"report: {result.ReportPath}");
            // Reference MD runs several chains in parallel; the libtorch stages run one thread.
            Console.WriteLine(CpuTimeLine.Format(clock.Elapsed));
            return 0;
        }, "run the same command again: finished stages are kept and the interrupted one resumes from its last save"));
        return command;
    }

    private static void PrintEvaluation(string label, EvaluationResult withScore, EvaluationResult withoutScore)
    {
        Console.WriteLine($"{label}, with the Score GNN: {withScore.MeanRgStatement()}");
        Console.WriteLine($"{label}, with the Score GNN: {withScore.RelaxationTimeStatement()}");
        Console.WriteLine($"{label}: stopped early {withScore.FailedSystems} of {withScore.SystemCount} with the Score GNN, " +
                          $"{withoutScore.FailedSystems} of {withoutScore.SystemCount} without");
    }

    /// <summary>data/models/NAME beside the config folder (the repository's), or null with a note when it is missing.</summary>
    private static string? ShippedModelDirectory(string configDirectory)
    {
        string folder = Path.GetFullPath(Path.Combine(configDirectory, "..", "models", QuickstartPipeline.ShippedModelName));
        if (File.Exists(Path.Combine(folder, "model.json"))) return folder;
        Console.WriteLine($"note: no shipped model at {folder}; running the model trained here only");
        return null;
    }
}
