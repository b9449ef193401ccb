using System.Globalization;

namespace MlCgMd.Data;

/// <summary>
/// One of <see cref="Count"/> processes that split a job's systems between them (`--shard i/n`,
/// i counted from 0), so a job-array scheduler (SLURM `--array=0-(n-1)` and the like) spreads the
/// generation of a dataset or the rollouts of a test set over many machines. The split depends on
/// nothing but (i, n) and the job's own system order, so every shard computes the same partition.
/// </summary>
public readonly record struct Shard(int Index, int Count)
{
    public static readonly Shard Whole = new(0, 1);

    public bool IsWhole => Count == 1;

    /// <summary>Folder-safe name, e.g. "2-of-8".</summary>
    public string Name => $"{Index}-of-{Count}";

    public override string ToString() => $"{Index}/{Count}";

    /// <summary>Parses "i/n" with 0 ≤ i &lt; n.</summary>
    public static Shard Parse(string text)
    {
        string[] parts = text.Split('/');
        if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int index)
                              && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int count)
                              && count >= 1 && index < count)
            return new Shard(index, count);
        throw new ArgumentException($"--shard '{text}': expected i/n with 0 <= i < n (e.g. 0/4 ... 3/4)");
    }

    /// <summary>Round-robin: item k belongs to shard k mod n (balances lists whose cost varies along them).</summary>
    public bool Owns(int item) => item % Count == Index;

    /// <summary>Contiguous: this shard's [start, start + length) of <paramref name="items"/> (lengths differ by at most one).</summary>
    public (int Start, int Length) RangeOf(int items)
    {
        int start = (int)((long)Index * items / Count), end = (int)((long)(Index + 1) * items / Count);
        return (start, end - start);
    }
}
