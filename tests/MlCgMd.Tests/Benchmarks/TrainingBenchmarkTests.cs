using MlCgMd.Benchmarks;
using MlCgMd.Model;
using MlCgMd.Torch;

namespace MlCgMd.Tests.Benchmarks;

public class TrainingBenchmarkTests
{
    // 2 chains of 40 beads in 4 CG beads each: the paper's model, a batch small enough for milliseconds.
    private static readonly TrainingBenchmarkOptions Tiny = new()
    {
        Batch = 2, Particles = 40, CgLevel = 10, Threads = 1, Warmup = 0, Repetitions = 1,
    };

    [Fact]
    public void Synthetic_batch_is_deterministic_with_contiguous_clusters_and_cg_bonds_within_each_chain()
    {
        using var scope = torch.NewDisposeScope();
        ModelBatch a = SyntheticChainBatch.Build(systems: 2, particles: 40, cgLevel: 10, seqLen: 5, seed: 3);
        ModelBatch b = SyntheticChainBatch.Build(systems: 2, particles: 40, cgLevel: 10, seqLen: 5, seed: 3);
        Assert.Equal(new long[] { 80, 5, 3 }, a.PositionHistory.shape);
        Assert.Equal(a.PositionHistory.ToArray<float>(), b.PositionHistory.ToArray<float>());
        Assert.Equal(a.ParticleTypes.ToArray<long>(), b.ParticleTypes.ToArray<long>());
        Assert.Equal(new long[] { 4, 4 }, a.BeadCounts);
        // Comb of 20 monomers: 39 bonds per chain, both directions.
        Assert.Equal(new long[] { 2 * 2 * 39, 2 }, a.Bonds.shape);
        long[] cluster = a.Cluster.ToArray<long>();
        Assert.Equal(Enumerable.Range(0, 80).Select(i => (long)(i / 10)), cluster);
        // Contiguous clusters along a comb: a path of 4 beads per chain, 3 CG bonds each way.
        long[] cgBonds = a.CgBonds.ToArray<long>();
        Assert.Equal(2 * 2 * 3 * 2, cgBonds.Length);
        Assert.All(cgBonds.Chunk(2), pair => Assert.Equal(pair[0] / 4, pair[1] / 4));
        Assert.Equal(new long[] { 2, 5 }, a.RgLabels!.shape);
        Assert.All(a.RgLabels.ToArray<float>(), rg => Assert.True(rg > 0));
    }

    [Fact]
    public void Pytorch_twin_computes_the_same_loss_and_a_ratio_or_says_why_not()
    {
        TrainingBenchmarkResult result = TrainingBenchmark.Run(Tiny, "/usr/bin/python3");
        Assert.Equal(1_573_479, result.ParameterCount);
        // Radius 200 σ covers every within-chain pair, self-loops included: 2 x 4 x 4.
        Assert.Equal(32, result.CgEdges);
        Assert.Single(result.Ours.Wall.SamplesMs);
        Assert.Single(result.Ours.Cpu.SamplesMs);
        if (result.PyTorch is null)
        {
            Assert.False(string.IsNullOrEmpty(result.PyTorchUnavailableReason));
            return;
        }
        Assert.True(result.Check!.Agrees,
            $"loss without noise: ours {result.Check.Ours}, PyTorch {result.Check.PyTorch} ({result.Check.RelativeDifference:E2})");
        Assert.Single(result.PyTorch.Wall.SamplesMs);
        Assert.True(result.Ratio > 0);
        Assert.True(result.CpuRatio > 0);
    }

    [Fact]
    public void Missing_python_is_reported_not_thrown()
    {
        TrainingBenchmarkResult result = TrainingBenchmark.Run(Tiny, "/nonexistent/python3");
        Assert.Null(result.PyTorch);
        Assert.Null(result.Check);
        Assert.Contains("/nonexistent/python3", result.PyTorchUnavailableReason);
        Assert.Null(result.Ratio);
    }
}
