using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using MlCgMd.Configuration;
using MlCgMd.Data;
using MlCgMd.Batching;
using MlCgMd.Data.Hdf5;
using MlCgMd.Model;
using MlCgMd.SystemKinds;
using MlCgMd.Torch;
using MlCgMd.Torch.Serialization;

namespace MlCgMd.Simulation;

/// <summary>
/// Rolls the learned simulator out from the first seq_len frames (every dilation frames) of
/// each system, far beyond the reference trajectories. Systems run in batches; frames stream
/// to one HDF5 file per system every save_every steps (memory does not grow with length);
/// each step's randomness is a function of (seed, batch, step) and a resume point is written
/// every checkpoint_every steps, so an interrupted rollout continues identically.
/// </summary>
public sealed class RolloutRunner(GraphSimulator model, RolloutOptions options)
{
    public sealed record Progress(long StepsDone, long TotalSteps, double StepsPerSecond, TimeSpan Remaining, int Failed);

    /// <param name="firstBatch">number of the first batch: a shard of a larger rollout (<see cref="RolloutShards"/>) keeps the
    /// batch numbers, hence the random streams, that the whole rollout gives its systems</param>
    public RolloutManifest Run(IReadOnlyList<CgSystem> systems, StabilityThresholds thresholds, string outputDirectory,
                               bool resume, string modelPath = "", IProgress<Progress>? progress = null,
                               CancellationToken cancel = default, int firstBatch = 0)
    {
        options.Validate();
        torch.set_num_threads(options.Threads > 0 ? options.Threads : Environment.ProcessorCount);
        using FolderLock folderLock = FolderLock.Acquire(outputDirectory, "rollout");
        if (!resume) OutputFolder.RequireFresh(outputDirectory, "rollout");
        bool resuming = resume && File.Exists(Path.Combine(outputDirectory, RolloutManifest.FileName));
        RunSettings.Require(outputDirectory, Settings(modelPath), FreeOnResume, "rollout");
        RolloutManifest manifest = resuming
            ? RolloutManifest.Read(outputDirectory)
            : NewManifest(systems, thresholds, modelPath, firstBatch);
        if (!resuming) manifest.Write(outputDirectory);   // the folder says what it holds before any frame is written
        if (manifest.Systems.Count != systems.Count || manifest.Systems.Where((s, i) => s.Name != systems[i].Name).Any())
            throw new InvalidDataException($"{outputDirectory}: the rollout to resume simulated other systems");
        manifest.Recipe?.RequireSame(RecipeOf(systems), $"the rollout to resume in {outputDirectory}", "these systems");
        if (manifest.Options.Steps != options.Steps || manifest.Options.SaveEvery != options.SaveEvery ||
            manifest.Options.Seed != options.Seed || manifest.Options.BatchSize != options.BatchSize)
            throw new InvalidDataException(
                $"{outputDirectory}: the rollout to resume was started with steps={manifest.Options.Steps}, " +
                $"save_every={manifest.Options.SaveEvery}, seed={manifest.Options.Seed}, batch_size={manifest.Options.BatchSize}; " +
                "resume with the same settings");

        var monitor = new StabilityMonitor(new StabilityThresholds(manifest.CollisionDistance, manifest.MaxBondLength));
        foreach (var batch in manifest.Systems.Select((s, i) => (s, i)).GroupBy(x => x.s.Batch))
        {
            int[] members = batch.Select(x => x.i).ToArray();
            RunBatch(batch.Key, members, systems, manifest, monitor, outputDirectory, progress, cancel);
        }
        manifest.Completed = true;
        manifest.Write(outputDirectory);
        return manifest;
    }

    /// <summary>Options a resume may change: how fast it runs, not what it computes.</summary>
    public static readonly string[] FreeOnResume = ["options.threads", "options.checkpoint_every"];

