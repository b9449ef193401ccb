using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using MlCgMd.Batching;
using MlCgMd.Configuration;
using MlCgMd.Data;
using MlCgMd.Model;
using MlCgMd.Model.Priors;
using MlCgMd.SystemKinds;
using MlCgMd.Torch;
using MlCgMd.Torch.Optim;

namespace MlCgMd.Training;

/// <summary>
/// The training loop of the official code: Adam with the exponential-decay-to-floor schedule
/// stepped every step, gradient-norm clipping, batches of several systems, periodic
/// validation on the val split, checkpoints, metrics files. Randomness (batch choice, noise
/// augmentation) is a function of (seed, step), so `resume` continues exactly.
/// Run folder: checkpoints/last, checkpoints/best, metrics.csv/.jsonl, validation.csv/.jsonl.
/// Under torch.distributed each process is one rank of <see cref="DataParallel"/> training: it takes
/// its share of every batch and of the validation batches, and only rank 0 writes the run folder.
/// </summary>
public sealed class Trainer
{
    public static readonly string[] MetricColumns =
        ["loss", "acc_loss", "score_loss", "property_loss", "mean_std_ratio", "entropy", "grad_norm", "lr", "samples_per_s", "epoch"];
    public static readonly string[] ValidationColumns = ["val_loss", "val_acc_loss", "val_score_loss", "val_property_loss"];

    private readonly TrainingConfig config;
    private readonly CgRecipe recipe;
    private readonly string dataDirectory;
    private readonly string runDirectory;

    /// <param name="configDirectory">folder the config came from: relative data paths resolve against it</param>
    public Trainer(TrainingConfig config, string configDirectory, string runDirectory)
    {
        this.config = config;
        recipe = config.Data.Recipe(config.Model);
        this.runDirectory = runDirectory;
        dataDirectory = Path.IsPathRooted(config.Data.Directory)
            ? config.Data.Directory
            : Path.GetFullPath(Path.Combine(configDirectory, config.Data.Directory));
    }

    /// <summary>Settings a resume may change: the run's length and description, and the threads it runs on.</summary>
    public static readonly string[] FreeOnResume = ["description", "train.max_steps", "train.threads"];

    public string LastCheckpoint => Path.Combine(runDirectory, "checkpoints", "last");
    public string BestCheckpoint => Path.Combine(runDirectory, "checkpoints", "best");

    public sealed record Result(long Steps, double FinalValAccLoss, double BestValAccLoss, long BestStep, double FirstValAccLoss);

