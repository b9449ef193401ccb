using MlCgMd.Torch;

namespace MlCgMd.Model;

/// <summary>
/// Edges of the CG graph built from the most recent positions, as the official
/// compute_connectivity / compute_connectivity_pbc do: every within-system pair closer than
/// the radius (self-loops included) united with the CG bonds, with the raw edge vectors and
/// lengths and the official edge features displacement/radius and distance/radius. Runs in
/// tensor ops on the positions' device.
///
/// Edge types follow the official rules: with open boundaries an edge has type 1 when it is a
/// bond AND within the radius (bonds beyond the radius are kept with type 0); in a periodic
/// box every bond has type 1. Edge order: open boundaries sorted by (sender, receiver) (the
/// official torch.unique); periodic boxes in pair-enumeration order (sender-major).
/// Deviation: torch_cluster's cap of 32 neighbours per node is not applied (it truncates
/// arbitrarily and never binds at the paper's ≈10 beads per chain).
/// </summary>
public static class Connectivity
{
    /// <summary>The edges of a batch of CG graphs.</summary>
    /// <param name="Senders">[E] int64 source node j</param>
    /// <param name="Receivers">[E] int64 target node i</param>
    /// <param name="Vectors">[E, dim] x_sender − x_receiver (minimum image when periodic), in length units</param>
    /// <param name="Lengths">[E, 1] |vector|, in length units</param>
    /// <param name="Displacements">[E, dim] vector / radius (the official edge feature)</param>
    /// <param name="Distances">[E, 1] |displacement| (the official edge feature)</param>
    /// <param name="EdgeTypes">[E] int64, 1 = bond edge</param>
    public sealed record Edges(Tensor Senders, Tensor Receivers, Tensor Vectors, Tensor Lengths, Tensor Displacements,
                               Tensor Distances, Tensor EdgeTypes);

    /// <param name="positions">[N, dim] positions of all systems, concatenated</param>
    /// <param name="nodeCounts">nodes of each system</param>
    /// <param name="radius">cut-off radius (same length unit as positions)</param>
    /// <param name="bonds">[B, 2] int64 CG bonds (sender, receiver), offset per system, or null</param>
    /// <param name="lattices">[systems, dim] cubic box edge lengths for periodic systems, or null</param>
    public static Edges Compute(Tensor positions, long[] nodeCounts, double radius, Tensor? bonds, Tensor? lattices = null)
    {
        var (first, second) = AllPairs(nodeCounts, positions.device);
        using Tensor pos1 = positions.index_select(0, first);
        using Tensor pos2 = positions.index_select(0, second);
        using Tensor rawDisplacement = pos1 - pos2;
        Tensor displacement = lattices is null ? rawDisplacement.alias() : MinimumImage(rawDisplacement, lattices, nodeCounts);
        using Tensor scaled = displacement / radius;
        using Tensor distance = scaled.norm(dim: -1);
        // Open boundaries: torch_cluster's radius_graph keeps d < r (strict); periodic: the official |d|/r <= 1.
        using Tensor withinRadius = lattices is null ? distance.lt(1.0) : distance.le(1.0);

        if (lattices is null)
        {
            displacement.Dispose();
            return OpenBoundaryEdges(positions, radius, first, second, withinRadius, bonds);
        }

        // Periodic: a pair is an edge if it is within the radius or is a bond; bonds are type 1.
        Tensor isBond = bonds is null || bonds.size(0) == 0
            ? torch.zeros_like(withinRadius)      // e.g. a box whose chains are one bead each: no CG bonds at all
            : PairIsBond(first, second, bonds, positions.size(0));
        using Tensor mask = withinRadius | isBond;
        using Tensor selected = mask.nonzero().squeeze(1);
        Tensor vectors = displacement.index_select(0, selected);
        var edges = new Edges(
            first.index_select(0, selected),
            second.index_select(0, selected),
            vectors,
            vectors.norm(dim: -1, keepdim: true),
            scaled.index_select(0, selected),
            distance.index_select(0, selected).unsqueeze(1),
            isBond.index_select(0, selected).to(ScalarType.Int64));
        isBond.Dispose();
        displacement.Dispose();
        return edges;
    }

