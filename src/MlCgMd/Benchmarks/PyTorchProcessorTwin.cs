using System.Globalization;

namespace MlCgMd.Benchmarks;

/// <summary>
/// processor_benchmark.py (embedded in this assembly) running in a Python that has torch,
/// driven over stdin/stdout so that its timed passes can alternate with ours one by one:
/// both sides then see the same machine load, which matters on a shared machine.
/// </summary>
public sealed class PyTorchProcessorTwin : IDisposable
{
    private const string ScriptResource = "MlCgMd.Benchmarks.processor_benchmark.py";

    private readonly PythonTwinProcess twin;

    private PyTorchProcessorTwin(PythonTwinProcess twin)
    {
        this.twin = twin;
        OutputSum = twin.Header.GetProperty("output_sum").GetDouble();
        Threads = twin.Header.GetProperty("threads").GetInt32();
    }

    /// <summary>Sum of PyTorch's forward output for the seeded weights and inputs.</summary>
    public double OutputSum { get; }

    /// <summary>PyTorch's intra-op thread count after torch.set_num_threads.</summary>
    public int Threads { get; }

    /// <summary>Starts the twin, or returns null and why not (no such Python, no torch, script failure).</summary>
    public static (PyTorchProcessorTwin? Twin, string? Reason) TryStart(ProcessorBenchmarkOptions options, string pythonPath)
    {
        var (twin, reason) = PythonTwinProcess.TryStart(pythonPath, ScriptResource, Arguments(options), options.Threads);
        return twin is null ? (null, reason) : (new PyTorchProcessorTwin(twin), null);
    }

    /// <summary>Runs one forward pass under no_grad in PyTorch; its wall time in ms.</summary>
    public double TimeForward() => Time("forward");

    /// <summary>Runs one forward + backward pass in PyTorch; its wall time in ms.</summary>
    public double TimeForwardBackward() => Time("forward_backward");

    private double Time(string pass) => double.Parse(twin.Exchange(pass), CultureInfo.InvariantCulture);

    public void Dispose() => twin.Dispose();

    private static IEnumerable<string> Arguments(ProcessorBenchmarkOptions o)
    {
        IEnumerable<string> Option(string name, long value) => ["--" + name, value.ToString(CultureInfo.InvariantCulture)];
        return Option("graphs", o.Graphs).Concat(Option("nodes-per-graph", o.NodesPerGraph)).Concat(Option("latent", o.Latent))
            .Concat(Option("layers", o.Layers)).Concat(Option("threads", o.Threads)).Concat(Option("seed", (long)o.Seed))
            .Concat(Option("self-loops", o.SelfLoops ? 1 : 0));
    }
}
