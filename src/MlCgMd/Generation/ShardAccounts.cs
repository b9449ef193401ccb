using MlCgMd.Data;

namespace MlCgMd.Generation;

/// <summary>
/// Bookkeeping of a dataset generated in shards (`generate --shard i/n`, every shard into the same
/// folder): each shard keeps its own dataset.json (the MD time it spent) in shards/i-of-n; the shard
/// that finds all of them there writes the dataset's own, MD time summed, together with the split
/// files, so a reader never sees a dataset.json or a split naming systems that are not written yet.
/// </summary>
public static class ShardAccounts
{
    /// <summary>Where shard i/n keeps its dataset.json until every shard is done.</summary>
    public static string Folder(string outputDirectory, Shard shard) => Path.Combine(outputDirectory, "shards", shard.Name);

    /// <summary>
    /// <paramref name="mine"/> with MD seconds and steps summed over all <paramref name="count"/> shards once
    /// each has written its dataset.json; null while one has not.
    /// </summary>
    public static DatasetInfo? MergeWhenAllDone(string outputDirectory, DatasetInfo mine, int count)
    {
        var shards = Enumerable.Range(0, count)
            .Select(i => DatasetInfo.TryRead(Folder(outputDirectory, new Shard(i, count)))).ToList();
        if (shards.Any(s => s is null)) return null;
        return mine with
        {
            MdSeconds = shards.SelectMany(s => s!.MdSeconds).GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value)),
            MdSteps = shards.SelectMany(s => s!.MdSteps).GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value)),
        };
    }
}
