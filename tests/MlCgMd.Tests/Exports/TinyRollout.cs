using MlCgMd.Batching;
using MlCgMd.Data;
using MlCgMd.Model;
using MlCgMd.Simulation;
using MlCgMd.SystemKinds;
using MlCgMd.Tests.Training;
using MlCgMd.Torch;

namespace MlCgMd.Tests.Exports;

/// <summary>
/// A real rollout of a tiny untrained model on two 24-particle chains (4 CG beads each), 12 steps saved
/// every 2; the first system is marked stopped after 3 valid frames, so valid lengths differ.
/// </summary>
internal static class TinyRollout
{
    public static (string Data, string Rollout) Write(string root)
    {
        var (data, rollout) = Run(root, new StabilityThresholds(1e-6, 1e6));
        RolloutManifest manifest = RolloutManifest.Read(rollout);
        manifest.Systems[0].FramesWritten = 3;
        manifest.Systems[0].FailedStep = 5;
        manifest.Systems[0].Failure = "stopped by the test";
        manifest.Write(rollout);
        return (data, rollout);
    }

    /// <summary>The same rollout with the given stability thresholds and a resume point every 5 steps, as it comes.</summary>
    public static (string Data, string Rollout) Run(string root, StabilityThresholds thresholds)
    {
        string data = TinyDataset.Write(Path.Combine(root, "data"), chains: 3, particles: 24, frames: 30);
        var systems = TrajectoryDataset.FromSplit(data, Path.Combine(data, "train.txt")).Folders
            .Select(f => CgSystem.Load(f, new CgRecipe { CgLevel = 6 }, "the test")).ToList();
        torch.manual_seed(4);
        using var model = new GraphSimulator(Tests.Model.SyntheticBatches.SmallConfig(seqLen: 4) with { CgLevel = 6 });
        string rollout = Path.Combine(root, "rollout");
        new RolloutRunner(model, new RolloutOptions { Steps = 12, SaveEvery = 2, BatchSize = 4, CheckpointEvery = 5, Deterministic = true })
            .Run(systems, thresholds, rollout, resume: false, modelPath: "", progress: null);
        return (data, rollout);
    }
}
