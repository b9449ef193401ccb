using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace MlCgMd.Benchmarks;

/// <summary>
/// Runs processor_benchmark.py (embedded in this assembly) with a Python that has torch,
/// so PyTorch's timings of the identical computation come from the same run and machine.
/// </summary>
public static class PyTorchProcessorBenchmark
{
    private const string ScriptResource = "MlCgMd.Benchmarks.processor_benchmark.py";

    /// <summary>The timings, or null and the reason PyTorch could not be run (no Python, no torch, script failure).</summary>
    public static (ProcessorTimings? Timings, string? Reason) TryRun(ProcessorBenchmarkOptions options, string pythonPath)
    {
        options.Validate();
        if (!File.Exists(pythonPath)) return (null, $"{pythonPath} does not exist");
        string script = Path.Combine(Path.GetTempPath(), $"mlcgmd-processor-benchmark-{Environment.ProcessId}.py");
        try
        {
            using (Stream resource = typeof(PyTorchProcessorBenchmark).Assembly.GetManifestResourceStream(ScriptResource)
                                     ?? throw new InvalidOperationException($"resource {ScriptResource} is missing"))
            using (FileStream file = File.Create(script))
            {
                resource.CopyTo(file);
            }
            var (exitCode, stdout, stderr) = RunProcess(pythonPath, script, options);
            if (exitCode != 0)
                return (null, $"{pythonPath} exited with code {exitCode}: {LastLine(stderr)}");
            return (Parse(stdout), null);
        }
        finally
        {
            File.Delete(script);
        }
    }

    private static (int ExitCode, string Stdout, string Stderr) RunProcess(string python, string script,
                                                                             ProcessorBenchmarkOptions o)
    {
        var start = new ProcessStartInfo(python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        void Add(string name, long value)
        {
            start.ArgumentList.Add("--" + name);
            start.ArgumentList.Add(value.ToString(CultureInfo.InvariantCulture));
        }
        Add("graphs", o.Graphs);
        Add("nodes-per-graph", o.NodesPerGraph);
        Add("latent", o.Latent);
        Add("layers", o.Layers);
        Add("threads", o.Threads);
        Add("warmup", o.Warmup);
        Add("repetitions", o.Repetitions);
        Add("seed", (long)o.Seed);
        Add("self-loops", o.SelfLoops ? 1 : 0);
        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {python}");
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout, stderr.Result);
    }

    private static ProcessorTimings Parse(string stdout)
    {
        using JsonDocument json = JsonDocument.Parse(stdout);
        JsonElement root = json.RootElement;
        TimingSummary Samples(string name) =>
            new(root.GetProperty(name).EnumerateArray().Select(e => e.GetDouble()).ToArray());
        return new ProcessorTimings(Samples("forward_ms"), Samples("forward_backward_ms"),
            root.GetProperty("output_sum").GetDouble(), root.GetProperty("threads").GetInt32());
    }

    private static string LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";
}
