using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using MlCgMd.Benchmarks;
using MlCgMd.Data;
using MlCgMd.Torch;
using Spectre.Console;

namespace MlCgMd.Cli.Commands;

/// <summary>`mlcgmd bench train`: one training step of the paper's chain model, ours against PyTorch in the same run, and data-parallel with --nproc.</summary>
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
        var nproc = new Option<int>("--nproc")
        {
            Description = "also time the step data-parallel over this many processes on this machine (each its share of the batch)",
            DefaultValueFactory = _ => 1,
        };
        // Internal: set by --nproc for the rank processes it starts; rank 0 writes its timings there.
        var rankResult = new Option<FileInfo?>("--rank-result") { Hidden = true };

        var command = new Command("train",
            "Time one training step (forward with noise augmentation, backward, gradient clipping, Adam) of the paper's " +
            "chain model on a batch of synthetic chains with MlCgMd.Torch and with an independent PyTorch implementation " +
            "loading the same weights and batch.")
        {
            threads, repetitions, warmup, batch, particles, cgLevel, seed, python, output, nproc, rankResult,
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
            if (parse.GetValue(rankResult) is { } rankFile) return RunRank(options, rankFile.FullName);
            int processes = parse.GetValue(nproc);
            if (processes < 1 || processes > options.Batch)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]bench train: --nproc must be in [1, --batch = {options.Batch}], got {processes}[/]");
                return 2;
            }
            TrainingBenchmarkResult result = TrainingBenchmark.Run(options, parse.GetValue(python)!);
            Print(result);
            StepTimings? parallel = processes > 1 ? RunRanks(options, processes) : null;
            if (parallel is not null) PrintDataParallel(result, processes, parallel);
            if (parse.GetValue(output) is { } file) WriteJson(file.FullName, result, processes, parallel);
            return result.Check is { Agrees: false } || (processes > 1 && parallel is null) ? 1 : 0;
        }));
        return command;
    }

    /// <summary>Starts the ranks (this program again, torchrun-style) and reads rank 0's timings; null if a rank failed.</summary>
    private static StepTimings? RunRanks(TrainingBenchmarkOptions o, int processes)
    {
        string file = Path.Combine(Path.GetTempPath(), $"mlcgmd-bench-train-ranks-{Environment.ProcessId}-{Guid.NewGuid():N}.json");
        var arguments = new List<string> { "bench", "train" };
        foreach (var (name, value) in new (string, object)[]
                 {
                     ("--threads", o.Threads), ("--repetitions", o.Repetitions), ("--warmup", o.Warmup), ("--batch", o.Batch),
                     ("--particles", o.Particles), ("--cg-level", o.CgLevel), ("--seed", o.Seed), ("--rank-result", file),
                 })
            arguments.AddRange([name, Convert.ToString(value, CultureInfo.InvariantCulture)!]);
        try
        {
            int exit = RankLauncher.Run(new RankLayout(processes, 1, 0, "127.0.0.1", RankLayout.FreePort()), arguments);
            if (exit != 0) return null;
            using JsonDocument json = JsonDocument.Parse(File.ReadAllText(file));
            double[] Samples(string name) => json.RootElement.GetProperty(name).EnumerateArray().Select(e => e.GetDouble()).ToArray();
            return new StepTimings(new TimingSummary(Samples("wall_samples_ms")), new TimingSummary(Samples("cpu_samples_ms")));
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>One rank of the data-parallel measurement (started by <see cref="RunRanks"/>).</summary>
    private static int RunRank(TrainingBenchmarkOptions options, string resultFile)
    {
        torch.distributed.init_process_group("gloo");
        try
        {
            StepTimings t = TrainingBenchmark.RunRank(options);
            if (torch.distributed.get_rank() == 0)
                AtomicFile.WriteText(resultFile, w => w.Write(JsonSerializer.Serialize(new
                {
                    wall_samples_ms = t.Wall.SamplesMs,
                    cpu_samples_ms = t.Cpu.SamplesMs,
                })));
            return 0;
        }
        finally
        {
            torch.distributed.destroy_process_group();
        }
    }

    private static void PrintDataParallel(TrainingBenchmarkResult r, int processes, StepTimings parallel)
    {
        TrainingBenchmarkOptions o = r.Options;
        AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"data-parallel: {processes} processes (Gloo, loopback), {o.Batch / processes}-{(o.Batch + processes - 1) / processes} chains each, " +
            $"{o.Threads} thread(s) each, {o.Warmup} warm-up + {o.Repetitions} timed steps, measured after the single-process steps above"));
        var table = new Table().AddColumns("run", "wall ms/step median (min)", "samples/s", "process CPU ms/step median (min), all processes");
        table.AddRow("1 process", Cell(r.Ours.Wall), Rate(r.OursSamplesPerSecond), Cell(r.Ours.Cpu));
        table.AddRow($"{processes} processes", Cell(parallel.Wall), Rate(o.Batch / (parallel.Wall.MedianMs / 1000)), Cell(parallel.Cpu));
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"{processes}-process step / 1-process step (medians): wall {parallel.Wall.MedianMs / r.Ours.Wall.MedianMs:F3} " +
            $"(speed-up {r.Ours.Wall.MedianMs / parallel.Wall.MedianMs:F2}x on {Environment.ProcessorCount} cores), " +
            $"CPU {parallel.Cpu.MedianMs / r.Ours.Cpu.MedianMs:F3}"));
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

    private static void WriteJson(string path, TrainingBenchmarkResult r, int processes, StepTimings? parallel)
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
            data_parallel_processes = processes,
            data_parallel = parallel is null ? null : Timings(parallel),
            data_parallel_wall_ratio = parallel is null ? (double?)null : parallel.Wall.MedianMs / r.Ours.Wall.MedianMs,
        };
        AtomicFile.WriteText(path, w => w.Write(JsonSerializer.Serialize(metrics,
            new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower })));
    }
}
