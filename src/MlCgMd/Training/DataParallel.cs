using MlCgMd.Batching;
using MlCgMd.Data;
using MlCgMd.Model;
using MlCgMd.Torch;
using static MlCgMd.Torch.torch;

namespace MlCgMd.Training;

/// <summary>
/// Data-parallel training over torch.distributed, with PyTorch DDP's semantics spelled out. Every
/// rank holds the whole model (parameters broadcast from rank 0 at the start) and takes a
/// contiguous share of the global batch that the (seed, step) schedule draws. The global loss is
/// a mean over beads (acceleration and score terms) plus a mean over systems (Rg head); ranks hold
/// different numbers of beads, so each rank back-propagates its terms weighted by its share of the
/// global beads and systems, and the summed gradients are exactly those of the global batch.
/// Gradients are summed before clipping, so every rank clips and steps identically. With one
/// process (no process group) every call leaves the single-process computation untouched.
/// </summary>
public sealed class DataParallel
{
    internal DataParallel(int rank, int worldSize)
    {
        Rank = rank;
        WorldSize = worldSize;
    }

    /// <summary>The default process group's ranks, or a world of one when torch.distributed is not initialized.</summary>
    public static DataParallel FromDefaultGroup() =>
        distributed.is_initialized() ? new(distributed.get_rank(), distributed.get_world_size()) : new(0, 1);

    public int Rank { get; }
    public int WorldSize { get; }

    /// <summary>Rank 0 writes checkpoints, metrics and progress.</summary>
    public bool IsMain => Rank == 0;

    /// <summary>This rank's contiguous share of the global batch (sizes differ by at most one).</summary>
    public IReadOnlyList<Window> Share(IReadOnlyList<Window> globalBatch)
    {
        var (start, count) = ShareOf(globalBatch.Count);
        return globalBatch.Skip(start).Take(count).ToList();
    }

    /// <summary>First index and count of this rank's share of <paramref name="globalCount"/> systems.</summary>
    public (int Start, int Count) ShareOf(int globalCount)
    {
        if (globalCount < WorldSize)
            throw new ArgumentException(
                $"train.batch_size ({globalCount}) must be at least the number of processes ({WorldSize}): every rank needs a system");
        return new Shard(Rank, WorldSize).RangeOf(globalCount);
    }

    /// <summary>
    /// The seed of this rank's noise at one step. Rank 0 keeps the single-process seed; the others
    /// get distinct streams, so no two ranks draw the same noise (as in DDP, where each process has
    /// its own generator). With noise on, an N-process run is therefore statistically, not
    /// bitwise, the same as one process with the combined batch.
    /// </summary>
    public ulong NoiseSeed(ulong stepSeed) =>
        Rank == 0 ? stepSeed : unchecked(stepSeed ^ ((ulong)Rank * 0x9E3779B97F4A7C15UL));

    /// <summary>
    /// This rank's terms weighted by its shares of the global beads and systems: their sum over
    /// ranks is the global batch's loss (and metrics), so back-propagating Loss on every rank and
    /// summing the gradients gives the global batch's gradient. One process: the terms themselves.
    /// </summary>
    public LossTerms Weighted(LossTerms terms, ModelBatch local)
    {
        if (WorldSize == 1) return terms;
        var (beadShare, systemShare) = Shares(local.BeadCounts.Sum(), local.BeadCounts.Length);
        return Weighted(terms, beadShare, systemShare);
    }

    /// <summary>Per-bead terms (acceleration, score, diagnostics) times the bead share, the per-system Rg term times the system share.</summary>
    internal static LossTerms Weighted(LossTerms terms, double beadShare, double systemShare)
    {
        // Positional on purpose: a new term in LossTerms breaks this line until it is weighted here.
        var (_, acc, score, property, meanStdRatio, entropy, scoreNoInformation) = terms;
        Tensor weightedAcc = acc * beadShare;
        Tensor? weightedScore = score is null ? null : score * beadShare;
        Tensor? weightedProperty = property is null ? null : property * systemShare;
        Tensor loss = weightedAcc;
        if (weightedScore is not null) loss = loss + weightedScore;
        if (weightedProperty is not null) loss = loss + weightedProperty;
        return new LossTerms(loss, weightedAcc, weightedScore, weightedProperty, meanStdRatio * beadShare, entropy * beadShare,
            scoreNoInformation is null ? null : scoreNoInformation * beadShare);
    }

