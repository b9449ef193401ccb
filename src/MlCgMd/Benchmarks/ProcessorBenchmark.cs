using MlCgMd.Torch;

namespace MlCgMd.Benchmarks;

/// <summary>
/// Sizes and repetitions of the processor benchmark. Defaults are the foundation benchmark:
/// 7 interaction layers, latent 128, 32 fully connected graphs of 20 nodes, float32.
/// Self-loops are included by default, as in the official radius graph (every bead is within
/// the cutoff of itself), giving 32 x 20 x 20 = 12800 edges.
/// </summary>
public sealed record ProcessorBenchmarkOptions
{
    public int Graphs { get; init; } = 32;
    public int NodesPerGraph { get; init; } = 20;
    public int Latent { get; init; } = 128;
    public int Layers { get; init; } = 7;
    public bool SelfLoops { get; init; } = true;
    public int Threads { get; init; } = 1;
    public int Warmup { get; init; } = 2;
    public int Repetitions { get; init; } = 10;
    public ulong Seed { get; init; } = 0;

    public int Nodes => Graphs * NodesPerGraph;
    public int Edges => Graphs * NodesPerGraph * (SelfLoops ? NodesPerGraph : NodesPerGraph - 1);

    public void Validate()
    {
        if (Graphs < 1 || NodesPerGraph < 2 || Latent < 1 || Layers < 1)
            throw new ArgumentException("graphs, layers and latent must be at least 1 and nodes per graph at least 2");
        if (Threads < 1) throw new ArgumentException($"threads must be at least 1, got {Threads}");
        if (Warmup < 0 || Repetitions < 1)
            throw new ArgumentException($"warm-up must be >= 0 and repetitions >= 1, got {Warmup} and {Repetitions}");
    }
}

/// <summary>Wall-clock samples of one measured computation, in milliseconds.</summary>
public sealed record TimingSummary(IReadOnlyList<double> SamplesMs)
{
    public double MedianMs
    {
        get
        {
            double[] sorted = SamplesMs.Order().ToArray();
            int n = sorted.Length;
            return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
        }
    }

    public double MinMs => SamplesMs.Min();
    public double MaxMs => SamplesMs.Max();

    /// <summary>Median of the sample-by-sample ratios this / other (samples taken alternately, so in the same load).</summary>
    public double PairedRatio(TimingSummary other) =>
        new TimingSummary(SamplesMs.Zip(other.SamplesMs, (a, b) => a / b).ToArray()).MedianMs;
}

/// <summary>
/// Wall times of one implementation, its process CPU times when measured (ours), and the sum of its
/// forward output (to show both compute the same).
/// </summary>
public sealed record ProcessorTimings(TimingSummary Forward, TimingSummary ForwardBackward, double OutputSum, int Threads,
                                      TimingSummary? ForwardCpu = null, TimingSummary? ForwardBackwardCpu = null);

/// <summary>
/// Our timings, PyTorch's from the same run when available, and the ratios ours / PyTorch
/// as the median of the ratios of alternately taken samples.
/// </summary>
public sealed record ProcessorBenchmarkResult(
    ProcessorBenchmarkOptions Options, ProcessorTimings Ours, ProcessorTimings? PyTorch, string? PyTorchUnavailableReason)
{
    public double? ForwardRatio => PyTorch is null ? null : Ours.Forward.PairedRatio(PyTorch.Forward);
    public double? ForwardBackwardRatio => PyTorch is null ? null : Ours.ForwardBackward.PairedRatio(PyTorch.ForwardBackward);
}

