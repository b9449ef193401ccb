using System.Diagnostics;
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
    public int Threads { get; init; } = Environment.ProcessorCount;
    public int Warmup { get; init; } = 2;
    public int Repetitions { get; init; } = 10;
    /// <summary>Alternating rounds (ours, then PyTorch); on a shared machine this spreads load changes over both.</summary>
    public int Rounds { get; init; } = 3;
    public ulong Seed { get; init; } = 0;

    public int Nodes => Graphs * NodesPerGraph;
    public int Edges => Graphs * NodesPerGraph * (SelfLoops ? NodesPerGraph : NodesPerGraph - 1);

    public void Validate()
    {
        if (Graphs < 1 || NodesPerGraph < 2 || Latent < 1 || Layers < 1)
            throw new ArgumentException("graphs, layers and latent must be at least 1 and nodes per graph at least 2");
        if (Threads < 1) throw new ArgumentException($"threads must be at least 1, got {Threads}");
        if (Warmup < 0 || Repetitions < 1 || Rounds < 1)
            throw new ArgumentException(
                $"warm-up must be >= 0, repetitions and rounds >= 1; got {Warmup}, {Repetitions} and {Rounds}");
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

    public TimingSummary Concat(TimingSummary other) => new(SamplesMs.Concat(other.SamplesMs).ToArray());
}

/// <summary>Times of one implementation, and the sum of its forward output (to show both compute the same).</summary>
public sealed record ProcessorTimings(TimingSummary Forward, TimingSummary ForwardBackward, double OutputSum, int Threads)
{
    /// <summary>The samples of both rounds together.</summary>
    public ProcessorTimings Concat(ProcessorTimings other) =>
        this with { Forward = Forward.Concat(other.Forward), ForwardBackward = ForwardBackward.Concat(other.ForwardBackward) };
}

/// <summary>Our timings, PyTorch's from the same run when available, and their ratios (ours / PyTorch).</summary>
public sealed record ProcessorBenchmarkResult(
    ProcessorBenchmarkOptions Options, ProcessorTimings Ours, ProcessorTimings? PyTorch, string? PyTorchUnavailableReason)
{
    public double? ForwardRatio => PyTorch is null ? null : Ours.Forward.MedianMs / PyTorch.Forward.MedianMs;
    public double? ForwardBackwardRatio =>
        PyTorch is null ? null : Ours.ForwardBackward.MedianMs / PyTorch.ForwardBackward.MedianMs;
}

/// <summary>
/// Times the message-passing processor through MlCgMd.Torch: forward only (under no_grad) and
/// forward + backward of the sum of the output nodes, each after warm-up, as the median of
/// the repetitions. <see cref="PyTorchProcessorBenchmark"/> runs the identical computation in PyTorch.
/// </summary>
public static class ProcessorBenchmark
{
    /// <summary>Alternates our runs and PyTorch's for <see cref="ProcessorBenchmarkOptions.Rounds"/> rounds.</summary>
    public static ProcessorBenchmarkResult Run(ProcessorBenchmarkOptions options, string pythonPath)
    {
        options.Validate();
        ProcessorTimings? ours = null, pytorch = null;
        string? reason = null;
        for (int round = 0; round < options.Rounds; round++)
        {
            ProcessorTimings oursNow = RunOurs(options);
            ours = ours is null ? oursNow : ours.Concat(oursNow);
            if (reason is not null) continue;
            var (pytorchNow, failure) = PyTorchProcessorBenchmark.TryRun(options, pythonPath);
            reason = failure;
            if (pytorchNow is not null) pytorch = pytorch is null ? pytorchNow : pytorch.Concat(pytorchNow);
        }
        return new ProcessorBenchmarkResult(options, ours!, reason is null ? pytorch : null, reason);
    }

    public static ProcessorTimings RunOurs(ProcessorBenchmarkOptions options)
    {
        options.Validate();
        int previousThreads = torch.get_num_threads();
        torch.set_num_threads(options.Threads);
        try
        {
            using var scope = torch.NewDisposeScope();
            torch.manual_seed(options.Seed);
            using var processor = new MessagePassingProcessor(options.Layers, options.Latent);
            Tensor nodes = torch.randn(options.Nodes, options.Latent);
            Tensor edges = torch.randn(options.Edges, options.Latent);
            var (senders, receivers) = FullyConnectedEdges(options);
            Tensor[] parameters = processor.Parameters().ToArray();

            double outputSum;
            using (torch.NewDisposeScope())
            using (torch.no_grad())
            {
                outputSum = processor.Forward(nodes, edges, senders, receivers).sum().item<double>();
            }

            TimingSummary forward = Time(options, () =>
            {
                using var step = torch.NewDisposeScope();
                using var noGrad = torch.no_grad();
                processor.Forward(nodes, edges, senders, receivers);
            });
            TimingSummary forwardBackward = Time(options, () =>
            {
                using var step = torch.NewDisposeScope();
                foreach (Tensor p in parameters) p.grad = null;
                processor.Forward(nodes, edges, senders, receivers).sum().backward();
            });
            return new ProcessorTimings(forward, forwardBackward, outputSum, torch.get_num_threads());
        }
        finally
        {
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

    private static TimingSummary Time(ProcessorBenchmarkOptions options, Action run)
    {
        for (int i = 0; i < options.Warmup; i++) run();
        var samples = new double[options.Repetitions];
        for (int i = 0; i < samples.Length; i++)
        {
            long start = Stopwatch.GetTimestamp();
            run();
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        return new TimingSummary(samples);
    }
}
