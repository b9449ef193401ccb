using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using MlCgMd.Benchmarks;
using Spectre.Console;

namespace MlCgMd.Cli.Commands;

/// <summary>`mlcgmd bench processor`: the 7-layer message-passing processor, ours against PyTorch in the same run.</summary>
internal static class BenchProcessorCommand
{
    public static Command Create()
    {
        var threads = new Option<int>("--threads")
        {
            Description = "threads of every pool (intra-op, BLAS) for both implementations (1: the machine may be shared)",
            DefaultValueFactory = _ => 1,
        };
        var repetitions = new Option<int>("--repetitions")
        {
            Description = "timed repetitions of each pass (the median, in ms, is reported)",
            DefaultValueFactory = _ => 10,
        };
        var warmup = new Option<int>("--warmup") { Description = "untimed warm-up runs", DefaultValueFactory = _ => 2 };
        var selfLoops = new Option<bool>("--self-loops")
        {
            Description = "include self-loops (as the official radius graph does)",
            DefaultValueFactory = _ => true,
        };
        var python = new Option<string>("--python")
        {
            Description = "Python with torch for the PyTorch side",
            DefaultValueFactory = _ => "/usr/bin/python3",
        };
        var graphs = new Option<int>("--graphs") { Description = "graphs in the batch", DefaultValueFactory = _ => 32 };
        var nodesPerGraph = new Option<int>("--nodes-per-graph")
        {
            Description = "nodes per fully connected graph",
            DefaultValueFactory = _ => 20,
        };
        var latent = new Option<int>("--latent") { Description = "latent size (features per node and edge)", DefaultValueFactory = _ => 128 };
        var layers = new Option<int>("--layers") { Description = "interaction (message-passing) layers", DefaultValueFactory = _ => 7 };
        var output = new Option<FileInfo?>("--out") { Description = "metrics JSON (ms per pass, ratios; default: none, printed only)" };

        var command = new Command("processor",
            "Time forward and forward+backward of a 7-layer message-passing processor (latent 128, 32 fully connected " +
            "graphs of 20 nodes, float32) with MlCgMd.Torch and with PyTorch.")
        {
            threads, repetitions, warmup, selfLoops, graphs, nodesPerGraph, latent, layers, python, output,
        };
        command.SetAction(parse => CommandAction.Run(() =>
        {
            var options = new ProcessorBenchmarkOptions
            {
                Threads = parse.GetValue(threads),
                Repetitions = parse.GetValue(repetitions),
                Warmup = parse.GetValue(warmup),
                SelfLoops = parse.GetValue(selfLoops),
                Graphs = parse.GetValue(graphs),
                NodesPerGraph = parse.GetValue(nodesPerGraph),
                Latent = parse.GetValue(latent),
                Layers = parse.GetValue(layers),
            };
            try
            {
                options.Validate();
            }
            catch (ArgumentException e)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]bench processor: {e.Message}[/]");
                return 2;
            }
            ProcessorBenchmarkResult result = ProcessorBenchmark.Run(options, parse.GetValue(python)!);
            Print(result);
            if (parse.GetValue(output) is { } file) WriteJson(file.FullName, result);
            return 0;
        }));
        return command;
    }

    private static void Print(ProcessorBenchmarkResult r)
    {
        ProcessorBenchmarkOptions o = r.Options;
        AnsiConsole.MarkupLine(
            $"processor: {o.Layers} layers, latent {o.Latent}, {o.Graphs} graphs x {o.NodesPerGraph} nodes, {o.Edges} edges " +
            $"(self-loops {(o.SelfLoops ? "included" : "excluded")}), float32, {o.Threads} thread(s), " +
            $"{o.Warmup} warm-up + {o.Repetitions} timed runs, ours and PyTorch's alternating");
        var table = new Table().AddColumns("pass", "MlCgMd.Torch median (min) ms", "MlCgMd.Torch process CPU median (min) ms",
            "PyTorch median (min) ms", "ours / PyTorch (median of paired ratios)");
        table.AddRow("forward (no_grad)", Cell(r.Ours.Forward), Cell(r.Ours.ForwardCpu!), r.PyTorch is null ? "-" : Cell(r.PyTorch.Forward),
            Ratio(r.ForwardRatio));
        table.AddRow("forward + backward", Cell(r.Ours.ForwardBackward), Cell(r.Ours.ForwardBackwardCpu!),
            r.PyTorch is null ? "-" : Cell(r.PyTorch.ForwardBackward), Ratio(r.ForwardBackwardRatio));
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"ours, process CPU / wall (medians): forward {r.Ours.ForwardCpu!.MedianMs / r.Ours.Forward.MedianMs:F2}, " +
            $"forward + backward {r.Ours.ForwardBackwardCpu!.MedianMs / r.Ours.ForwardBackward.MedianMs:F2} cores"));
        if (r.PyTorch is null)
            AnsiConsole.MarkupLineInterpolated($"[yellow]PyTorch not run: {r.PyTorchUnavailableReason}[/]");
        else
            AnsiConsole.MarkupLineInterpolated(
                $"forward output sum: ours {r.Ours.OutputSum:R}, PyTorch {r.PyTorch.OutputSum:R} (same weights and inputs)");
    }

    private static string Cell(TimingSummary t) =>
        string.Create(CultureInfo.InvariantCulture, $"{t.MedianMs:F1} ({t.MinMs:F1})");

    private static string Ratio(double? ratio) =>
        ratio is { } v ? v.ToString("F3", CultureInfo.InvariantCulture) : "-";

    private static void WriteJson(string path, ProcessorBenchmarkResult r)
    {
        object Timings(ProcessorTimings t) => new
        {
            forward_median_ms = t.Forward.MedianMs,
            forward_min_ms = t.Forward.MinMs,
            forward_samples_ms = t.Forward.SamplesMs,
            forward_backward_median_ms = t.ForwardBackward.MedianMs,
            forward_backward_min_ms = t.ForwardBackward.MinMs,
            forward_backward_samples_ms = t.ForwardBackward.SamplesMs,
            forward_cpu_median_ms = t.ForwardCpu?.MedianMs,
            forward_cpu_samples_ms = t.ForwardCpu?.SamplesMs,
            forward_backward_cpu_median_ms = t.ForwardBackwardCpu?.MedianMs,
            forward_backward_cpu_samples_ms = t.ForwardBackwardCpu?.SamplesMs,
            output_sum = t.OutputSum,
            threads = t.Threads,
        };
        var metrics = new
        {
            benchmark = "processor",
            options = r.Options,
            ours = Timings(r.Ours),
            pytorch = r.PyTorch is null ? null : Timings(r.PyTorch),
            pytorch_unavailable_reason = r.PyTorchUnavailableReason,
            forward_ratio = r.ForwardRatio,
            forward_backward_ratio = r.ForwardBackwardRatio,
        };
        MlCgMd.Data.AtomicFile.WriteText(path, w => w.Write(JsonSerializer.Serialize(metrics,
            new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower })));
    }
}
