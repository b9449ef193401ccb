using System.Diagnostics;
using System.Text.Json;
using MlCgMd.Analysis;
using MlCgMd.Data;
using MlCgMd.MolecularDynamics;
using MlCgMd.Systems;

namespace MlCgMd.Generation;

/// <summary>
/// Writes an electrolyte dataset from a tier config (data/configs/electrolyte-*.json) in the
/// official battery layout: one folder per composition with unwrapped_position.h5,
/// wrapped_position.h5 (float64 [frames, particles, 3], sigma), lattice.h5 (float32 [frames, 3]),
/// raw_ptype.h5 (LAMMPS types, type id + 1), ptype.h5 (type ids), mass.h5, bond.h5, bond_type.h5
/// (LAMMPS bond types, bond type id + 1), diffusivity.h5 (the official end-point label, sigma^2/tau)
/// and properties.json (<see cref="ElectrolyteProperties"/>); the split files train_5ns.txt,
/// val_5ns.txt, test_50ns.txt; dataset.json; the force field; and properties.json at the root
/// gathering every system's. Particles are ordered chains, anions, Li+ (ions last, as the official
/// loader expects). Systems run in parallel, each written into a temporary folder and renamed
/// when done, so an interrupted generation resumes without redoing finished systems.
/// <see cref="RunShard"/> generates one shard's systems (round-robin over all splits) into the same
/// folder for job arrays; the last shard to finish writes the split files, properties.json and
/// dataset.json (<see cref="ShardAccounts"/>).
/// </summary>
public sealed class ElectrolyteDatasetGenerator(ElectrolyteDatasetConfig config, string outputDirectory, int threads)
{
    public const string PropertiesFile = "properties.json";
    public const string LengthUnit = "sigma (LJ)";

    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The official battery split file of each split name.</summary>
    public static string SplitFileOf(string split) => split switch
    {
        "train" => SplitFiles.BatteryTrain,
        "val" => SplitFiles.BatteryValidation,
        "test" => SplitFiles.BatteryTest,
        _ => split + ".txt",
    };

    public DatasetInfo Run(IProgress<GenerationProgress>? progress = null, CancellationToken cancel = default) =>
        Generate(Shard.Whole, progress, cancel)!;

    /// <summary>
    /// Generates the systems of one shard: system k of the list of all splits' compositions belongs to
    /// shard k mod n. Returns the dataset's info when this shard is the last to finish, else null.
    /// </summary>
    public DatasetInfo? RunShard(Shard shard, IProgress<GenerationProgress>? progress = null, CancellationToken cancel = default) =>
        Generate(shard, progress, cancel);

    private DatasetInfo? Generate(Shard shard, IProgress<GenerationProgress>? progress, CancellationToken cancel)
    {
        ForceField forceField = config.LoadForceField();
        Directory.CreateDirectory(outputDirectory);
        string accounting = shard.IsWhole ? outputDirectory : ShardAccounts.Folder(outputDirectory, shard);
        using FolderLock folderLock = FolderLock.Acquire(accounting, shard.IsWhole ? "dataset" : $"shard {shard} of the dataset");
        AtomicFile.Write(Path.Combine(outputDirectory, DatasetGenerator.ForceFieldFile),
            (string temporary) => File.Copy(config.ForceFieldPath, temporary, overwrite: true));
        DatasetInfo previous = DatasetInfo.TryRead(accounting) ?? new DatasetInfo();
        var seconds = new Dictionary<string, double>(previous.MdSeconds);
        var steps = new Dictionary<string, long>(previous.MdSteps);
        var frames = new Dictionary<string, int>();
        // Build every system of every split first: a composition that cannot be built fails before any MD, in every shard.
        var all = config.Splits.ToDictionary(split => split.Name, split => split.Compositions.Select((c, k) =>
            (Composition: c, Seed: config.SystemSeed(split, k), Built: ElectrolyteSystem.Build(c, forceField))).ToList());
        int firstSystem = 0;   // index of the split's first system in the list of all splits' systems
        foreach (ElectrolyteSplit split in config.Splits)
        {
            int offset = firstSystem;
            firstSystem += split.Compositions.Count;
            var systems = all[split.Name].Where((_, k) => shard.Owns(offset + k)).ToList();
            var pending = systems.Where(s => !Directory.Exists(Path.Combine(outputDirectory, s.Composition.Name))).ToList();
            int skipped = systems.Count - pending.Count, done = 0;
            long stepsPerSystem = split.Run.EquilibrationSteps + split.Run.ProductionSteps;
            var clock = Stopwatch.StartNew();
            object gate = new();
            long stepsDone = 0;
            void Report()
            {
                double rate = stepsDone / Math.Max(clock.Elapsed.TotalSeconds, 1e-9);
                double remaining = rate > 0 ? (pending.Count * stepsPerSystem - stepsDone) / rate : 0;
                progress?.Report(new GenerationProgress(split.Name, skipped + done, systems.Count, skipped, rate, clock.Elapsed,
                    TimeSpan.FromSeconds(remaining)));
            }
            Report();
            ForEachInParallel(pending, cancel, item =>
            {
                var (system, field) = item.Built;
                long reported = 0;
                var stepProgress = new CallbackProgress(n =>
                {
                    lock (gate) { stepsDone += n - reported; reported = n; Report(); }
                });
                ElectrolyteTrajectory trajectory = ElectrolyteSimulation.Run(system, field, item.Composition.BoxLength, split.Run, item.Seed,
                    stepProgress, cancel);
                Write(item.Composition, system, field, trajectory);
                lock (gate) { done++; Report(); }
            });
            if (pending.Count > 0)
            {
                seconds[split.Name] = seconds.GetValueOrDefault(split.Name) + clock.Elapsed.TotalSeconds;
                steps[split.Name] = steps.GetValueOrDefault(split.Name) + pending.Count * stepsPerSystem;
            }
            frames[split.Name] = split.Run.FrameCount;
            if (shard.IsWhole) WriteSplit(split);
        }
        var info = new DatasetInfo
        {
            Tier = config.Tier,
            MdTimeStep = forceField.TimeStep,
            RecordEvery = config.Splits[0].Run.RecordEvery,
            FrameInterval = forceField.TimeStep * config.Splits[0].Run.RecordEvery,
            ForceField = forceField.Name,
            Seed = config.Seed,
            Frames = frames,
            MdSeconds = seconds,
            MdSteps = steps,
        };
        if (shard.IsWhole)
        {
            WriteSummary();
            info.Write(outputDirectory);
            return info;
        }
        Directory.CreateDirectory(accounting);
        info.Write(accounting);
        if (ShardAccounts.MergeWhenAllDone(outputDirectory, info, shard.Count) is not { } dataset) return null;
        foreach (ElectrolyteSplit split in config.Splits) WriteSplit(split);
        WriteSummary();
        dataset.Write(outputDirectory);
        return dataset;
    }