/// <summary>
/// Times the message-passing processor through MlCgMd.Torch: forward only (under no_grad) and
/// forward + backward of the sum of the output nodes, after warm-up. When a Python with torch
/// is available, <see cref="PyTorchProcessorTwin"/> runs the identical computation and each of
/// our timed passes alternates with one of PyTorch's.
/// </summary>
public static class ProcessorBenchmark
{
    public static ProcessorBenchmarkResult Run(ProcessorBenchmarkOptions options, string? pythonPath)
    {
        options.Validate();
        int previousThreads = torch.get_num_threads();
        torch.set_num_threads(options.Threads);
        PyTorchProcessorTwin? twin = null;
        string? reason = "no Python given";
        try
        {
            using var scope = torch.NewDisposeScope();
            torch.manual_seed(options.Seed);
            using var processor = new MessagePassingProcessor(options.Layers, options.Latent);
            Tensor nodes = torch.randn(options.Nodes, options.Latent);
            Tensor edges = torch.randn(options.Edges, options.Latent);
            var (senders, receivers) = FullyConnectedEdges(options);
            Tensor[] parameters = processor.Parameters().ToArray();
            if (pythonPath is not null) (twin, reason) = PyTorchProcessorTwin.TryStart(options, pythonPath);

            double outputSum;
            using (torch.NewDisposeScope())
            using (torch.no_grad())
            {
                outputSum = processor.Forward(nodes, edges, senders, receivers).sum().item<double>();
            }

            var (forward, forwardCpu, pytorchForward) = Alternate(options, () =>
            {
                using var step = torch.NewDisposeScope();
                using var noGrad = torch.no_grad();
                processor.Forward(nodes, edges, senders, receivers);
            }, twin is null ? null : twin.TimeForward);
            var (forwardBackward, forwardBackwardCpu, pytorchForwardBackward) = Alternate(options, () =>
            {
                using var step = torch.NewDisposeScope();
                foreach (Tensor p in parameters) p.grad = null;
                processor.Forward(nodes, edges, senders, receivers).sum().backward();
            }, twin is null ? null : twin.TimeForwardBackward);

            var ours = new ProcessorTimings(forward, forwardBackward, outputSum, torch.get_num_threads(), forwardCpu, forwardBackwardCpu);
            ProcessorTimings? pytorch = twin is null
                ? null
                : new ProcessorTimings(pytorchForward!, pytorchForwardBackward!, twin.OutputSum, twin.Threads);
            return new ProcessorBenchmarkResult(options, ours, pytorch, twin is null ? reason : null);
        }
        finally
        {
            twin?.Dispose();
            torch.set_num_threads(previousThreads);
        }
    }

    /// <summary>senders, receivers: [E] int64; every ordered pair of nodes within each graph (graph-major, receiver-minor).</summary>
    internal static (Tensor Senders, Tensor Receivers) FullyConnectedEdges(ProcessorBenchmarkOptions options)
    {
        var senders = new long[options.Edges];
        var receivers = new long[options.Edges];
        int k = 0, n = options.NodesPerGraph;
        for (int g = 0; g < options.Graphs; g++)
            for (int s = 0; s < n; s++)
                for (int r = 0; r < n; r++)
                {
                    if (s == r && !options.SelfLoops) continue;
                    senders[k] = g * n + s;
                    receivers[k] = g * n + r;
                    k++;
                }
        return (torch.tensor(senders), torch.tensor(receivers));
    }

    /// <summary>Warm-up, then repetitions of (our pass, PyTorch's pass) back to back: our wall and process CPU, PyTorch's wall.</summary>
    private static (TimingSummary Ours, TimingSummary OursCpu, TimingSummary? PyTorch) Alternate(ProcessorBenchmarkOptions options,
                                                                                                  Action ours, Func<double>? pytorch)
    {
        for (int i = 0; i < options.Warmup; i++)
        {
            ours();
            pytorch?.Invoke();
        }
        var oursMs = new double[options.Repetitions];
        var oursCpuMs = new double[options.Repetitions];
        var pytorchMs = new double[options.Repetitions];
        for (int i = 0; i < options.Repetitions; i++)
        {
            CpuClock clock = CpuClock.Start();
            ours();
            CpuSample sample = clock.Elapsed;
            oursMs[i] = sample.Wall.TotalMilliseconds;
            oursCpuMs[i] = sample.ProcessCpu.TotalMilliseconds;
            if (pytorch is not null) pytorchMs[i] = pytorch();
        }
        return (new TimingSummary(oursMs), new TimingSummary(oursCpuMs), pytorch is null ? null : new TimingSummary(pytorchMs));
    }
}
