using MlCgMd.Batching;

namespace MlCgMd.Training;

/// <summary>
/// Which windows form the batch of each step: windows are visited epoch by epoch in an order
/// shuffled from (seed, epoch), so the batch of step s is a pure function of (seed, s). That
/// makes a resumed run draw exactly the batches an uninterrupted run would.
/// </summary>
public sealed class SampleSchedule
{
    private readonly WindowIndex windows;
    private readonly int batchSize;
    private readonly ulong seed;
    private long cachedEpoch = -1;
    private int[] order = [];

    public SampleSchedule(WindowIndex windows, int batchSize, ulong seed)
    {
        if (windows.Count == 0) throw new InvalidDataException("no training windows");
        this.windows = windows;
        this.batchSize = batchSize;
        this.seed = seed;
    }

    public IReadOnlyList<Window> BatchAt(long step)
    {
        var batch = new Window[batchSize];
        for (int k = 0; k < batchSize; k++)
        {
            long sample = step * batchSize + k;
            long epoch = sample / windows.Count;
            if (epoch != cachedEpoch) Shuffle(epoch);
            batch[k] = windows[order[sample % windows.Count]];
        }
        return batch;
    }

    public double EpochAt(long step) => (double)step * batchSize / windows.Count;

    private void Shuffle(long epoch)
    {
        var random = new Random(unchecked((int)(seed * 0x9E3779B1UL) ^ (int)epoch * 7919));
        order = Enumerable.Range(0, windows.Count).ToArray();
        random.Shuffle(order);
        cachedEpoch = epoch;
    }
}