    /// <summary>Every rank's shares of the global beads and systems, from one all_reduce of the counts.</summary>
    private (double Beads, double Systems) Shares(long localBeads, int localSystems)
    {
        using var scope = NewDisposeScope();
        Tensor counts = tensor(new double[] { localBeads, localSystems });   // [2] float64: exact for counts
        distributed.all_reduce(counts);
        double[] total = counts.ToArray<double>();
        return (localBeads / total[0], localSystems / total[1]);
    }

    /// <summary>Replaces each value by its sum over ranks (NaN stays NaN: absent terms are absent on every rank).</summary>
    public void SumOverRanks(Dictionary<string, double> values)
    {
        if (WorldSize == 1) return;
        string[] keys = values.Keys.ToArray();
        using var scope = NewDisposeScope();
        Tensor sums = tensor(keys.Select(k => double.IsNaN(values[k]) ? 0 : values[k]).ToArray());   // [keys] float64
        distributed.all_reduce(sums);
        double[] summed = sums.ToArray<double>();
        for (int i = 0; i < keys.Length; i++)
            if (!double.IsNaN(values[keys[i]])) values[keys[i]] = summed[i];
    }

    /// <summary>
    /// Sums the gradients over ranks in one all_reduce of a flat buffer (the gradients, then one
    /// has-gradient flag per parameter). A parameter with a gradient on any rank gets the sum on
    /// every rank, so every rank's optimizer updates the same parameters.
    /// </summary>
    public void SumGradients(IReadOnlyList<Parameter> parameters)
    {
        if (WorldSize == 1) return;
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor?[] grads = parameters.Select(p => p.grad).ToArray();
        var pieces = parameters.Select((p, i) => (grads[i] ?? zeros_like(p)).reshape(-1)).ToList();
        pieces.Add(tensor(grads.Select(g => g is null ? 0f : 1f).ToArray()));
        Tensor flat = cat(pieces);   // [sum of parameter sizes + parameters]
        distributed.all_reduce(flat);
        long flagsStart = flat.size(0) - parameters.Count;
        float[] withGradient = flat.narrow(0, flagsStart, parameters.Count).ToArray<float>();
        long offset = 0;
        for (int i = 0; i < parameters.Count; i++)
        {
            long n = parameters[i].numel();
            if (withGradient[i] > 0)
            {
                Tensor sum = flat.narrow(0, offset, n).view_as(parameters[i]);
                if (grads[i] is { } g) g.copy_(sum);
                else parameters[i].grad = sum.clone();
            }
            offset += n;
        }
    }

    /// <summary>Copies rank 0's parameters and buffers into every rank's model.</summary>
    public void BroadcastFromMain(MlCgMd.Torch.Modules.Module model)
    {
        if (WorldSize == 1) return;
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        foreach (Tensor t in model.state_dict().Values) distributed.broadcast(t, src: 0);
    }

    /// <summary>
    /// Checks that every rank resumed from the same step: a rank that found no checkpoint (a run
    /// folder that is not shared) would otherwise train a different model in lock-step.
    /// </summary>
    public void RequireSameStep(long step, string runDirectory)
    {
        if (WorldSize == 1) return;
        using var scope = NewDisposeScope();
        Tensor extremes = tensor(new long[] { step, -step });
        distributed.all_reduce(extremes, distributed.ReduceOp.MAX);
        long[] e = extremes.ToArray<long>();
        if (e[0] != step || -e[1] != step)
            throw new InvalidOperationException(
                $"rank {Rank} resumes at step {step} but other ranks at steps {-e[1]}..{e[0]}: every rank must see the " +
                $"same run folder '{runDirectory}' (a shared file system across machines)");
    }

    /// <summary>The configured device; "cuda" without an index becomes this process's GPU, cuda:LOCAL_RANK (as torchrun sets it).</summary>
    public Device LocalDevice(string configured)
    {
        Device device = Device.Parse(configured);
        if (WorldSize == 1 || configured.Trim().ToLowerInvariant() != "cuda") return device;
        string? local = Environment.GetEnvironmentVariable("LOCAL_RANK");
        return int.TryParse(local, out int index) && index >= 0 ? new Device(DeviceType.CUDA, index) : device;
    }
}