    /// <summary>
    /// The radius edges united with the bonds, as the official code unites them (concatenate, then unique rows with
    /// counts: type 1 only for a bond that is also a radius edge). Every bond is a within-system pair, so the union is
    /// a mask over the pair enumeration, which is first-major: the selected pairs come out in the same lexicographic
    /// (sender, receiver) order as the sorted unique rows, without sorting.
    /// </summary>
    private static Edges OpenBoundaryEdges(Tensor positions, double radius, Tensor first, Tensor second, Tensor withinRadius,
                                           Tensor? bonds)
    {
        bool hasBonds = bonds is not null && bonds.size(0) > 0;
        using Tensor isBond = hasBonds ? PairIsBond(first, second, bonds!, positions.size(0)) : torch.zeros_like(withinRadius);
        using Tensor mask = withinRadius | isBond;
        using Tensor selected = mask.nonzero().squeeze(1);
        Tensor senders = first.index_select(0, selected);
        Tensor receivers = second.index_select(0, selected);
        using Tensor both = withinRadius & isBond;
        Tensor edgeTypes = both.index_select(0, selected).to(ScalarType.Int64);
        using Tensor ps = positions.index_select(0, senders);
        using Tensor pr = positions.index_select(0, receivers);
        Tensor vectors = ps - pr;
        Tensor displacements = vectors / radius;
        Tensor distances = displacements.norm(dim: -1, keepdim: true);
        return new Edges(senders, receivers, vectors, vectors.norm(dim: -1, keepdim: true), displacements, distances, edgeTypes);
    }

    /// <summary>Half-box minimum image for cubic cells, per pair (lattice of the pair's system).</summary>
    private static Tensor MinimumImage(Tensor displacement, Tensor lattices, long[] nodeCounts)
    {
        long[] pairCounts = nodeCounts.Select(n => n * n).ToArray();
        using Tensor counts = torch.tensor(pairCounts).to(lattices.device);
        using Tensor perPair = lattices.repeat_interleave(counts, dim: 0);
        using Tensor half = perPair * 0.5;
        using Tensor tooFar = displacement.gt(half);
        using Tensor shiftedDown = displacement - perPair;
        using Tensor once = torch.where(tooFar, shiftedDown, displacement);
        using Tensor negativeHalf = -half;
        using Tensor tooNear = once.lt(negativeHalf);
        using Tensor shiftedUp = once + perPair;
        return torch.where(tooNear, shiftedUp, once);
    }

    /// <summary>[pairs] bool: whether pair (first[k], second[k]) appears among the bonds.</summary>
    private static Tensor PairIsBond(Tensor first, Tensor second, Tensor bonds, long nodeCount)
    {
        // Encode a pair as first * N + second and test membership with a sorted search.
        using Tensor pairKeys = first * nodeCount + second;
        using Tensor bondFirst = bonds.select(1, 0);
        using Tensor bondSecond = bonds.select(1, 1);
        using Tensor bondKeysRaw = bondFirst * nodeCount + bondSecond;
        var (bondKeys, _) = bondKeysRaw.sort();
        using (bondKeys)
        {
            using Tensor position = SearchSorted(bondKeys, pairKeys);
            // clamp with a Python-float bound promotes int64 to float (PyTorch semantics): cast back.
            using Tensor clampedFloat = position.clamp(max: Math.Max(0, bondKeys.size(0) - 1));
            using Tensor clamped = clampedFloat.to(ScalarType.Int64);
            using Tensor found = bondKeys.index_select(0, clamped);
            return found.eq(pairKeys);
        }
    }

    private static Tensor SearchSorted(Tensor sorted, Tensor values) => torch.searchsorted(sorted, values);

    // The pairs of the last layout seen on this thread: a rollout (and its Score-GNN refinement,
    // many graphs per step) keeps one layout, so the index tensors are built once, not per graph.
    [ThreadStatic] private static long[]? cachedCounts;
    [ThreadStatic] private static Device cachedDevice;
    [ThreadStatic] private static (Tensor First, Tensor Second) cachedPairs;

    /// <summary>
    /// All ordered within-system pairs (first, second), first-major, self-pairs included,
    /// with global node indices: the official pair enumeration. The returned tensors are shared: do not dispose them.
    /// </summary>
    private static (Tensor First, Tensor Second) AllPairs(long[] nodeCounts, Device device)
    {
        if (cachedCounts is not null && cachedDevice == device && cachedCounts.AsSpan().SequenceEqual(nodeCounts))
            return cachedPairs;
        cachedPairs.First?.Dispose();
        cachedPairs.Second?.Dispose();
        cachedPairs = BuildPairs(nodeCounts, device);
        cachedCounts = (long[])nodeCounts.Clone();
        cachedDevice = device;
        return cachedPairs;
    }

    private static (Tensor First, Tensor Second) BuildPairs(long[] nodeCounts, Device device)
    {
        long total = nodeCounts.Sum(n => n * n);
        var first = new long[total];
        var second = new long[total];
        long k = 0, offset = 0;
        foreach (long n in nodeCounts)
        {
            for (long i = 0; i < n; i++)
                for (long j = 0; j < n; j++, k++)
                {
                    first[k] = offset + i;
                    second[k] = offset + j;
                }
            offset += n;
        }
        return (torch.tensor(first, device: device).DetachFromDisposeScope(),
                torch.tensor(second, device: device).DetachFromDisposeScope());
    }
}
