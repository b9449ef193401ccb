namespace MlCgMd.Batching;

/// <summary>
/// All training windows of a set of systems, as the official MDDataset enumerates them:
/// a trajectory of T frames gives T − (seq_len + 1)·dilation + 1 windows (with k target steps,
/// for pushforward training, T − (seq_len + k)·dilation + 1).
/// </summary>
public sealed class WindowIndex
{
    private readonly int[] firstWindow;   // cumulative window counts per system

    public WindowIndex(IReadOnlyList<CgSystem> systems, int seqLen, int dilation, int targetSteps = 1)
    {
        if (targetSteps < 1) throw new ArgumentOutOfRangeException(nameof(targetSteps), "at least one target step");
        SpanFrames = (seqLen + targetSteps) * dilation;
        firstWindow = new int[systems.Count + 1];
        for (int s = 0; s < systems.Count; s++)
        {
            int windows = systems[s].FrameCount - SpanFrames + 1;
            if (windows < 1)
                throw new InvalidDataException(
                    $"trajectory '{systems[s].Name}' has {systems[s].FrameCount} frames; a sample needs " +
                    $"(seq_len + {targetSteps}) · dilation = {SpanFrames}");
            firstWindow[s + 1] = firstWindow[s] + windows;
        }
    }

    /// <summary>Frames a window spans, (seq_len + target steps) · dilation.</summary>
    public int SpanFrames { get; }

    public int Count => firstWindow[^1];

    public Window this[int index]
    {
        get
        {
            if (index < 0 || index >= Count) throw new ArgumentOutOfRangeException(nameof(index));
            int s = Array.BinarySearch(firstWindow, index);
            if (s < 0) s = ~s - 1;
            while (s + 1 < firstWindow.Length && firstWindow[s + 1] <= index) s++;
            return new Window(s, index - firstWindow[s]);
        }
    }
}