    private void WriteSplit(ElectrolyteSplit split) =>
        TrajectoryDataset.WriteSplit(Path.Combine(outputDirectory, SplitFileOf(split.Name)), split.Compositions.Select(c => c.Name));

    /// <summary>Runs <paramref name="body"/> on up to <c>threads</c> items at once; one failure is rethrown as itself, not wrapped.</summary>
    private void ForEachInParallel<T>(IEnumerable<T> items, CancellationToken cancel, Action<T> body)
    {
        try
        {
            Parallel.ForEach(items, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads), CancellationToken = cancel }, body);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            // One system failed: report its own error (one line in the CLI), not the parallel wrapper.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
    }

    /// <summary>properties.json at the root: every system's properties, by split.</summary>
    private void WriteSummary()
    {
        var summary = config.Splits.ToDictionary(s => s.Name, s => s.Compositions.Select(c =>
            JsonSerializer.Deserialize<JsonElement>(File.ReadAllText(Path.Combine(outputDirectory, c.Name, PropertiesFile)))).ToList());
        AtomicFile.WriteText(Path.Combine(outputDirectory, PropertiesFile), w => w.Write(JsonSerializer.Serialize(summary, Json)));
    }

    /// <summary>Writes one system's folder atomically: into name.tmp, then renamed.</summary>
    private void Write(ElectrolyteComposition composition, MolecularSystem system, ForceField forceField, ElectrolyteTrajectory trajectory)
    {
        string final = Path.Combine(outputDirectory, composition.Name);
        string temporary = final + ".tmp";
        if (Directory.Exists(temporary)) Directory.Delete(temporary, recursive: true);
        var folder = new TrajectoryFolder(temporary, TrajectorySchema.Battery);
        int f = trajectory.FrameCount, n = trajectory.Particles;
        folder.WriteField<double>(TrajectoryField.UnwrappedPosition, trajectory.Positions, [f, n, 3], units: LengthUnit);
        folder.WriteField<double>(TrajectoryField.WrappedPosition, trajectory.Wrapped(), [f, n, 3], units: LengthUnit);
        folder.WriteField<float>(TrajectoryField.Lattice, Enumerable.Repeat((float)trajectory.BoxLength, 3 * f).ToArray(), [f, 3], units: LengthUnit);
        folder.WriteField<int>(TrajectoryField.RawParticleType, system.Types.Select(t => t + 1).ToArray(), [n], units: "LAMMPS atom type");
        folder.WriteField<long>(TrajectoryField.ParticleType, system.Types.Select(t => (long)t).ToArray(), [n], units: "type id");
        folder.WriteField<double>(TrajectoryField.Mass, system.Masses, [n], units: "LJ mass");
        folder.WriteField<long>(TrajectoryField.Bond, system.Bonds.SelectMany(b => new[] { (long)b.I, b.J }).ToArray(), [system.Bonds.Length, 2],
            units: "0-based particle index");
        folder.WriteField<long>(TrajectoryField.BondType, system.BondTypes.Select(t => (long)t + 1).ToArray(), [system.Bonds.Length],
            units: "LAMMPS bond type");
        folder.WriteField<double>(TrajectoryField.Diffusivity,
            ElectrolyteProperties.EndPointDiffusivity(system, forceField, trajectory.Positions, f, trajectory.FrameInterval), [f - 1],
            units: "sigma^2/tau");
        var properties = new ElectrolyteSystemProperties(
            ElectrolyteProperties.Of(composition, system, forceField, trajectory.Positions, f, trajectory.FrameInterval, trajectory.BoxLength),
            trajectory.MeanKineticTemperature, trajectory.PushOffMaxForce, trajectory.Seconds);
        AtomicFile.WriteText(Path.Combine(temporary, PropertiesFile), w => w.Write(JsonSerializer.Serialize(properties, Json)));
        Directory.Move(temporary, final);
    }

    /// <summary>Reports synchronously on the reporting thread (System.Progress would post to the thread pool, out of order).</summary>
    private sealed class CallbackProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
