using System.CommandLine;
using MlCgMd.Configuration;
using MlCgMd.Training;

namespace MlCgMd.Cli.Commands;

/// <summary>`mlcgmd train --config FILE [--run DIR] [--resume]`.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var config = new Option<FileInfo>("--config") { Description = "training config (JSON; see data/configs/)", Required = true };
        var run = new Option<DirectoryInfo?>("--run") { Description = "run folder (default: runs/<config name>)" };
        var resume = new Option<bool>("--resume") { Description = "continue from the run's last checkpoint" };
        var steps = new Option<long?>("--max-steps") { Description = "optimizer steps (default: the config's train.max_steps; the same as --set train.max_steps=N)" };
        var overrides = OverrideOption.Create("model.radius=9 --set optim.lr=3e-4", "any value of the training config");
        var command = new Command("train", "Train the learned simulator (checkpoints, metrics.csv, validation.csv).")
        {
            config, run, resume, steps, overrides,
        };
        command.SetAction(parse => CommandAction.Run(() =>
        {
            FileInfo file = parse.GetValue(config)!;
            var sets = OverrideOption.Parse(parse.GetValue(overrides));
            if (parse.GetValue(steps) is { } maxSteps) sets = [.. sets, ConfigOverride.Parse($"train.max_steps={maxSteps}")];
            TrainingConfig settings = TrainingConfig.Load(file.FullName, sets);
            string runDirectory = parse.GetValue(run)?.FullName
                                  ?? Path.Combine("runs", Path.GetFileNameWithoutExtension(file.Name));
            Directory.CreateDirectory(runDirectory);
            EffectiveConfig.Record(runDirectory, file.FullName, sets);
            Console.WriteLine($"training '{file.Name}' ({settings.Tier} tier) into {runDirectory}");
            var line = new ProgressLine(TimeSpan.FromSeconds(2));
            var trainer = new Trainer(settings, file.DirectoryName!, runDirectory);
            Trainer.Result result = trainer.Run(parse.GetValue(resume), new InlineProgress<TrainingProgress>(p =>
                line.Report(p.Step == p.MaxSteps, () =>
                    $"step {p.Step}/{p.MaxSteps}  loss {p.Loss:F4}  acc_nll {p.AccLoss:F4}  lr {p.Lr:E2}  " +
                    $"{p.SamplesPerSecond:F1} samples/s  elapsed {ProgressLine.Format(p.Elapsed)}  ETA {ProgressLine.Format(p.Remaining)}" +
                    (p.ValAccLoss is { } v ? $"  val_acc_nll {v:F4}" : ""))));
            Console.WriteLine($"done: best val_acc_loss {result.BestValAccLoss:F4} at step {result.BestStep}; " +
                              $"checkpoints in {Path.Combine(runDirectory, "checkpoints")}");
            return 0;
        }));
        return command;
    }
}

/// <summary>An IProgress that reports synchronously on the calling thread (no SynchronizationContext hop).</summary>
internal sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
