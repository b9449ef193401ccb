using MlCgMd.Batching;
using MlCgMd.Model;
using MlCgMd.Tests.Model;
using MlCgMd.Torch;
using MlCgMd.Training;

namespace MlCgMd.Tests.Training;

/// <summary>The arithmetic of data-parallel training, in one process (the two-process run is DistributedTrainingTests).</summary>
public class DataParallelTests
{
    // Chains of 3, 6, 4 and 9 CG beads: the two halves of the batch hold 9 and 13 beads.
    private static readonly SyntheticBatches.Chain[] Chains =
        [.. new[] { 12, 24, 16, 36 }.Select((n, i) => SyntheticBatches.RandomChain(n, frames: 4, perBead: 4, seed: 10 + i))];

    /// <summary>Gradients of every parameter, flattened: [parameters] float64.</summary>
    private static double[] Gradient(GraphSimulator model, Func<LossTerms, Tensor> loss, params ModelBatch[] batches)
    {
        using var scope = torch.NewDisposeScope();
        foreach (Parameter p in model.parameters()) p.grad = null;
        foreach (ModelBatch batch in batches) loss(model.ComputeLoss(batch)).backward();
        return model.parameters().SelectMany(p => (p.grad ?? torch.zeros_like(p)).to(torch.float64).reshape(-1).ToArray<double>()).ToArray();
    }

    private static double MaxAbsDifference(double[] a, double[] b) => a.Zip(b, (x, y) => Math.Abs(x - y)).Max();

    [Fact]
    public void Bead_and_system_weighted_shares_of_a_split_batch_add_up_to_the_combined_batch_gradient()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(3);
        using var model = new GraphSimulator(SyntheticBatches.SmallConfig(seqLen: 4) with { NoiseMethod = "none" });
        ModelBatch all = SyntheticBatches.Batch(Chains), first = SyntheticBatches.Batch(Chains[..2]), second = SyntheticBatches.Batch(Chains[2..]);
        double beads = all.BeadCounts.Sum();

        double[] combined = Gradient(model, t => t.Loss, all);
        // What the ranks back-propagate: rank 0 with 9 of 22 beads and 2 of 4 systems, rank 1 the rest.
        double[] weighted = Sum(Gradient(model, t => DataParallel.Weighted(t, first.BeadCounts.Sum() / beads, 0.5).Loss, first),
                       Gradient(model, t => DataParallel.Weighted(t, second.BeadCounts.Sum() / beads, 0.5).Loss, second));
        double[] naive = Sum(Gradient(model, t => t.Loss * 0.5, first), Gradient(model, t => t.Loss * 0.5, second));

        double scale = combined.Max(Math.Abs);
        Assert.True(MaxAbsDifference(weighted, combined) <= 1e-5 * scale,
            $"weighted shares differ from the combined batch by {MaxAbsDifference(weighted, combined):G3} (scale {scale:G3})");
        // The same split averaged per rank (each rank's mean over its own beads) is wrong by 100x that tolerance.
        Assert.True(MaxAbsDifference(naive, combined) >= 1e-3 * scale,
            $"plain averaging differs by only {MaxAbsDifference(naive, combined):G3} (scale {scale:G3})");
    }

    private static double[] Sum(double[] a, double[] b) => a.Zip(b, (x, y) => x + y).ToArray();

    [Fact]
    public void Ranks_take_contiguous_shares_that_differ_by_at_most_one_and_cover_the_batch()
    {
        Window[] batch = Enumerable.Range(0, 7).Select(i => new Window(i % 3, i)).ToArray();
        var shares = Enumerable.Range(0, 3).Select(r => new DataParallel(r, 3).Share(batch)).ToList();
        Assert.Equal(new[] { 2, 2, 3 }, shares.Select(s => s.Count));
        Assert.Equal(batch, shares.SelectMany(s => s));
        var e = Assert.Throws<ArgumentException>(() => new DataParallel(0, 8).Share(batch));
        Assert.Contains("batch_size (7)", e.Message);
    }

    [Fact]
    public void Without_a_process_group_the_single_process_computation_is_untouched()
    {
        DataParallel single = DataParallel.FromDefaultGroup();
        Assert.Equal((0, 1, true), (single.Rank, single.WorldSize, single.IsMain));
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(3);
        using var model = new GraphSimulator(SyntheticBatches.SmallConfig(seqLen: 4) with { NoiseMethod = "none" });
        ModelBatch batch = SyntheticBatches.Batch(Chains);
        LossTerms terms = model.ComputeLoss(batch);
        Assert.Same(terms, single.Weighted(terms, batch));
        Assert.Equal(12345UL, single.NoiseSeed(12345UL));
        Assert.NotEqual(12345UL, new DataParallel(1, 2).NoiseSeed(12345UL));
        Assert.Equal(Device.CPU, single.LocalDevice("cpu"));
    }
}
