using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MlCgMd.Benchmarks;

/// <summary>
/// processor_benchmark.py (embedded in this assembly) running in a Python that has torch,
/// driven over stdin/stdout so that its timed passes can alternate with ours one by one:
/// both sides then see the same machine load, which matters on a shared machine.
/// </summary>
public sealed class PyTorchProcessorTwin : IDisposable
{
    private const string ScriptResource = "MlCgMd.Benchmarks.processor_benchmark.py";

    private readonly Process process;
    private readonly string scriptPath;
    private readonly StringBuilder errors;

    private PyTorchProcessorTwin(Process process, string scriptPath, StringBuilder errors, double outputSum, int threads)
    {
        this.process = process;
        this.scriptPath = scriptPath;
        this.errors = errors;
        OutputSum = outputSum;
        Threads = threads;
    }

    /// <summary>Sum of PyTorch's forward output for the seeded weights and inputs.</summary>
    public double OutputSum { get; }

    /// <summary>PyTorch's intra-op thread count after torch.set_num_threads.</summary>
    public int Threads { get; }

    /// <summary>Starts the twin, or returns null and why not (no such Python, no torch, script failure).</summary>
    public static (PyTorchProcessorTwin? Twin, string? Reason) TryStart(ProcessorBenchmarkOptions options, string pythonPath)
    {
        if (!File.Exists(pythonPath)) return (null, $"{pythonPath} does not exist");
        string script = Path.Combine(Path.GetTempPath(), $"mlcgmd-processor-benchmark-{Environment.ProcessId}.py");
        using (Stream resource = typeof(PyTorchProcessorTwin).Assembly.GetManifestResourceStream(ScriptResource)
                                 ?? throw new InvalidOperationException($"resource {ScriptResource} is missing"))
        using (FileStream file = File.Create(script))
        {
            resource.CopyTo(file);
        }
        Process process = Process.Start(StartInfo(pythonPath, script, options))
                          ?? throw new InvalidOperationException($"could not start {pythonPath}");
        // stderr is drained continuously so a chatty Python can never block on a full pipe.
        var errors = new StringBuilder();
        process.ErrorDataReceived += (_, e) => { lock (errors) errors.AppendLine(e.Data); };
        process.BeginErrorReadLine();
        string? header = process.StandardOutput.ReadLine();
        if (header is null)
        {
            process.WaitForExit();
            int exitCode = process.ExitCode;
            process.Dispose();
            File.Delete(script);
            return (null, $"{pythonPath} exited with code {exitCode}: {LastLine(errors)}");
        }
        using JsonDocument json = JsonDocument.Parse(header);
        return (new PyTorchProcessorTwin(process, script, errors, json.RootElement.GetProperty("output_sum").GetDouble(),
            json.RootElement.GetProperty("threads").GetInt32()), null);
    }

    /// <summary>Runs one forward pass under no_grad in PyTorch; its wall time in ms.</summary>
    public double TimeForward() => Time("forward");

    /// <summary>Runs one forward + backward pass in PyTorch; its wall time in ms.</summary>
    public double TimeForwardBackward() => Time("forward_backward");

    private double Time(string pass)
    {
        process.StandardInput.WriteLine(pass);
        process.StandardInput.Flush();
        string line = process.StandardOutput.ReadLine()
                      ?? throw new InvalidOperationException($"the PyTorch twin stopped: {LastLine(errors)}");
        return double.Parse(line, CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.StandardInput.WriteLine("quit");
            process.StandardInput.Close();
            process.WaitForExit();
        }
        process.Dispose();
        File.Delete(scriptPath);
    }

    private static string LastLine(StringBuilder text)
    {
        lock (text)
        {
            return text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .LastOrDefault() ?? "";
        }
    }

    private static ProcessStartInfo StartInfo(string python, string script, ProcessorBenchmarkOptions o)
    {
        var start = new ProcessStartInfo(python)
        {
            RedirectStandardInput = true,
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
        Add("seed", (long)o.Seed);
        Add("self-loops", o.SelfLoops ? 1 : 0);
        return start;
    }
}
