using MlCgMd.Batching;
using MlCgMd.Data;
using MlCgMd.Model;
using MlCgMd.Simulation;
using MlCgMd.SystemKinds;
using MlCgMd.Tests.Training;
using MlCgMd.Torch;

namespace MlCgMd.Tests.Simulation;

public class RolloutRunnerTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "mlcgmd-rollout-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }

    private List<CgSystem> Systems(int cgLevel)
    {
        string data = TinyDataset.Write(Path.Combine(root, "data"));
        return TrajectoryDataset.FromSplit(data, Path.Combine(data, "train.txt")).Folders
            .Select(f => CgSystem.Load(f, new CgRecipe { CgLevel = cgLevel }, "the test")).ToList();
    }

    private static GraphSimulator Model(bool score)
    {
        torch.manual_seed(21);
        return new GraphSimulator(Tests.Model.SyntheticBatches.SmallConfig(seqLen: 4, score: score) with { CgLevel = 6 });
    }

    private static readonly StabilityThresholds Loose = new(1e-6, 1e6);

    private sealed class InlineProgress(Action<RolloutRunner.Progress> report) : IProgress<RolloutRunner.Progress>
    {
        public void Report(RolloutRunner.Progress value) => report(value);
    }

    [Fact]
    public void A_resumed_rollout_continues_identically()
    {
        var systems = Systems(6);
        using var model = Model(score: true);
        var options = new RolloutOptions { Steps = 12, SaveEvery = 2, BatchSize = 2, CheckpointEvery = 4, Seed = 3 };
        string whole = Path.Combine(root, "whole"), split = Path.Combine(root, "split");
        new RolloutRunner(model, options).Run(systems, Loose, whole, resume: false);

        // Interrupted after 8 steps (two resume points written), then resumed to the end.
        using var interrupt = new CancellationTokenSource();
        var stopAtEight = new InlineProgress(p => { if (p.StepsDone == 8) interrupt.Cancel(); });
        Assert.Throws<OperationCanceledException>(() =>
            new RolloutRunner(model, options).Run(systems, Loose, split, resume: false, progress: stopAtEight, cancel: interrupt.Token));
        Assert.False(RolloutManifest.Read(split).Completed);
        new RolloutRunner(model, options).Run(systems, Loose, split, resume: true);

        RolloutManifest a = RolloutManifest.Read(whole), b = RolloutManifest.Read(split);
        for (int s = 0; s < systems.Count; s++)
        {
            Assert.Equal(6, a.Systems[s].FramesWritten);
            Assert.Equal(a.Systems[s].FramesWritten, b.Systems[s].FramesWritten);
            Assert.Equal(RolloutFile.ReadPositions(Path.Combine(whole, a.Systems[s].File), 6),
                         RolloutFile.ReadPositions(Path.Combine(split, b.Systems[s].File), 6));
        }
    }

    [Fact]
    public void A_resumed_rollout_with_a_stopped_system_continues_identically()
    {
        var systems = Systems(6);
        // The first chain's halves lie 100 σ apart: its middle CG bond breaks the 50 σ limit at step 0.
        var folder = new TrajectoryFolder(Path.Combine(root, "data", systems[0].Name));
        Trajectory torn = folder.Read();
        float[] positions = (float[])torn.Positions.Clone();
        for (int t = 0; t < torn.FrameCount; t++)
            for (int i = torn.ParticleCount / 2; i < torn.ParticleCount; i++) positions[(t * torn.ParticleCount + i) * 3] += 100;
        folder.Write(torn with { Positions = positions });
        systems[0] = CgSystem.Load(folder, systems[1].Recipe, "the test");
        var limits = new StabilityThresholds(1e-6, MaxBondLength: 50);

        using var model = Model(score: false);
        var options = new RolloutOptions { Steps = 12, SaveEvery = 2, BatchSize = 3, CheckpointEvery = 4, Seed = 3 };
        string whole = Path.Combine(root, "whole"), split = Path.Combine(root, "split");
        RolloutManifest a = new RolloutRunner(model, options).Run(systems, limits, whole, resume: false);
        Assert.Equal(0, a.Systems[0].FailedStep);
        Assert.All(a.Systems.Skip(1), s => Assert.Null(s.FailedStep));

        using var interrupt = new CancellationTokenSource();
        var stopAtEight = new InlineProgress(p => { if (p.StepsDone == 8) interrupt.Cancel(); });
        Assert.Throws<OperationCanceledException>(() =>
            new RolloutRunner(model, options).Run(systems, limits, split, resume: false, progress: stopAtEight, cancel: interrupt.Token));
        RolloutManifest b = new RolloutRunner(model, options).Run(systems, limits, split, resume: true);
        for (int s = 0; s < systems.Count; s++)
        {
            Assert.Equal(a.Systems[s].FailedStep, b.Systems[s].FailedStep);
            Assert.Equal(a.Systems[s].StepsDone, b.Systems[s].StepsDone);
            Assert.Equal(a.Systems[s].FramesWritten, b.Systems[s].FramesWritten);
            Assert.Equal(RolloutFile.ReadPositions(Path.Combine(whole, a.Systems[s].File), a.Systems[s].FramesWritten),
                         RolloutFile.ReadPositions(Path.Combine(split, b.Systems[s].File), b.Systems[s].FramesWritten));
        }
    }

    [Fact]
    public void A_rollout_whose_systems_all_stopped_resumes_as_finished()
    {
        var systems = Systems(6);
        using var model = Model(score: false);
        var options = new RolloutOptions { Steps = 6, SaveEvery = 1, BatchSize = 3, Deterministic = true, CollisionDistance = 1e9 };
        string dir = Path.Combine(root, "stopped");
        new RolloutRunner(model, options).Run(systems, Loose, dir, resume: false);
        RolloutManifest again = new RolloutRunner(model, options).Run(systems, Loose, dir, resume: true);
        Assert.True(again.Completed);
        Assert.All(again.Systems, s => Assert.Equal(0, s.FailedStep));
    }

    [Fact]
    public void A_failing_system_stops_at_its_first_failing_step_and_others_continue()
    {
        var systems = Systems(6);
        using var model = Model(score: false);
        var options = new RolloutOptions { Steps = 6, SaveEvery = 1, BatchSize = 3, Deterministic = true };
        // The second system's beads are declared collided at any distance below 1e9: it fails at step 0.
        string dir = Path.Combine(root, "fail");
        var manifest = new RolloutRunner(model, options with { CollisionDistance = 1e9 }).Run(systems, Loose, dir, resume: false);
        Assert.All(manifest.Systems, s => Assert.Equal(0, s.FailedStep));
        Assert.All(manifest.Systems, s => Assert.Equal(0, s.FramesWritten));
        Assert.Contains("collided", manifest.Systems[0].Failure);

        var healthy = new RolloutRunner(model, options).Run(systems, Loose, Path.Combine(root, "ok"), resume: false);
        Assert.All(healthy.Systems, s => Assert.Null(s.FailedStep));
        Assert.All(healthy.Systems, s => Assert.Equal(6, s.FramesWritten));
        Assert.True(healthy.Completed);
    }

    [Fact]
    public void Stability_monitor_flags_non_finite_positions_collisions_and_stretched_bonds()
    {
        var monitor = new StabilityMonitor(new StabilityThresholds(CollisionDistance: 0.5, MaxBondLength: 2.0));
        int[] bonds = [0, 1, 1, 0, 1, 2, 2, 1];
        Assert.Null(monitor.Check([0, 0, 0, 1, 0, 0, 2, 0, 0], bonds));
        Assert.Contains("non-finite", monitor.Check([0, 0, 0, float.NaN, 0, 0, 2, 0, 0], bonds));
        Assert.Contains("stretched", monitor.Check([0, 0, 0, 3, 0, 0, 4, 0, 0], bonds));
        // Beads 0 and 2 are not bonded; 0.3 apart is a collision.
        Assert.Contains("collided", monitor.Check([0, 0, 0, 1, 0, 0, 0.3f, 0, 0], bonds));
        Assert.Equal(1, monitor.CountCollisions([0, 0, 0, 1, 0, 0, 0.3f, 0, 0], bonds));
    }
}
