using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using MlCgMd.Configuration;
using MlCgMd.Data;
using MlCgMd.MolecularDynamics;
using MlCgMd.Systems;
using MlCgMd.SystemKinds;

namespace MlCgMd.Generation;

/// <summary>
/// Writes a chain dataset from a tier config (data/configs/chain-*.json) in the original
/// layout: one folder per chain (position.h5, ptype.h5, bond.h5, rgs.h5), split files
/// train.txt / val.txt / test_class2.txt, and dataset.json with the time units. Chains run in
/// parallel; each is written (into a temporary folder, then renamed) as soon as it finishes,
/// so an interrupted generation resumes without redoing finished chains. <see cref="RunShard"/>
/// generates one shard's chains (round-robin over all splits) into the same folder for job arrays.
/// </summary>
public sealed class DatasetGenerator(ChainDatasetConfig config, string outputDirectory, int threads)
{
    /// <summary>Copy of the force field the dataset was generated with.</summary>
    public const string ForceFieldFile = "forcefield.json";

    /// <summary>The official split file of each split name.</summary>
    public static string SplitFileOf(string split) => split switch
    {
        "train" => SplitFiles.ChainTrain,
        "val" => SplitFiles.ChainValidation,
        "test" => SplitFiles.ChainTest,
        _ => split + ".txt",
    };

    public DatasetInfo Run(IProgress<GenerationProgress>? progress = null, CancellationToken cancel = default) =>
        Generate(Shard.Whole, progress, cancel)!;

    /// <summary>
    /// Generates the chains of one shard: chain k of the list of all splits' chains belongs to shard
    /// k mod n. Split files and dataset.json (MD time summed over shards) are written by the shard
    /// that finds every shard done, so readers never see a split naming missing chains; until then
    /// this returns null.
    /// </summary>
    public DatasetInfo? RunShard(Shard shard, IProgress<GenerationProgress>? progress = null, CancellationToken cancel = default) =>
        Generate(shard, progress, cancel);

