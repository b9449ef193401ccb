using MlCgMd.Torch;

namespace MlCgMd.Tests.Graphs;

/// <summary>
/// Test oracle (with the other files of this folder): an independent array implementation of the
/// official CG graph that <c>Model/Connectivity</c> is checked against.
/// Several systems' CG graphs as one disjoint graph (official <c>GraphsTuple</c> fields): node and
/// edge counts per system, senders/receivers offset into the batch's node numbering, the system of
/// each node, and concatenated edge features as tensors on one device. Owns its tensors.
/// Edge features are constants: positions never need gradients through the graph geometry
/// (as in the official model).
/// </summary>
public sealed class GraphBatch : IDisposable
{
    private GraphBatch(int[] nodeCounts, int[] edgeCounts, Tensor senders, Tensor receivers, Tensor batch,
        Tensor displacements, Tensor distances, Tensor edgeTypes)
    {
        NodeCounts = nodeCounts;
        EdgeCounts = edgeCounts;
        NodeOffsets = Offsets(nodeCounts);
        EdgeOffsets = Offsets(edgeCounts);
        Senders = senders;
        Receivers = receivers;
        Batch = batch;
        Displacements = displacements;
        Distances = distances;
        EdgeTypes = edgeTypes;
    }

    public int SystemCount => NodeCounts.Length;

    /// <summary>[systems] (official <c>n_node</c>).</summary>
    public int[] NodeCounts { get; }

    /// <summary>[systems] (official <c>n_edge</c>).</summary>
    public int[] EdgeCounts { get; }

    /// <summary>[systems + 1]: nodes of system s are NodeOffsets[s]..NodeOffsets[s+1]-1.</summary>
    public int[] NodeOffsets { get; }

    /// <summary>[systems + 1]: edges of system s are EdgeOffsets[s]..EdgeOffsets[s+1]-1.</summary>
    public int[] EdgeOffsets { get; }

    public int NodeCount => NodeOffsets[^1];

    public int EdgeCount => EdgeOffsets[^1];

    /// <summary>int64 [edges], batch node index of each message's source.</summary>
    public Tensor Senders { get; }

    /// <summary>int64 [edges], batch node index of each message's target.</summary>
    public Tensor Receivers { get; }

    /// <summary>int64 [nodes], system index of each node.</summary>
    public Tensor Batch { get; }

    /// <summary>float32 [edges, 3]: (x_sender − x_receiver) / r.</summary>
    public Tensor Displacements { get; }

    /// <summary>float32 [edges, 1]: |x_sender − x_receiver| / r.</summary>
    public Tensor Distances { get; }

    /// <summary>int64 [edges]: 1 for CG-bond edges (rules in <see cref="SystemGraph"/>), for the edge-type embedding.</summary>
    public Tensor EdgeTypes { get; }

    /// <summary>Concatenates per-system graphs; tensors are created on <paramref name="device"/> (CPU by default).</summary>
    public static GraphBatch FromSystems(IReadOnlyList<SystemGraph> graphs, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(graphs);
        int[] nodeCounts = graphs.Select(g => g.NodeCount).ToArray();
        int[] edgeCounts = graphs.Select(g => g.EdgeCount).ToArray();
        int[] nodeOffsets = Offsets(nodeCounts);
        int edges = edgeCounts.Sum();
        var senders = new long[edges];
        var receivers = new long[edges];
        var types = new long[edges];
        var displacements = new float[3 * edges];
        var distances = new float[edges];
        var batch = new long[nodeOffsets[^1]];
        int e0 = 0;
        for (int s = 0; s < graphs.Count; s++)
        {
            SystemGraph g = graphs[s];
            for (int e = 0; e < g.EdgeCount; e++)
            {
                senders[e0 + e] = g.Senders[e] + nodeOffsets[s];
                receivers[e0 + e] = g.Receivers[e] + nodeOffsets[s];
                types[e0 + e] = g.EdgeTypes[e];
            }
            g.Displacements.CopyTo(displacements, 3 * e0);
            g.Distances.CopyTo(distances, e0);
            Array.Fill(batch, s, nodeOffsets[s], g.NodeCount);
            e0 += g.EdgeCount;
        }
        Device target = device ?? Device.CPU;
        return new GraphBatch(nodeCounts, edgeCounts,
            OnDevice(senders, [edges], target), OnDevice(receivers, [edges], target), OnDevice(batch, [batch.Length], target),
            OnDevice(displacements, [edges, 3], target), OnDevice(distances, [edges, 1], target), OnDevice(types, [edges], target));
    }

