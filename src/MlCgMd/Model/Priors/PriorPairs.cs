using MlCgMd.Torch;

namespace MlCgMd.Model.Priors;

/// <summary>
/// The bead pairs a <see cref="CgPrior"/> acts on, each unordered pair once: the CG bonds, and
/// every other within-system pair. Index tensors [P] int64 with batch offsets, and the system of
/// each pair. Cached per layout on each thread (a rollout keeps one layout for all its steps).
/// </summary>
internal sealed record PriorPairs(Tensor BondFirst, Tensor BondSecond, Tensor BondSystem,
                                  Tensor OtherFirst, Tensor OtherSecond, Tensor OtherSystem)
{
    [ThreadStatic] private static (long[] Counts, long[] Bonds, Device Device, PriorPairs Pairs)? cached;

    public static PriorPairs Of(long[] beadCounts, Tensor bonds, Device device)
    {
        long[] bondList = bonds.size(0) == 0 ? [] : bonds.to(ScalarType.Int64).cpu().contiguous().ToArray<long>();
        if (cached is { } c && c.Device == device && c.Counts.AsSpan().SequenceEqual(beadCounts) &&
            c.Bonds.AsSpan().SequenceEqual(bondList))
            return c.Pairs;
        PriorPairs pairs = Build(beadCounts, bondList, device);
        cached?.Pairs.Dispose();
        cached = ((long[])beadCounts.Clone(), bondList, device, pairs);
        return pairs;
    }

    private static PriorPairs Build(long[] beadCounts, long[] bondList, Device device)
    {
        var systemOf = new List<long>();
        for (int s = 0; s < beadCounts.Length; s++)
            for (long k = 0; k < beadCounts[s]; k++) systemOf.Add(s);
        long total = systemOf.Count;

        var bonded = new HashSet<(long, long)>();
        for (int b = 0; b + 1 < bondList.Length; b += 2)
        {
            long i = Math.Min(bondList[b], bondList[b + 1]), j = Math.Max(bondList[b], bondList[b + 1]);
            if (i < 0 || j >= total || i == j)
                throw new ArgumentException($"CG bond ({bondList[b]}, {bondList[b + 1]}) is outside the batch's {total} beads or a self bond");
            if (systemOf[(int)i] != systemOf[(int)j])
                throw new ArgumentException($"CG bond ({i}, {j}) joins two systems of the batch");
            bonded.Add((i, j));
        }
        var bondPairs = bonded.OrderBy(p => p).ToList();
        var others = new List<(long, long)>();
        long offset = 0;
        foreach (long n in beadCounts)
        {
            for (long i = offset; i < offset + n; i++)
                for (long j = i + 1; j < offset + n; j++)
                    if (!bonded.Contains((i, j))) others.Add((i, j));
            offset += n;
        }
        Tensor Index(IEnumerable<long> values) => torch.tensor(values.ToArray(), device: device).DetachFromDisposeScope();
        return new PriorPairs(
            Index(bondPairs.Select(p => p.Item1)), Index(bondPairs.Select(p => p.Item2)),
            Index(bondPairs.Select(p => systemOf[(int)p.Item1])),
            Index(others.Select(p => p.Item1)), Index(others.Select(p => p.Item2)),
            Index(others.Select(p => systemOf[(int)p.Item1])));
    }

    private void Dispose()
    {
        foreach (Tensor t in new[] { BondFirst, BondSecond, BondSystem, OtherFirst, OtherSecond, OtherSystem }) t.Dispose();
    }
}