    public Result Run(bool resume, IProgress<TrainingProgress>? progress = null, CancellationToken cancel = default)
    {
        ModelConfig m = config.Model;
        LoopSettings loop = config.Train;
        torch.set_num_threads(loop.Threads > 0 ? loop.Threads : Environment.ProcessorCount);
        DataParallel parallel = DataParallel.FromDefaultGroup();
        Device device = parallel.LocalDevice(loop.Device);

        List<CgSystem> train = LoadSplit(config.Data.TrainSplitFile);
        List<CgSystem> val = LoadSplit(config.Data.ValSplitFile);
        m = WithFittedPrior(m, train);
        var schedule = new SampleSchedule(new WindowIndex(train, m.SeqLen, m.Dilation, loop.PushforwardSteps), loop.BatchSize, loop.Seed);
        var valWindows = new WindowIndex(val, m.SeqLen, m.Dilation);

        torch.manual_seed(loop.Seed);
        using var model = new GraphSimulator(m);
        model.to(device);
        using var optimizer = new Adam(model.parameters(), config.Optim.Lr, (config.Optim.Betas[0], config.Optim.Betas[1]),
            config.Optim.Eps, config.Optim.WeightDecay);
        var scheduler = new ExponentialDecayToFloor(optimizer, config.Optim.MinLr, config.Optim.DecaySteps, config.Optim.DecayRate);

        Directory.CreateDirectory(runDirectory);
        using FolderLock? folderLock = parallel.IsMain ? FolderLock.Acquire(runDirectory, "training run") : null;
        if (parallel.IsMain && !resume) OutputFolder.RequireFresh(runDirectory, "training run", EffectiveConfig.OverridesFile);
        var state = new Checkpoint.State(0, double.PositiveInfinity, -1, config.Tier);
        if (resume && Checkpoint.Resumable(LastCheckpoint) is { } resumeFrom)
            state = Checkpoint.Restore(resumeFrom, model, recipe, optimizer, scheduler);
        else if (resume && MetricsLog.LastStep(runDirectory, "metrics") is { } logged)
            throw new InvalidDataException(
                $"'{runDirectory}': training reached step {logged} (metrics.csv) but no complete checkpoint is left " +
                $"({LastCheckpoint}, .tmp or .old); resuming would silently start again from step 0: restore the checkpoint, " +
                "or start again with --overwrite");
        if (parallel.IsMain)
        {
            // After the restore, whose recipe check names both recipes: the settings check covers every other key.
            RunSettings.Require(runDirectory, JsonNode.Parse(config.ToJson())!.AsObject(), FreeOnResume, "training run");
            AtomicFile.WriteText(Path.Combine(runDirectory, "config.json"), w => w.Write(config.ToJson()));
            if (m.Prior is { } prior && config.Model.Prior is { Fit: true })
                AtomicFile.WriteText(Path.Combine(runDirectory, "prior.json"), w => w.Write(JsonSerializer.Serialize(prior, ModelConfig.Json)));
        }
        parallel.RequireSameStep(state.Step, runDirectory);
        parallel.BroadcastFromMain(model);
        Parameter[] parameters = model.parameters().ToArray();
        MetricsLog? metrics = parallel.IsMain ? new MetricsLog(runDirectory, "metrics", MetricColumns) : null;
        MetricsLog? validation = parallel.IsMain ? new MetricsLog(runDirectory, "validation", ValidationColumns) : null;
        metrics?.Open(resume ? state.Step : null);
        validation?.Open(resume ? state.Step : null);

        double firstVal = double.NaN, lastVal = double.NaN;
        var clock = Stopwatch.StartNew();
        long startStep = state.Step;
        double windowSeconds = 0;
        int windowSamples = 0;
        for (long step = state.Step; step < loop.MaxSteps; step++)
        {
            cancel.ThrowIfCancellationRequested();
            var stepClock = Stopwatch.StartNew();
            Dictionary<string, double> row;
            using (torch.NewDisposeScope())
            {
                torch.manual_seed(parallel.NoiseSeed(StepSeed(loop.Seed, step)));
                model.train();
                ModelBatch batch = BatchAssembler.Build(train, parallel.Share(schedule.BatchAt(step)), m.SeqLen, m.Dilation,
                    withTarget: true, device, loop.PushforwardSteps);
                optimizer.zero_grad();
                LossTerms terms = parallel.Weighted(model.ComputeLoss(batch), batch);
                terms.Loss.backward();
                parallel.SumGradients(parameters);
                double gradNorm = nn.utils.clip_grad_norm_(parameters, loop.GradientClipVal);
                double lr = optimizer.lr;
                optimizer.step();
                scheduler.step();
                row = Values(terms);
                parallel.SumOverRanks(row);
                row["grad_norm"] = gradNorm;
                row["lr"] = lr;
                row["epoch"] = schedule.EpochAt(step + 1);
            }
            windowSeconds += stepClock.Elapsed.TotalSeconds;
            windowSamples += loop.BatchSize;
            long done = step + 1;
            row["samples_per_s"] = windowSamples / Math.Max(windowSeconds, 1e-9);
            if (done % loop.LogEvery == 0 || done == loop.MaxSteps)
            {
                metrics?.Append(done, row);
                windowSeconds = 0;
                windowSamples = 0;
            }

            double? valAcc = null;
            if (done % loop.ValEvery == 0 || done == loop.MaxSteps)
            {
                Dictionary<string, double> v = Validate(model, val, valWindows, device, parallel);
                validation?.Append(done, v);
                if (model.HasScoreGn)
                {
                    ScoreLevels levels = ValidateScoreLevels(model, val, valWindows, device, parallel, done);
                    if (parallel.IsMain) levels.Write(runDirectory);
                }
                valAcc = v["val_acc_loss"];
                if (double.IsNaN(firstVal)) firstVal = valAcc.Value;
                lastVal = valAcc.Value;
                if (valAcc.Value < state.BestValAccLoss)
                {
                    state = state with { BestValAccLoss = valAcc.Value, BestStep = done };
                    if (parallel.IsMain) ModelCheckpoint.Save(BestCheckpoint, model, recipe);
                }
            }
            if (parallel.IsMain && (done % loop.CheckpointEvery == 0 || done == loop.MaxSteps))
                Checkpoint.Save(LastCheckpoint, model, recipe, optimizer, scheduler, state with { Step = done });

            double elapsed = clock.Elapsed.TotalSeconds;
            double perStep = elapsed / Math.Max(1, done - startStep);
            if (parallel.IsMain) progress?.Report(new TrainingProgress(done, loop.MaxSteps, row["loss"], row["acc_loss"], row["lr"],
                row["samples_per_s"], clock.Elapsed, TimeSpan.FromSeconds(perStep * (loop.MaxSteps - done)), valAcc));
        }
        return new Result(loop.MaxSteps, lastVal, state.BestValAccLoss, state.BestStep, firstVal);
    }

