using MlCgMd.Batching;
using MlCgMd.Data;
using MlCgMd.Model;
using MlCgMd.Simulation;
using MlCgMd.SystemKinds;
using MlCgMd.Tests.Training;
using MlCgMd.Torch;

namespace MlCgMd.Tests.Simulation;

public class RolloutShardsTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "mlcgmd-rollout-shards-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }

    private static readonly StabilityThresholds Loose = new(1e-6, 1e6);

    [Fact]
    public void Two_shards_merged_give_every_system_the_frames_of_the_unsharded_rollout()
    {
        string data = TinyDataset.Write(Path.Combine(root, "data"), chains: 6);
        List<CgSystem> systems = TrajectoryDataset.FromSplit(data, Path.Combine(data, "train.txt")).Folders
            .Select(f => CgSystem.Load(f, new CgRecipe { CgLevel = 6 }, "the test")).ToList();
        torch.manual_seed(21);
        using var model = new GraphSimulator(Tests.Model.SyntheticBatches.SmallConfig(seqLen: 4, score: true) with { CgLevel = 6 });
        // 5 systems in batches of 2: batches 0, 1, 2; shard 0 takes batch 0, shard 1 batches 1 and 2.
        var options = new RolloutOptions { Steps = 6, SaveEvery = 2, BatchSize = 2, Seed = 3 };
        string whole = Path.Combine(root, "whole"), sharded = Path.Combine(root, "sharded");
        new RolloutRunner(model, options).Run(systems, Loose, whole, resume: false);

        for (int i = 0; i < 2; i++)
        {
            var shard = new Shard(i, 2);
            var (mine, firstBatch) = RolloutShards.Select(systems, options.BatchSize, shard);
            Assert.Equal(i == 0 ? (2, 0) : (3, 1), (mine.Count, firstBatch));
            new RolloutRunner(model, options).Run(mine, Loose, RolloutShards.FolderOf(sharded, shard), resume: false, firstBatch: firstBatch);
            var (merged, pending) = RolloutShards.TryMerge(sharded, 2);
            Assert.Equal(i == 1, merged is not null);
            if (i == 0) Assert.Contains("1/2", pending);
        }

        RolloutManifest a = RolloutManifest.Read(whole), b = RolloutManifest.Read(sharded);
        Assert.True(b.Completed);
        Assert.Equal(a.Systems.Select(s => (s.Name, s.Batch)), b.Systems.Select(s => (s.Name, s.Batch)));
        for (int s = 0; s < systems.Count; s++)
            Assert.Equal(RolloutFile.ReadPositions(Path.Combine(whole, a.Systems[s].File), 3),
                         RolloutFile.ReadPositions(Path.Combine(sharded, b.Systems[s].File), 3));
    }

    [Fact]
    public void Shards_run_with_different_settings_are_not_merged()
    {
        string output = Path.Combine(root, "out");
        for (int i = 0; i < 2; i++)
        {
            string folder = RolloutShards.FolderOf(output, new Shard(i, 2));
            Directory.CreateDirectory(folder);
            new RolloutManifest { Options = new RolloutOptions { Seed = (ulong)(1 + i) }, Completed = true }.Write(folder);
        }
        var e = Assert.Throws<InvalidDataException>(() => RolloutShards.TryMerge(output, 2));
        Assert.Contains("shard 1/2", e.Message);
        Assert.False(File.Exists(Path.Combine(output, RolloutManifest.FileName)));
    }
}
