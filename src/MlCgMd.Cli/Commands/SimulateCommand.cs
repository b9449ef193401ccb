using System.CommandLine;
using MlCgMd.Benchmarks;
using MlCgMd.Batching;
using MlCgMd.Configuration;
using MlCgMd.Data;
using MlCgMd.Model;
using MlCgMd.Simulation;

namespace MlCgMd.Cli.Commands;

/// <summary>`mlcgmd simulate --model CHECKPOINT --data DIR [--split FILE] --steps N`.</summary>
internal static class SimulateCommand
{
    public static Command Create()
    {
        var modelOption = new Option<DirectoryInfo>("--model") { Description = "checkpoint folder (model.json + model.safetensors)", Required = true };
        var data = new Option<DirectoryInfo>("--data") { Description = "dataset folder holding the trajectories", Required = true };
        var split = new Option<string?>("--split") { Description = "split file naming the systems (default: the test split of the model's system kind, test_class2.txt for chains)" };
        var steps = new Option<long>("--steps") { Description = "model steps to simulate; one step = dilation × frame interval τ (the model's dilation, the dataset's frame interval; 5 τ for the paper chain)", DefaultValueFactory = _ => 1000 };
        var saveEvery = new Option<int>("--save-every") { Description = "save CG positions every this many model steps", DefaultValueFactory = _ => 10 };
        var output = new Option<DirectoryInfo>("--out") { Description = "output folder (rollout.json + one .h5 per system)", Required = true };
        var noRefine = new Option<bool>("--no-refine") { Description = "switch the Score-GNN refinement off (ablation)" };
        var deterministic = new Option<bool>("--deterministic") { Description = "use the mean acceleration instead of sampling" };
        var batchSize = new Option<int>("--batch-size") { Description = "systems simulated together in one batch", DefaultValueFactory = _ => 40 };
        var seed = new Option<ulong>("--seed") { Description = "random seed of the sampled accelerations and the Langevin noise", DefaultValueFactory = _ => 1UL };
        var resume = new Option<bool>("--resume") { Description = "continue an interrupted rollout in --out (with the options and model it was started with)" };
        var overwrite = new Option<bool>("--overwrite") { Description = "delete an earlier rollout in --out first (without it, a folder that holds files is refused)" };
        var threads = new Option<int>("--threads") { Description = "threads of every libtorch pool (0: all cores)", DefaultValueFactory = _ => 1 };
        var stepsPerSigma = new Option<int?>("--steps-per-sigma") { Description = "Langevin steps per noise level σ_i (default: the model's step_per_sigma)" };
        var stepSize = new Option<double?>("--step-size") { Description = "Langevin step size ε, σ² (default: the model's step_size)" };
        var shardOption = new Option<string?>("--shard")
        {
            Description = "i/n: roll out shard i (from 0) of n: whole batches into OUT/shards/i-of-n; the last shard to finish writes OUT/rollout.json (default: every system)",
        };
        var schedule = new Option<string?>("--step-schedule") { Description = "constant (official) or sigma_squared (NCSN) (default: the model's)" };
        var overrides = OverrideOption.Create("checkpoint_every=500 --set collision_distance=0.4",
            "a rollout option (the keys of rollout.json's options), after the flags above");
        var command = new Command("simulate", "Roll the learned simulator out on unseen systems (HDF5 per system, rollout.json).")
        {
            modelOption, data, split, steps, saveEvery, output, noRefine, deterministic, batchSize, seed, resume, overwrite, threads,
            stepsPerSigma, stepSize, schedule, shardOption, overrides,
        };
        command.SetAction(parse => CommandAction.Run(() =>
        {
            string dataDirectory = parse.GetValue(data)!.FullName;
            string modelDirectory = parse.GetValue(modelOption)!.FullName;
            RolloutOptions options = new()
            {
                Steps = parse.GetValue(steps), SaveEvery = parse.GetValue(saveEvery), Refine = !parse.GetValue(noRefine),
                Deterministic = parse.GetValue(deterministic), BatchSize = parse.GetValue(batchSize), Seed = parse.GetValue(seed),
                Threads = parse.GetValue(threads), CheckpointEvery = Math.Max(parse.GetValue(saveEvery), 100),
                StepPerSigma = parse.GetValue(stepsPerSigma), StepSize = parse.GetValue(stepSize),
                StepSizeSchedule = parse.GetValue(schedule),
            };
            options = ConfigOverride.ApplyTo(options, OverrideOption.Parse(parse.GetValue(overrides)), "the rollout options", ModelConfig.Json);
            options.Validate();
            using TrainedModel trained = ModelCheckpoint.Load(modelDirectory, options.PriorBondScale);
            GraphSimulator model = trained.Model;
            var systems = CgSystem.LoadSplit(dataDirectory, parse.GetValue(split) ?? trained.Recipe.Kind.TestSplit, trained.Recipe,
                $"checkpoint '{modelDirectory}'");
            var thresholds = StabilityThresholds.FromReference(systems);   // from the whole split, in every shard
            string outDirectory = parse.GetValue(output)!.FullName;
            Shard shard = parse.GetValue(shardOption) is { } text ? Shard.Parse(text) : Shard.Whole;
            int firstBatch = 0;
            string rolloutDirectory = outDirectory;
            if (!shard.IsWhole)
            {
                int all = systems.Count;
                (systems, firstBatch) = RolloutShards.Select(systems, options.BatchSize, shard);
                rolloutDirectory = RolloutShards.FolderOf(outDirectory, shard);
                Console.WriteLine($"shard {shard}: {systems.Count} of {all} systems (batches from {firstBatch}) into {rolloutDirectory}");
            }
            double? frameInterval = DatasetInfo.TryRead(dataDirectory)?.FrameInterval;
            string span = frameInterval is { } dt
                ? $" of {model.Config.Dilation * dt:G4} τ ({options.Steps * model.Config.Dilation * dt:G4} τ)"
                : $" of {model.Config.Dilation} recorded frame(s)";
            Console.WriteLine($"simulating {systems.Count} {trained.Recipe} for {options.Steps} steps{span} " +
                              $"({(model.Config.HasScoreGn && options.Refine ? "with" : "without")} Score-GNN refinement); " +
                              $"collision distance {thresholds.CollisionDistance:G4}, max CG bond {thresholds.MaxBondLength:G4}");
            if (parse.GetValue(resume) && parse.GetValue(overwrite))
                throw new ArgumentException("--resume continues the rollout in --out and --overwrite deletes it: give one of them");
            using FolderLock folderLock = FolderLock.Acquire(rolloutDirectory, "rollout");
            if (parse.GetValue(overwrite)) OutputFolder.Clear(rolloutDirectory, RolloutManifest.FileName, "rollout");
            var line = new ProgressLine(TimeSpan.FromSeconds(2));
            CpuClock clock = CpuClock.Start();
            RolloutManifest manifest = new RolloutRunner(model, options).Run(systems, thresholds, rolloutDirectory,
                parse.GetValue(resume), modelDirectory, new InlineProgress<RolloutRunner.Progress>(p =>
                    line.Report(p.StepsDone == p.TotalSteps, () =>
                        $"step {p.StepsDone}/{p.TotalSteps}  {p.StepsPerSecond:F1} steps/s  ETA {ProgressLine.Format(p.Remaining)}  failed {p.Failed}")),
                CommandAction.Cancellation, firstBatch);
            int failed = manifest.Systems.Count(s => s.FailedStep is not null);
            Console.WriteLine($"done in {manifest.WallSeconds:F1} s: {systems.Count - failed} stable, {failed} stopped early; {rolloutDirectory}");
            if (!shard.IsWhole)
            {
                var (merged, pending) = RolloutShards.TryMerge(outDirectory, shard.Count);
                Console.WriteLine(merged is not null
                    ? $"all {shard.Count} shards complete: {Path.Combine(outDirectory, RolloutManifest.FileName)} lists {merged.Systems.Count} systems"
                    : $"not merged yet: {pending}; the last shard to finish writes {Path.Combine(outDirectory, RolloutManifest.FileName)}");
            }
            Console.WriteLine(CpuTimeLine.Format(clock.Elapsed));
            return 0;
        }, "continue with the same command and --resume (from the last resume point, every checkpoint_every steps)"));
        return command;
    }
}