    /// <summary>
    /// Mean loss over a fixed set of validation windows (evenly spaced over all windows), with
    /// a fixed noise seed per batch so values are comparable across validations; the ranks of a
    /// data-parallel run take every WorldSize-th batch and sum.
    /// </summary>
    private Dictionary<string, double> Validate(GraphSimulator model, List<CgSystem> val, WindowIndex windows, Device device,
                                                DataParallel parallel)
    {
        int batches = ValidationBatchCount(windows);
        var sums = ValidationColumns.ToDictionary(c => c, _ => 0.0);
        model.eval();
        using var noGrad = torch.no_grad();
        for (int b = parallel.Rank; b < batches; b += parallel.WorldSize)
        {
            using var scope = torch.NewDisposeScope();
            torch.manual_seed(ValidationSeed(b));
            LossTerms terms = model.ComputeLoss(ValidationBatch(val, windows, b, device));
            Dictionary<string, double> v = Values(terms);
            sums["val_loss"] += v["loss"];
            sums["val_acc_loss"] += v["acc_loss"];
            sums["val_score_loss"] += v["score_loss"];
            sums["val_property_loss"] += v["property_loss"];
        }
        model.train();
        parallel.SumOverRanks(sums);
        return sums.ToDictionary(kv => kv.Key, kv => kv.Value / batches);
    }

    /// <summary>
    /// The validation score loss at each σ level separately (every system of a batch at that level) on the first
    /// <see cref="ScoreLevels.Batches"/> validation batches, with the same windows and noise seeds as <see cref="Validate"/>.
    /// </summary>
    private ScoreLevels ValidateScoreLevels(GraphSimulator model, List<CgSystem> val, WindowIndex windows, Device device,
                                            DataParallel parallel, long step)
    {
        int batches = Math.Min(ValidationBatchCount(windows), ScoreLevels.Batches);
        double[] sigmas = model.ScoreSigmas;
        var sums = Enumerable.Range(0, sigmas.Length).SelectMany(k => new[] { $"loss {k}", $"no information {k}" })
            .ToDictionary(key => key, _ => 0.0);              // keys as SumOverRanks sums them across ranks
        model.eval();
        using (torch.no_grad())
        {
            for (int b = parallel.Rank; b < batches; b += parallel.WorldSize)
            {
                using var batchScope = torch.NewDisposeScope();
                ModelBatch batch = ValidationBatch(val, windows, b, device);       // one batch, every level
                for (int level = 0; level < sigmas.Length; level++)
                {
                    using var scope = torch.NewDisposeScope();
                    torch.manual_seed(ValidationSeed(b));
                    LossTerms terms = model.ComputeLoss(batch, sigmas[level]);
                    sums[$"loss {level}"] += terms.ScoreLoss!.ToDouble();
                    sums[$"no information {level}"] += terms.ScoreNoInformation!.ToDouble();
                }
            }
        }
        model.train();
        parallel.SumOverRanks(sums);
        return new ScoreLevels(step, batches, sigmas, sigmas.Select((_, k) => sums[$"loss {k}"] / batches).ToArray(),
            sigmas.Select((_, k) => sums[$"no information {k}"] / batches).ToArray());
    }