    private DatasetInfo? Generate(Shard shard, IProgress<GenerationProgress>? progress, CancellationToken cancel)
    {
        ForceField forceField = config.LoadForceField();
        int[] recordEvery = config.Splits.Select(s => s.Run.RecordEvery).Distinct().ToArray();
        if (recordEvery.Length != 1)
            throw new InvalidDataException(
                $"dataset tier '{config.Tier}': every split must record frames at the same interval (record_every), " +
                $"so a model step means the same time everywhere; got {string.Join(", ", recordEvery)}");
        Directory.CreateDirectory(outputDirectory);
        string accounting = shard.IsWhole ? outputDirectory : ShardAccounts.Folder(outputDirectory, shard);
        using FolderLock folderLock = FolderLock.Acquire(accounting, shard.IsWhole ? "dataset" : $"shard {shard} of the dataset");
        RunSettings.Require(outputDirectory, Settings(), [], "dataset");
        // The force field travels with the data: speed comparisons and provenance need it.
        string forceFieldCopy = Path.Combine(outputDirectory, ForceFieldFile);
        AtomicFile.Write(forceFieldCopy, (string temporary) => File.Copy(config.ForceFieldPath, temporary, overwrite: true));
        DatasetInfo previous = DatasetInfo.TryRead(accounting) ?? new DatasetInfo();
        var frames = new Dictionary<string, int>();
        var seconds = new Dictionary<string, double>(previous.MdSeconds);
        var steps = new Dictionary<string, long>(previous.MdSteps);

        int firstChain = 0;   // index of the split's first chain in the list of all splits' chains
        foreach (DatasetSplit split in config.Splits)
        {
            ChainSystemSpec[] chains = config.Systems(split.Name);
            int offset = firstChain;
            firstChain += chains.Length;
            var owned = chains.Where((_, k) => shard.Owns(offset + k)).ToList();
            var pending = owned.Where(c => !Directory.Exists(Path.Combine(outputDirectory, c.System.Name))).ToList();
            int skipped = owned.Count - pending.Count;
            long stepsPerChain = split.Run.EquilibrationSteps + split.Run.ProductionSteps;
            int done = 0;
            var clock = Stopwatch.StartNew();
            object gate = new();
            progress?.Report(new GenerationProgress(split.Name, skipped, owned.Count, skipped, 0, TimeSpan.Zero, TimeSpan.Zero));
            ChainEnsemble.Run(pending, forceField, split.Run, threads, (k, trajectory) =>
            {
                Write(pending[k], trajectory);
                lock (gate)
                {
                    done++;
                    double elapsed = clock.Elapsed.TotalSeconds;
                    double rate = done * stepsPerChain / Math.Max(elapsed, 1e-9);
                    double remaining = (pending.Count - done) * stepsPerChain / Math.Max(rate, 1e-9);
                    progress?.Report(new GenerationProgress(split.Name, skipped + done, owned.Count, skipped, rate,
                        clock.Elapsed, TimeSpan.FromSeconds(remaining)));
                }
            }, cancel);
            if (pending.Count > 0)
            {
                seconds[split.Name] = seconds.GetValueOrDefault(split.Name) + clock.Elapsed.TotalSeconds;
                steps[split.Name] = steps.GetValueOrDefault(split.Name) + pending.Count * stepsPerChain;
            }
            frames[split.Name] = split.Run.FrameCount;
            if (shard.IsWhole) WriteSplit(split);
        }

        var info = new DatasetInfo
        {
            Tier = config.Tier,
            MdTimeStep = forceField.TimeStep,
            RecordEvery = recordEvery[0],
            FrameInterval = forceField.TimeStep * recordEvery[0],
            ForceField = forceField.Name,
            Seed = config.Seed,
            Frames = frames,
            MdSeconds = seconds,
            MdSteps = steps,
        };
        if (shard.IsWhole)
        {
            info.Write(outputDirectory);
            return info;
        }
        Directory.CreateDirectory(accounting);
        info.Write(accounting);
        return TryFinishShards(info, shard.Count);
    }

    /// <summary>
    /// What a resumed generation must match: the config (chains, seeds, run lengths) and the force field's content
    /// (by hash, not path, so a moved repository resumes).
    /// </summary>
    private JsonObject Settings() => new()
    {
        ["config"] = JsonSerializer.SerializeToNode(config with { ForceFieldPath = "" }),
        ["force_field_sha256"] = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(config.ForceFieldPath))),
    };

    private void WriteSplit(DatasetSplit split) =>
        TrajectoryDataset.WriteSplit(Path.Combine(outputDirectory, SplitFileOf(split.Name)),
            config.Systems(split.Name).Select(c => c.System.Name));

    /// <summary>Once every shard is done (see <see cref="ShardAccounts"/>), writes the split files and the dataset's dataset.json.</summary>
    private DatasetInfo? TryFinishShards(DatasetInfo mine, int count)
    {
        if (ShardAccounts.MergeWhenAllDone(outputDirectory, mine, count) is not { } dataset) return null;
        foreach (DatasetSplit split in config.Splits) WriteSplit(split);
        dataset.Write(outputDirectory);
        return dataset;
    }

    /// <summary>Writes one chain's folder atomically: into name.tmp, then renamed.</summary>
    private void Write(ChainSystemSpec chain, MdTrajectory trajectory)
    {
        string final = Path.Combine(outputDirectory, chain.System.Name);
        string temporary = final + ".tmp";
        if (Directory.Exists(temporary)) Directory.Delete(temporary, recursive: true);
        int[] bonds = chain.System.Bonds.SelectMany(b => new[] { b.I, b.J }).ToArray();
        new TrajectoryFolder(temporary).Write(new Trajectory(trajectory.FrameCount,
            new TrajectoryTopology(chain.System.Types, bonds), trajectory.Positions, trajectory.RgAtFrames()), lengthUnit: SystemKind.Chain.LengthUnit);
        Directory.Move(temporary, final);
    }
}
