using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using MlCgMd.Benchmarks;
using MlCgMd.Data;
using Spectre.Console;

namespace MlCgMd.Cli.Commands;

/// <summary>`mlcgmd bench train`: one training step of the paper's chain model, ours against PyTorch in the same run.</summary>
internal static class BenchTrainCommand
{
    public static Command Create()
    {
        var threads = new Option<int>("--threads")
        {
            Description = "intra-op threads for both implementations (1: the machine may be shared)",
            DefaultValueFactory = _ => 1,
        };
        var repetitions = new Option<int>("--repetitions")
        {
            Description = "timed training steps on each side (the median, in ms, is reported)",
            DefaultValueFactory = _ => 5,
        };
        var warmup = new Option<int>("--warmup") { Description = "untimed warm-up steps", DefaultValueFactory = _ => 1 };
        var batch = new Option<int>("--batch") { Description = "chains in the batch", DefaultValueFactory = _ => 32 };
        var particles = new Option<int>("--particles")
        {
            Description = "fine beads per chain (even)",
            DefaultValueFactory = _ => 1000,
        };
        var cgLevel = new Option<int>("--cg-level")
        {
            Description = "fine beads per CG bead (contiguous clusters)",
            DefaultValueFactory = _ => 100,
        };
        var seed = new Option<ulong>("--seed") { Description = "seed of the batch, the weights and the noise", DefaultValueFactory = _ => 0 };
        var python = new Option<string>("--python")
        {
            Description = "Python with torch for the PyTorch side",
            DefaultValueFactory = _ => "/usr/bin/python3",
        };
        var output = new Option<FileInfo?>("--out") { Description = "metrics JSON (ms per step, samples/s, ratios; default: none, printed only)" };

        var command = new Command("train",
            "Time one training step (forward with noise augmentation, backward, gradient clipping, Adam) of the paper's " +
            "chain model on a batch of synthetic chains with MlCgMd.Torch and with an independent PyTorch implementation " +
            "loading the same weights and batch.")
        {
            threads, repetitions, warmup, batch, particles, cgLevel, seed, python, output,
        };
        command.SetAction(parse => CommandAction.Run(() =>
        {
            var options = new TrainingBenchmarkOptions
            {
                Threads = parse.GetValue(threads),
                Repetitions = parse.GetValue(repetitions),
                Warmup = parse.GetValue(warmup),
                Batch = parse.GetValue(batch),
                Particles = parse.GetValue(particles),
                CgLevel = parse.GetValue(cgLevel),
                Seed = parse.GetValue(seed),
            };
            try
            {
                options.Validate();
            }
            catch (ArgumentException e)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]bench train: {e.Message}[/]");
                return 2;
            }
            TrainingBenchmarkResult result = TrainingBenchmark.Run(options, parse.GetValue(python)!);
            Print(result);
            if (parse.GetValue(output) is { } file) WriteJson(file.FullName, result);
            return result.Check is { Agrees: false } ? 1 : 0;
        }));
        return command;
    }

    private static void Print(TrainingBenchmarkResult r)
    {
        TrainingBenchmarkOptions o = r.Options;
        AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"training step: paper chain model ({r.ParameterCount:N0} parameters), batch {o.Batch} chains x {o.Particles} beads " +
            $"({r.FineEdges:N0} fine bond edges), cg_level {o.CgLevel} ({r.CgEdges:N0} CG edges), Adam lr " +
            $"{TrainingBenchmarkOptions.LearningRate}, float32, {o.Threads} thread(s), {o.Warmup} warm-up + {o.Repetitions} " +
            $"timed steps, ours and PyTorch's alternating"));
        var table = new Table().AddColumns("implementation", "wall ms/step median (min)", "samples/s",
            "process CPU ms/step median (min)");
        table.AddRow("MlCgMd.Torch", Cell(r.Ours.Wall), Rate(r.OursSamplesPerSecond), Cell(r.Ours.Cpu));
        table.AddRow($"PyTorch {r.PyTorchVersion}", r.PyTorch is null ? "-" : Cell(r.PyTorch.Wall),
            r.PyTorchSamplesPerSecond is { } rate ? Rate(rate) : "-", r.PyTorch is null ? "-" : Cell(r.PyTorch.Cpu));
        AnsiConsole.Write(table);
        if (r.PyTorch is null)
        {
            AnsiConsole.MarkupLineInterpolated($"[yellow]PyTorch not run: {r.PyTorchUnavailableReason}[/]");
            return;
        }
        AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"ours / PyTorch (median of paired ratios): wall {r.Ratio:F3}, process CPU {r.CpuRatio:F3}"));
        LossAgreement check = r.Check!;
        string verdict = check.Agrees ? "[green]same model[/]" : "[red]MISMATCH: timings do not compare the same model[/]";
        AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"loss without noise: ours {check.Ours:R}, PyTorch {check.PyTorch:R}, relative difference " +
            $"{check.RelativeDifference:E2} (tolerance {LossAgreement.Tolerance:E0}): ") + verdict);
    }

    private static string Cell(TimingSummary t) =>
        string.Create(CultureInfo.InvariantCulture, $"{t.MedianMs:F1} ({t.MinMs:F1})");

    private static string Rate(double samplesPerSecond) => samplesPerSecond.ToString("F1", CultureInfo.InvariantCulture);

    private static void WriteJson(string path, TrainingBenchmarkResult r)
    {
        object Timings(StepTimings t) => new
        {
            step_median_ms = t.Wall.MedianMs,
            step_min_ms = t.Wall.MinMs,
            step_samples_ms = t.Wall.SamplesMs,
            samples_per_s = r.Options.Batch / (t.Wall.MedianMs / 1000),
            cpu_median_ms = t.Cpu.MedianMs,
            cpu_samples_ms = t.Cpu.SamplesMs,
        };
        var metrics = new
        {
            benchmark = "train",
            options = r.Options,
            parameters = r.ParameterCount,
            fine_edges = r.FineEdges,
            cg_edges = r.CgEdges,
            ours = Timings(r.Ours),
            ours_threads = r.Threads,
            pytorch = r.PyTorch is null ? null : Timings(r.PyTorch),
            pytorch_threads = r.PyTorchThreads,
            pytorch_version = r.PyTorchVersion,
            pytorch_unavailable_reason = r.PyTorchUnavailableReason,
            check_loss_ours = r.Check?.Ours,
            check_loss_pytorch = r.Check?.PyTorch,
            check_relative_difference = r.Check?.RelativeDifference,
            check_agrees = r.Check?.Agrees,
            ratio = r.Ratio,
            cpu_ratio = r.CpuRatio,
        };
        AtomicFile.WriteText(path, w => w.Write(JsonSerializer.Serialize(metrics,
            new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower })));
    }
}
