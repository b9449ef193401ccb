using MlCgMd.Batching;
using MlCgMd.Data;
using MlCgMd.Model;
using MlCgMd.Simulation;
using MlCgMd.SystemKinds;
using MlCgMd.Tests.Training;
using MlCgMd.Torch;
using MlCgMd.Training;

namespace MlCgMd.Tests.Reliability;

/// <summary>Nothing overwritten silently, no two settings mixed in one folder, no silent restart from step 0.</summary>
public class ResumeSafetyTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "mlcgmd-resume-safety-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }

    private static List<double> Losses(string run) =>
        MetricsLog.Read(Path.Combine(run, "metrics.csv")).Select(r => r.Values["loss"]).ToList();

    [Fact]
    public void A_fresh_training_run_into_a_folder_that_holds_a_run_is_refused_and_the_run_is_untouched()
    {
        string data = TinyDataset.Write(Path.Combine(root, "data"));
        string run = Path.Combine(root, "run");
        new Trainer(TinyDataset.Config(data, steps: 3), root, run).Run(resume: false);
        byte[] before = File.ReadAllBytes(Path.Combine(run, "metrics.csv"));
        var e = Assert.Throws<IOException>(() => new Trainer(TinyDataset.Config(data, steps: 3), root, run).Run(resume: false));
        Assert.Contains("--resume", e.Message);
        Assert.Contains("--overwrite", e.Message);
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(run, "metrics.csv")));
    }

    [Fact]
    public void A_resume_with_changed_settings_is_refused_naming_the_key_and_both_values()
    {
        string data = TinyDataset.Write(Path.Combine(root, "data"));
        string run = Path.Combine(root, "run");
        TrainingConfig config = TinyDataset.Config(data, steps: 3);
        new Trainer(config, root, run).Run(resume: false);
        var changed = config with { Optim = config.Optim with { Lr = 3e-4 }, Train = config.Train with { MaxSteps = 6 } };
        var e = Assert.Throws<InvalidDataException>(() => new Trainer(changed, root, run).Run(resume: true));
        Assert.Contains("optim.lr: 0.001 then, 0.0003 now", e.Message);
        Assert.DoesNotContain("max_steps", e.Message);     // training longer is what a resume is for
    }

    [Fact]
    public void A_crash_inside_the_checkpoint_swap_resumes_from_the_complete_checkpoint_left_beside_it()
    {
        string data = TinyDataset.Write(Path.Combine(root, "data"));
        string whole = Path.Combine(root, "whole"), torn = Path.Combine(root, "torn");
        new Trainer(TinyDataset.Config(data, steps: 6), root, whole).Run(resume: false);
        new Trainer(TinyDataset.Config(data, steps: 3), root, torn).Run(resume: false);
        // The swap moved last/ aside and died before the new one took its place: only last.old/ is left.
        string last = Path.Combine(torn, "checkpoints", "last");
        Directory.Move(last, last + ".old");
        new Trainer(TinyDataset.Config(data, steps: 6), root, torn).Run(resume: true);
        Assert.Equal(Losses(whole), Losses(torn));
    }

    [Fact]
    public void A_resume_without_any_checkpoint_after_logged_steps_is_refused_instead_of_restarting_from_step_0()
    {
        string data = TinyDataset.Write(Path.Combine(root, "data"));
        string run = Path.Combine(root, "run");
        new Trainer(TinyDataset.Config(data, steps: 3), root, run).Run(resume: false);
        // A half-written last/: state.json never made it.
        File.Delete(Path.Combine(run, "checkpoints", "last", Checkpoint.StateFile));
        var e = Assert.Throws<InvalidDataException>(() => new Trainer(TinyDataset.Config(data, steps: 6), root, run).Run(resume: true));
        Assert.Contains("reached step 3", e.Message);
        Assert.Equal(3, Losses(run).Count);
    }

    [Fact]
    public void A_metrics_line_cut_short_by_a_kill_does_not_block_the_resume_and_the_run_ends_as_an_uninterrupted_one()
    {
        string data = TinyDataset.Write(Path.Combine(root, "data"));
        string whole = Path.Combine(root, "whole"), killed = Path.Combine(root, "killed");
        new Trainer(TinyDataset.Config(data, steps: 6), root, whole).Run(resume: false);
        new Trainer(TinyDataset.Config(data, steps: 3), root, killed).Run(resume: false);
        File.AppendAllText(Path.Combine(killed, "metrics.csv"), "4,0.12");
        File.AppendAllText(Path.Combine(killed, "metrics.jsonl"), "{\"step\":4,\"loss\":0.1");
        new Trainer(TinyDataset.Config(data, steps: 6), root, killed).Run(resume: true);
        Assert.Equal(Losses(whole), Losses(killed));
        Assert.Equal(File.ReadAllText(Path.Combine(whole, "metrics.jsonl")).Split('\n').Length,
                     File.ReadAllText(Path.Combine(killed, "metrics.jsonl")).Split('\n').Length);
    }

    private List<CgSystem> Systems()
    {
        string data = TinyDataset.Write(Path.Combine(root, "data"), chains: 3);
        return TrajectoryDataset.FromSplit(data, Path.Combine(data, "train.txt")).Folders
            .Select(f => CgSystem.Load(f, new CgRecipe { CgLevel = 6 }, "the test")).ToList();
    }

    private static GraphSimulator Model()
    {
        torch.manual_seed(21);
        return new GraphSimulator(Tests.Model.SyntheticBatches.SmallConfig(seqLen: 4) with { CgLevel = 6 });
    }

    [Fact]
    public void A_fresh_rollout_into_a_folder_that_holds_one_is_refused_and_a_resume_with_other_options_too()
    {
        var systems = Systems();
        using GraphSimulator model = Model();
        var options = new RolloutOptions { Steps = 4, SaveEvery = 1, BatchSize = 2, Deterministic = true };
        string rollout = Path.Combine(root, "rollout");
        new RolloutRunner(model, options).Run(systems, new StabilityThresholds(1e-6, 1e6), rollout, resume: false);
        string file = Path.Combine(rollout, systems[0].Name + ".h5");
        byte[] before = File.ReadAllBytes(file);

        Assert.Throws<IOException>(() =>
            new RolloutRunner(model, options).Run(systems, new StabilityThresholds(1e-6, 1e6), rollout, resume: false));
        var e = Assert.Throws<InvalidDataException>(() => new RolloutRunner(model, options with { Refine = false, StepSize = 1e-5 })
            .Run(systems, new StabilityThresholds(1e-6, 1e6), rollout, resume: true));
        Assert.Contains("options.refine: true then, false now", e.Message);
        Assert.Equal(before, File.ReadAllBytes(file));
        // Threads only change how fast it runs: a finished rollout resumed with other threads is a no-op.
        RolloutManifest again = new RolloutRunner(model, options with { Threads = 2 })
            .Run(systems, new StabilityThresholds(1e-6, 1e6), rollout, resume: true);
        Assert.True(again.Completed);
        Assert.Equal(before, File.ReadAllBytes(file));
    }

    [Fact]
    public void A_rollout_whose_systems_all_stop_before_the_first_resume_point_still_records_its_wall_time()
    {
        var systems = Systems();
        using GraphSimulator model = Model();
        var options = new RolloutOptions { Steps = 50, SaveEvery = 1, BatchSize = 2, Deterministic = true, CheckpointEvery = 1000, CollisionDistance = 1e9 };
        RolloutManifest manifest = new RolloutRunner(model, options)
            .Run(systems, new StabilityThresholds(1e-6, 1e6), Path.Combine(root, "stopped"), resume: false);
        Assert.All(manifest.Systems, s => Assert.Equal(0, s.FailedStep));
        Assert.True(manifest.WallSeconds > 0, $"wall_seconds {manifest.WallSeconds}");
        Assert.True(RolloutManifest.Read(Path.Combine(root, "stopped")).WallSeconds > 0);
    }
}
