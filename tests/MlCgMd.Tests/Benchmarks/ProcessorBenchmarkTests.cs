using MlCgMd.Benchmarks;
using MlCgMd.Torch;

namespace MlCgMd.Tests.Benchmarks;

public class ProcessorBenchmarkTests
{
    private static readonly ProcessorBenchmarkOptions Tiny = new()
    {
        Graphs = 2, NodesPerGraph = 3, Latent = 4, Layers = 2, Threads = 1, Warmup = 0, Repetitions = 2,
    };

    [Theory]
    [InlineData(true, 18)]
    [InlineData(false, 12)]
    public void Fully_connected_edges_stay_within_each_graph(bool selfLoops, int expectedEdges)
    {
        ProcessorBenchmarkOptions options = Tiny with { SelfLoops = selfLoops };
        Assert.Equal(expectedEdges, options.Edges);
        var (senders, receivers) = ProcessorBenchmark.FullyConnectedEdges(options);
        using (senders)
        using (receivers)
        {
            long[] s = senders.ToArray<long>(), r = receivers.ToArray<long>();
            Assert.Equal(expectedEdges, s.Length);
            Assert.All(s.Zip(r), e => Assert.Equal(e.First / 3, e.Second / 3));
            Assert.Equal(selfLoops, s.Zip(r).Any(e => e.First == e.Second));
            Assert.Equal(expectedEdges, s.Zip(r).Distinct().Count());
        }
    }

    [Fact]
    public void Processor_keeps_node_shape_and_backpropagates_into_every_parameter()
    {
        torch.manual_seed(0);
        using var scope = torch.NewDisposeScope();
        using var processor = new MessagePassingProcessor(layers: 2, latent: 4);
        var (senders, receivers) = ProcessorBenchmark.FullyConnectedEdges(Tiny);
        Tensor nodes = torch.randn(6, 4);
        Tensor output = processor.Forward(nodes, torch.randn(18, 4), senders, receivers);
        Assert.Equal(new long[] { 6, 4 }, output.shape);
        output.sum().backward();
        Tensor[] parameters = processor.Parameters().ToArray();
        Assert.Equal(2 * 2 * 8, parameters.Length);
        Assert.All(parameters, p => Assert.NotNull(p.grad));
    }

    [Fact]
    public void Timing_summary_reports_median_and_paired_ratio()
    {
        var ours = new TimingSummary([4, 1, 3, 2]);
        Assert.Equal(2.5, ours.MedianMs);
        Assert.Equal(1, ours.MinMs);
        Assert.Equal(4, ours.MaxMs);
        Assert.Equal(2.0, new TimingSummary([2, 8, 6]).PairedRatio(new TimingSummary([1, 2, 3])));
    }

    [Fact]
    public void Pytorch_twin_computes_the_same_output_or_says_why_not()
    {
        ProcessorBenchmarkResult result = ProcessorBenchmark.Run(Tiny, "/usr/bin/python3");
        Assert.Equal(2, result.Ours.Forward.SamplesMs.Count);
        if (result.PyTorch is null)
        {
            Assert.False(string.IsNullOrEmpty(result.PyTorchUnavailableReason));
            return;
        }
        Assert.Equal(result.Ours.OutputSum, result.PyTorch.OutputSum, 1e-9);
        Assert.Equal(2, result.PyTorch.ForwardBackward.SamplesMs.Count);
        Assert.NotNull(result.ForwardBackwardRatio);
    }

    [Fact]
    public void Missing_python_is_reported_not_thrown()
    {
        ProcessorBenchmarkResult result = ProcessorBenchmark.Run(Tiny with { Repetitions = 1 }, "/nonexistent/python3");
        Assert.Null(result.PyTorch);
        Assert.Contains("/nonexistent/python3", result.PyTorchUnavailableReason);
        Assert.Null(result.ForwardRatio);
    }
}