    /// <summary>
    /// Builds the radius + CG-bond graph of every system in a batch (the official
    /// <c>_dynamics_preprocessor</c> connectivity). The search runs on CPU arrays; the result lives
    /// on the device of <paramref name="positions"/>.
    /// </summary>
    /// <param name="positions">[nodes, 3], the systems' nodes one after another, any float dtype and device.</param>
    /// <param name="nodeCounts">[systems], nodes per system.</param>
    /// <param name="bonds">CG bonds [bonds, 2] row-major in batch node indices (e.g.
    /// <c>CoarseGrainMap.Concatenate(maps).CgBonds</c>); a bond may not join two systems.</param>
    /// <param name="boxes">[systems, 3] box edge lengths for periodic systems, or null for open boundaries.</param>
    public static GraphBatch Build(Tensor positions, int[] nodeCounts, ReadOnlySpan<int> bonds, RadiusGraphOptions options,
        double[]? boxes = null)
    {
        ArgumentNullException.ThrowIfNull(positions);
        ArgumentNullException.ThrowIfNull(nodeCounts);
        if (nodeCounts.Any(c => c < 0))
            throw new ArgumentException("nodeCounts: counts must be >= 0", nameof(nodeCounts));
        int[] offsets = Offsets(nodeCounts);
        long[] shape = positions.shape;
        if (shape.Length != 2 || shape[1] != 3 || shape[0] != offsets[^1])
            throw new ArgumentException($"positions: expected [nodes, 3] = [{offsets[^1]}, 3], got [{string.Join(", ", shape)}]", nameof(positions));
        if (boxes is not null && boxes.Length != 3 * nodeCounts.Length)
            throw new ArgumentException($"boxes: expected [systems, 3] = [{nodeCounts.Length}, 3] ({3 * nodeCounts.Length} values), got {boxes.Length}", nameof(boxes));

        double[] x;
        using (torch.no_grad())
        using (Tensor host = positions.detach().to(ScalarType.Float64, Device.CPU))
            x = host.contiguous().ToArray<double>();

        List<int>[] bondsOf = SplitBonds(bonds, offsets);
        var graphs = new SystemGraph[nodeCounts.Length];
        for (int s = 0; s < nodeCounts.Length; s++)
            graphs[s] = SystemGraph.Build(x.AsSpan(3 * offsets[s], 3 * nodeCounts[s]), bondsOf[s].ToArray(), options,
                boxes is null ? default : boxes.AsSpan(3 * s, 3));
        return FromSystems(graphs, positions.device);
    }

    public void Dispose()
    {
        Senders.Dispose();
        Receivers.Dispose();
        Batch.Dispose();
        Displacements.Dispose();
        Distances.Dispose();
        EdgeTypes.Dispose();
    }

    /// <summary>Bonds per system in local indices.</summary>
    private static List<int>[] SplitBonds(ReadOnlySpan<int> bonds, int[] offsets)
    {
        if (bonds.Length % 2 != 0)
            throw new ArgumentException($"bonds: expected [bonds, 2] flattened (even length), got length {bonds.Length}", nameof(bonds));
        int systems = offsets.Length - 1;
        var systemOf = new int[offsets[^1]];
        var bondsOf = new List<int>[systems];
        for (int s = 0; s < systems; s++)
        {
            bondsOf[s] = [];
            Array.Fill(systemOf, s, offsets[s], offsets[s + 1] - offsets[s]);
        }
        for (int k = 0; k < bonds.Length; k += 2)
        {
            int i = bonds[k], j = bonds[k + 1];
            int s = (uint)i < (uint)systemOf.Length ? systemOf[i] : -1;
            if (s < 0 || j < offsets[s] || j >= offsets[s + 1])
                throw new ArgumentException($"bonds: row {k / 2} = ({i}, {j}) is outside the batch's nodes or joins two systems", nameof(bonds));
            bondsOf[s].AddRange([i - offsets[s], j - offsets[s]]);
        }
        return bondsOf;
    }

    private static int[] Offsets(int[] counts)
    {
        var offsets = new int[counts.Length + 1];
        for (int s = 0; s < counts.Length; s++) offsets[s + 1] = offsets[s] + counts[s];
        return offsets;
    }

    private static Tensor OnDevice<T>(T[] values, long[] shape, Device device) where T : unmanaged =>
        torch.tensor(values, shape, device: device);
}
