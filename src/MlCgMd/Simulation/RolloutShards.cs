using MlCgMd.Data;

namespace MlCgMd.Simulation;

/// <summary>
/// A rollout spread over shards (`simulate --shard i/n`): shard i rolls out a contiguous range of
/// whole batches (batch_size systems each, in split order) with the batch numbers, hence the random
/// streams, the unsharded rollout gives them, into OUT/shards/i-of-n/ (a complete, resumable rollout
/// folder). When the last shard completes, OUT/rollout.json lists every system with its file in its
/// shard's folder, so OUT reads as one rollout (analyze, report). Every shard computes the stability
/// thresholds from the whole split, so all shards stop systems by the same rule.
/// </summary>
public static class RolloutShards
{
    public static string FolderOf(string output, Shard shard) => Path.Combine(output, "shards", shard.Name);

    /// <summary>The shard's systems (whole batches) and the number of its first batch.</summary>
    public static (List<T> Systems, int FirstBatch) Select<T>(IReadOnlyList<T> systems, int batchSize, Shard shard)
    {
        int batches = (systems.Count + batchSize - 1) / batchSize;
        if (shard.Count > batches)
            throw new ArgumentException($"--shard {shard}: {systems.Count} systems make {batches} batch(es) of --batch-size {batchSize}; " +
                                        $"use at most {batches} shards or a smaller --batch-size");
        var (first, count) = shard.RangeOf(batches);
        int start = first * batchSize, end = Math.Min(systems.Count, (first + count) * batchSize);
        return (systems.Skip(start).Take(end - start).ToList(), first);
    }

    /// <summary>
    /// Writes OUT/rollout.json when all <paramref name="count"/> shards are complete and were run alike
    /// (same model, data, settings and thresholds); otherwise returns why not and writes nothing.
    /// </summary>
    public static (RolloutManifest? Merged, string? Pending) TryMerge(string output, int count)
    {
        var shards = new List<(Shard Shard, RolloutManifest Manifest)>();
        for (int i = 0; i < count; i++)
        {
            var shard = new Shard(i, count);
            string folder = FolderOf(output, shard);
            if (!File.Exists(Path.Combine(folder, RolloutManifest.FileName))) return (null, $"shard {shard} has not started");
            RolloutManifest manifest = RolloutManifest.Read(folder);
            if (!manifest.Completed) return (null, $"shard {shard} is still running (or was interrupted: rerun it with --resume)");
            shards.Add((shard, manifest));
        }
        RolloutManifest first = shards[0].Manifest;
        foreach (var (shard, m) in shards.Skip(1))
        {
            // Threads, device and resume interval may differ between machines; nothing else may.
            RolloutOptions comparable = m.Options with
            {
                Threads = first.Options.Threads, Device = first.Options.Device, CheckpointEvery = first.Options.CheckpointEvery,
            };
            if (m.Model != first.Model || m.DataDirectory != first.DataDirectory || comparable != first.Options ||
                m.CollisionDistance != first.CollisionDistance || m.MaxBondLength != first.MaxBondLength || m.Recipe != first.Recipe)
                throw new InvalidDataException(
                    $"{FolderOf(output, shard)}: shard {shard} was run with another model, data, settings, thresholds or CG recipe than shard 0/{count}");
        }
        RolloutManifest merged = first with
        {
            Systems = shards.SelectMany(s => s.Manifest.Systems.Select(system => system with
            {
                File = Path.Combine("shards", s.Shard.Name, system.File),
            })).ToList(),
            WallSeconds = shards.Sum(s => s.Manifest.WallSeconds),
            Completed = true,
        };
        merged.Write(output);
        return (merged, null);
    }
}
