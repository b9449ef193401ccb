using MlCgMd.Data;
using MlCgMd.Generation;
using MlCgMd.Systems;

namespace MlCgMd.Tests.Generation;

public class DatasetGeneratorTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "mlcgmd-generate-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }

    private static ChainDatasetConfig QuickTier()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MlCgMd.sln")))
                return ChainDatasetConfigLoader.Load(Path.Combine(dir.FullName, "data", "configs", "chain-quick.json"));
        throw new DirectoryNotFoundException("the repository root is not above the test assembly");
    }

    [Fact]
    public void Generation_writes_the_original_layout_and_resumes_without_redoing_finished_chains()
    {
        ChainDatasetConfig config = QuickTier();
        DatasetInfo info = new DatasetGenerator(config, root, threads: 2).Run();

        Assert.Equal(1.0, info.FrameInterval, 12);                    // 100 steps of 0.01 τ
        foreach (string split in new[] { SplitFiles.ChainTrain, SplitFiles.ChainValidation, SplitFiles.ChainTest })
            Assert.NotEmpty(TrajectoryDataset.ReadSplit(Path.Combine(root, split)));
        var folder = new TrajectoryFolder(Path.Combine(root, "train_000"));
        Trajectory original = folder.Read();
        Assert.Equal(config.Split("train").Run.FrameCount, original.FrameCount);
        Assert.Equal(2 * config.MonomersPerChain, original.ParticleCount);

        // An interrupted generation: one chain missing, another untouched (its timestamp must not change).
        DateTime untouched = File.GetLastWriteTimeUtc(Path.Combine(root, "train_001", "position.h5"));
        Directory.Delete(folder.Path, recursive: true);
        var progress = new List<GenerationProgress>();
        new DatasetGenerator(config, root, threads: 2).Run(new SyncProgress(progress.Add));

        Assert.Equal(untouched, File.GetLastWriteTimeUtc(Path.Combine(root, "train_001", "position.h5")));
        Assert.Contains(progress, p => p.Split == "train" && p.ChainsSkipped == config.Split("train").Chains - 1);
        Trajectory regenerated = folder.Read();
        Assert.Equal(original.Positions, regenerated.Positions);      // same seed per chain: bit-identical
        Assert.Equal(original.Rgs, regenerated.Rgs);
    }

    [Fact]
    public void Shards_fill_one_folder_and_the_last_one_writes_the_split_files_and_dataset_json()
    {
        ChainDatasetConfig config = QuickTier();
        string whole = Path.Combine(root, "whole"), sharded = Path.Combine(root, "sharded");
        DatasetInfo expected = new DatasetGenerator(config, whole, threads: 2).Run();

        Assert.Null(new DatasetGenerator(config, sharded, threads: 2).RunShard(new Shard(1, 2)));
        // Half the chains, no split file naming the missing half, no dataset.json yet.
        Assert.False(File.Exists(Path.Combine(sharded, SplitFiles.ChainTrain)));
        Assert.Null(DatasetInfo.TryRead(sharded));
        Assert.True(Directory.Exists(Path.Combine(sharded, "train_001")));
        Assert.False(Directory.Exists(Path.Combine(sharded, "train_000")));

        DatasetInfo? info = new DatasetGenerator(config, sharded, threads: 2).RunShard(new Shard(0, 2));
        Assert.NotNull(info);
        Assert.Equal(expected.Frames, info.Frames);
        Assert.Equal(expected.MdSteps, info.MdSteps);                 // summed over the shards
        foreach (string split in new[] { SplitFiles.ChainTrain, SplitFiles.ChainValidation, SplitFiles.ChainTest })
            Assert.Equal(TrajectoryDataset.ReadSplit(Path.Combine(whole, split)), TrajectoryDataset.ReadSplit(Path.Combine(sharded, split)));
        foreach (string chain in TrajectoryDataset.ReadSplit(Path.Combine(whole, SplitFiles.ChainTest)))
            Assert.Equal(new TrajectoryFolder(Path.Combine(whole, chain)).Read().Positions,
                         new TrajectoryFolder(Path.Combine(sharded, chain)).Read().Positions);
    }

    private sealed class SyncProgress(Action<GenerationProgress> report) : IProgress<GenerationProgress>
    {
        public void Report(GenerationProgress value) => report(value);
    }
}
