using System.Diagnostics;
using MlCgMd.Batching;
using MlCgMd.Data;
using MlCgMd.Model;
using MlCgMd.Simulation;
using MlCgMd.SystemKinds;
using MlCgMd.Tests.Training;
using MlCgMd.Torch;
using Xunit.Abstractions;

namespace MlCgMd.Tests.Simulation;

public class RolloutMemoryTests(ITestOutputHelper output) : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "mlcgmd-rollout-memory-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }

    [Fact]
    public void Rollout_memory_does_not_grow_with_rollout_length()
    {
        string data = TinyDataset.Write(Path.Combine(root, "data"), chains: 3);
        var systems = TrajectoryDataset.FromSplit(data, Path.Combine(data, "train.txt")).Folders
            .Select(f => CgSystem.Load(f, new CgRecipe { CgLevel = 6 }, "the test")).ToList();
        torch.manual_seed(4);
        using var model = new GraphSimulator(Tests.Model.SyntheticBatches.SmallConfig(seqLen: 4) with { CgLevel = 6 });
        var loose = new StabilityThresholds(1e-6, 1e6);

        int runs = 0;
        (long Rss, long Live) After(long steps)
        {
            var options = new RolloutOptions { Steps = steps, SaveEvery = 10, BatchSize = 4, CheckpointEvery = 500, Deterministic = true };
            new RolloutRunner(model, options).Run(systems, loose, Path.Combine(root, $"r{steps}-{++runs}"), resume: false);   // a folder per run: no overwrite
            GC.Collect();
            GC.WaitForPendingFinalizers();
            using var process = Process.GetCurrentProcess();
            process.Refresh();
            return (process.WorkingSet64, Tensor.LiveCount);
        }

        After(300);                                       // warm-up: allocator pools, JIT, the thread's pair cache
        long liveBefore = Tensor.LiveCount;
        var (shortRss, shortLive) = After(300);
        var (longRss, longLive) = After(3000);            // ten times longer
        // No tensor outlives a rollout (the count may drop by finalised strays from earlier tests).
        Assert.Equal(shortLive, longLive);
        Assert.True(longLive <= liveBefore, $"{longLive - liveBefore} native tensors leaked");
        double growthMb = (longRss - shortRss) / 1e6;
        output.WriteLine($"RSS after 300 steps {shortRss / 1e6:F1} MB, after 3000 steps {longRss / 1e6:F1} MB; live tensors {shortLive} / {longLive}");
        Assert.True(growthMb < 30, $"resident memory grew by {growthMb:F1} MB from a 300-step to a 3000-step rollout");
    }
}