    /// <summary>Validation batches per validation: train.val_batches, at most as many as the windows fill.</summary>
    private int ValidationBatchCount(WindowIndex windows) =>
        Math.Max(1, Math.Min(config.Train.ValBatches, (windows.Count + config.Train.BatchSize - 1) / config.Train.BatchSize));

    /// <summary>Validation batch <paramref name="b"/>: windows evenly spaced over all of them, the same at every validation.</summary>
    private ModelBatch ValidationBatch(List<CgSystem> val, WindowIndex windows, int b, Device device)
    {
        ModelConfig m = config.Model;
        int total = ValidationBatchCount(windows) * config.Train.BatchSize;
        var chosen = Enumerable.Range(0, config.Train.BatchSize)
            .Select(k => windows[(int)((long)(b * config.Train.BatchSize + k) * windows.Count / total)]).ToList();
        return BatchAssembler.Build(val, chosen, m.SeqLen, m.Dilation, withTarget: true, device);
    }

    /// <summary>The noise seed of validation batch <paramref name="b"/>: fixed, so values are comparable across validations.</summary>
    private ulong ValidationSeed(int b) => StepSeed(config.Train.Seed ^ 0xA5A5A5A5UL, b);

    private static Dictionary<string, double> Values(LossTerms terms) => new()
    {
        ["loss"] = terms.Loss.ToDouble(),
        ["acc_loss"] = terms.AccLoss.ToDouble(),
        ["score_loss"] = terms.ScoreLoss?.ToDouble() ?? double.NaN,
        ["property_loss"] = terms.PropertyLoss?.ToDouble() ?? double.NaN,
        ["mean_std_ratio"] = terms.MeanStdRatio.ToDouble(),
        ["entropy"] = terms.Entropy.ToDouble(),
    };

    /// <summary>The libtorch seed of one step: distinct per (seed, step), independent of where a run resumed.</summary>
    private static ulong StepSeed(ulong seed, long step) => unchecked(seed * 6364136223846793005UL + (ulong)step * 1442695040888963407UL + 1);

    /// <summary>
    /// The model config with its CG prior fitted to the training split when it asks for a fit
    /// (deterministic, so a resumed run fits the same values); the run writes the values to
    /// prior.json, and every checkpoint's model.json holds them.
    /// </summary>
    private ModelConfig WithFittedPrior(ModelConfig m, List<CgSystem> train)
    {
        if (m.Prior is not { Fit: true } request) return m;
        CgPriorParameters fitted = PriorFit.Fit(train, m.Dilation, request.WallQuantile);
        fitted = fitted with { BondK = fitted.BondK * request.FitBondKScale };
        fitted.Validate("the CG prior fitted to the training split");
        return m with { Prior = fitted };
    }

    private List<CgSystem> LoadSplit(string splitName)
    {
        List<CgSystem> systems = CgSystem.LoadSplit(dataDirectory, splitName, recipe, "the training config", config.Data.TrajLen);
        if (systems.Count == 0) throw new InvalidDataException($"split file '{splitName}' names no trajectories");
        return systems;
    }
}