    /// <summary>What a resume must match: the options and the model's weights (by hash; a retrained model is another rollout).</summary>
    private JsonObject Settings(string modelPath)
    {
        string weights = Directory.Exists(modelPath) ? Path.Combine(modelPath, ModelCheckpoint.ModelFile) : modelPath;
        return new JsonObject
        {
            ["options"] = JsonSerializer.SerializeToNode(options, ModelConfig.Json),
            ["model_weights_sha256"] = File.Exists(weights) ? Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(weights))) : null,
        };
    }

    /// <summary>The one recipe all systems were coarse-grained with.</summary>
    private static CgRecipe RecipeOf(IReadOnlyList<CgSystem> systems)
    {
        if (systems.Count == 0) throw new ArgumentException("a rollout needs at least one system", nameof(systems));
        foreach (CgSystem s in systems)
            systems[0].Recipe.RequireSame(s.Recipe, $"system '{systems[0].Name}'", $"system '{s.Name}'");
        return systems[0].Recipe;
    }

    private RolloutManifest NewManifest(IReadOnlyList<CgSystem> systems, StabilityThresholds thresholds, string modelPath,
                                        int firstBatch) => new()
    {
        Model = modelPath,
        Options = options,
        CollisionDistance = options.CollisionDistance ?? thresholds.CollisionDistance,
        MaxBondLength = options.MaxBondLength ?? thresholds.MaxBondLength,
        HasScoreGn = model.Config.HasScoreGn,
        SeqLen = model.Config.SeqLen,
        Dilation = model.Config.Dilation,
        Recipe = RecipeOf(systems),
        LengthUnit = SharedLengthUnit(systems),
        Systems = systems.Select((s, i) => new RolloutSystem
        {
            Name = s.Name, File = s.Name + ".h5", Beads = s.Map.BeadCount, Batch = firstBatch + i / options.BatchSize,
        }).ToList(),
    };

    /// <summary>The one length unit of the systems' data (each file read once); systems naming different units are refused.</summary>
    private static string SharedLengthUnit(IReadOnlyList<CgSystem> systems)
    {
        string[] units = systems.Select(s => s.LengthUnit).ToArray();
        return units.Distinct().Count() == 1
            ? units[0]
            : throw new InvalidDataException($"the systems name different length units ({string.Join(", ", systems.Select((s, k) => $"{s.Name}: {units[k]}"))}); " +
                                             "roll out one unit at a time");
    }

    private void RunBatch(int batchIndex, int[] members, IReadOnlyList<CgSystem> systems, RolloutManifest manifest,
                          StabilityMonitor monitor, string directory, IProgress<Progress>? progress, CancellationToken cancel)
    {
        ModelConfig config = model.Config;
        Device device = Device.Parse(options.Device);
        RolloutSystem[] entries = members.Select(i => manifest.Systems[i]).ToArray();
        // A stopped system keeps the step it stopped at; the batch goes on from where its running systems are.
        RolloutSystem[] running = entries.Where(e => e.FailedStep is null).ToArray();
        if (running.Length == 0) return;
        long done = running.Min(e => e.StepsDone);
        if (done >= options.Steps) return;
        string statePath = Path.Combine(directory, $"resume-batch{batchIndex}.safetensors");

        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        model.eval();
        var batchSystems = members.Select(i => systems[i]).ToList();
        ModelBatch fine = BatchAssembler.Build(batchSystems, batchSystems.Select((_, k) => new Window(k, 0)).ToList(),
            config.SeqLen, config.Dilation, withTarget: false, device);
        var (cgHistory, state) = model.PrepareRollout(fine);
        float[]? boxes = fine.Lattices?.to(ScalarType.Float32, Device.CPU).ToArray<float>();          // [systems, 3]
        int[] beadOffset = new int[members.Length + 1];
        for (int k = 0; k < members.Length; k++) beadOffset[k + 1] = beadOffset[k] + entries[k].Beads;

        if (done == 0)
            CreateFiles(directory, batchSystems, entries, cgHistory, boxes, config.SeqLen, options.SavedFrames, model.HasRgHead);
        else
        {
            var (saved, _) = SafeTensors.Load(statePath);
            cgHistory = saved["cg_history"].to(device);
        }

        var files = entries.Select(e => Hdf5File.OpenReadWrite(Path.Combine(directory, e.File))).ToArray();
        RefinementOptions refinement = new(options.Refine, options.StepPerSigma ?? config.StepPerSigma,
            options.StepSize ?? config.StepSize, options.StepSizeSchedule ?? config.StepSizeSchedule);
        var clock = Stopwatch.StartNew();          // wall time not yet added to the manifest
        var sinceStart = Stopwatch.StartNew();     // for the progress rate
        long stepsAtStart = done;
        try
        {
            for (long step = done; step < options.Steps; step++)
            {
                cancel.ThrowIfCancellationRequested();
                if (entries.All(e => e.FailedStep is not null)) break;     // nothing left to simulate in this batch
                using (var stepScope = torch.NewDisposeScope())
                {
                    torch.manual_seed(StepSeed(options.Seed, batchIndex, step));
                    var (next, rg) = model.Predict(cgHistory, state, options.Deterministic, refinement, options.BondNoiseCorrelation);
                    float[] positions = next.to(ScalarType.Float32, Device.CPU).ToArray<float>();          // [M, 3]
                    float[]? rgValues = rg?.to(ScalarType.Float32, Device.CPU).ToArray<float>();
                    var frozen = new bool[members.Length];
                    for (int k = 0; k < members.Length; k++)
                    {
                        RolloutSystem e = entries[k];
                        if (e.FailedStep is not null) { frozen[k] = true; continue; }
                        var slice = positions.AsSpan(beadOffset[k] * 3, e.Beads * 3);
                        string? failure = monitor.Check(slice, batchSystems[k].Map.CgBonds,
                            boxes is null ? default : boxes.AsSpan(k * 3, 3));
                        e.StepsDone = step + 1;
                        if (failure is not null)
                        {
                            e.FailedStep = step;
                            e.Failure = failure;
                            frozen[k] = true;
                            continue;
                        }
                        if (step % options.SaveEvery == 0)
                        {
                            long row = step / options.SaveEvery;
                            files[k].WriteRows<float>("position", row, slice);
                            files[k].WriteRows<long>("step", row, [step]);
                            if (rgValues is not null) files[k].WriteRows<float>("rg_pred", row, [rgValues[k]]);
                            e.FramesWritten = row + 1;
                        }
                    }
                    Tensor accepted = FreezeFailed(next, cgHistory, frozen, beadOffset);
                    Tensor advanced = torch.cat([cgHistory.narrow(1, 1, cgHistory.size(1) - 1), accepted.unsqueeze(1)], dim: 1);
                    stepScope.MoveToOuter(advanced);
                    cgHistory = advanced;
                }
                long completed = step + 1;
                if (completed % options.CheckpointEvery == 0 || completed == options.Steps)
                {
                    manifest.WallSeconds += clock.Elapsed.TotalSeconds;
                    clock.Restart();
                    MarkValid(files, entries, manifest.EffectiveLengthUnit);
                    foreach (Hdf5File f in files) f.Flush();
                    SafeTensors.Save(statePath, new Dictionary<string, Tensor> { ["cg_history"] = cgHistory.cpu() });
                    manifest.Write(directory);
                }
                if (progress is not null)
                {
                    double rate = (completed - stepsAtStart) / Math.Max(sinceStart.Elapsed.TotalSeconds, 1e-9);
                    progress.Report(new Progress(completed, options.Steps, rate,
                        TimeSpan.FromSeconds((options.Steps - completed) / Math.Max(rate, 1e-9)),
                        manifest.Systems.Count(s => s.FailedStep is not null)));
                }
            }
            MarkValid(files, entries, manifest.EffectiveLengthUnit);
            manifest.WallSeconds += clock.Elapsed.TotalSeconds;   // also when every system stopped before a resume point
        }
        finally
        {
            Hdf5File.DisposeAll(files);
        }
        foreach (RolloutSystem e in entries.Where(e => e.FailedStep is null)) e.StepsDone = options.Steps;
        manifest.Write(directory);
    }

    /// <summary>Valid length, stop reason and units in each system's HDF5 file, as rollout.json has them.</summary>
    private static void MarkValid(Hdf5File[] files, RolloutSystem[] entries, string lengthUnit)
    {
        for (int k = 0; k < files.Length; k++) RolloutFile.MarkValid(files[k], entries[k], lengthUnit);
    }

    /// <summary>Failed systems keep their last positions (they stop; the others go on).</summary>
    private static Tensor FreezeFailed(Tensor next, Tensor history, bool[] frozen, int[] beadOffset)
    {
        if (!frozen.Any(f => f)) return next;
        var mask = new bool[beadOffset[^1]];
        for (int k = 0; k < frozen.Length; k++)
            if (frozen[k])
                for (int b = beadOffset[k]; b < beadOffset[k + 1]; b++) mask[b] = true;
        Tensor maskTensor = torch.tensor(mask).to(next.device).unsqueeze(1);
        return torch.where(maskTensor, history.select(1, -1), next);
    }

    private static void CreateFiles(string directory, List<CgSystem> systems, RolloutSystem[] entries, Tensor cgHistory,
                                    float[]? boxes, int seqLen, long savedFrames, bool withRg)
    {
        float[] all = cgHistory.to(ScalarType.Float32, Device.CPU).ToArray<float>();                 // [M, T, 3]
        int offset = 0;
        for (int k = 0; k < systems.Count; k++)
        {
            int m = entries[k].Beads;
            var history = new float[seqLen * m * 3];                                                  // [T, m, 3]
            for (int b = 0; b < m; b++)
                for (int t = 0; t < seqLen; t++)
                    for (int d = 0; d < 3; d++)
                        history[(t * m + b) * 3 + d] = all[((offset + b) * seqLen + t) * 3 + d];
            RolloutFile.Create(Path.Combine(directory, entries[k].File), savedFrames, systems[k].Map, history, seqLen, withRg,
                boxes?.AsSpan(k * 3, 3).ToArray());
            offset += m;
        }
    }

    private static ulong StepSeed(ulong seed, int batch, long step) =>
        unchecked(seed * 0x9E3779B97F4A7C15UL + (ulong)batch * 0xBF58476D1CE4E5B9UL + (ulong)step * 0x94D049BB133111EBUL + 7);
}
