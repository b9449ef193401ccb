using MlCgMd.MolecularDynamics;
using MlCgMd.Systems;

namespace MlCgMd.Tests.MolecularDynamics;

public class ChainEnsembleTests
{
    [Fact]
    public void Quick_tier_test_split_runs_in_parallel_with_the_configured_layout()
    {
        ChainDatasetConfig config = ChainDatasetConfigLoader.Load(Path.Combine(MdTestSystems.RepositoryRoot, "data/configs/chain-quick.json"));
        DatasetSplit split = config.Split("test");
        ChainSystemSpec[] chains = config.Systems("test");
        var finished = new System.Collections.Concurrent.ConcurrentBag<int>();
        MdTrajectory[] trajectories = ChainEnsemble.Run(chains, config.LoadForceField(), split.Run, maxThreads: 2, (k, _) => finished.Add(k));

        Assert.Equal(Enumerable.Range(0, chains.Length), finished.Order());
        for (int k = 0; k < chains.Length; k++)
        {
            MdTrajectory t = trajectories[k];
            Assert.Equal(split.Run.FrameCount, t.FrameCount);
            Assert.Equal((long)t.FrameCount * chains[k].System.BeadCount * 3, t.Positions.LongLength);
            Assert.Equal(split.Run.RgCount, t.Rg.Length);
            Assert.All(t.Rg, rg => Assert.InRange(rg, 0.5, 10));
            Assert.InRange(t.MeanKineticTemperature!.Value, 0.8, 1.2);
        }
    }
}
