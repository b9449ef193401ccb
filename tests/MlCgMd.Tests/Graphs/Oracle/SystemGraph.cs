namespace MlCgMd.Tests.Graphs;

/// <summary>
/// The CG interaction graph of one system (official <c>compute_connectivity</c> /
/// <c>compute_connectivity_pbc</c>): radius edges unioned with the CG bonds, with edge types and
/// geometric edge features. Edges are sender-major (sorted by sender, then receiver).
/// <para>Edge type 1 marks a CG bond. Open boundaries: an edge has type 1 only if it is a bond and
/// also a radius edge; bonds beyond the radius are kept with type 0 (official behaviour).
/// Periodic boxes: every bond has type 1.</para>
/// </summary>
public sealed class SystemGraph
{
    private SystemGraph(int nodeCount, EdgeIndex edges, float[] displacements, float[] distances, int[] edgeTypes)
    {
        NodeCount = nodeCount;
        Senders = edges.Senders;
        Receivers = edges.Receivers;
        Displacements = displacements;
        Distances = distances;
        EdgeTypes = edgeTypes;
    }

    public int NodeCount { get; }

    public int EdgeCount => Senders.Length;

    /// <summary>[edges], source node j of each message.</summary>
    public int[] Senders { get; }

    /// <summary>[edges], target node i of each message.</summary>
    public int[] Receivers { get; }

    /// <summary>[edges, 3]: (x_sender − x_receiver) / r, minimum image in periodic boxes.</summary>
    public float[] Displacements { get; }

    /// <summary>[edges]: |x_sender − x_receiver| / r.</summary>
    public float[] Distances { get; }

    /// <summary>[edges]: 1 for CG-bond edges (see the class remarks), else 0.</summary>
    public int[] EdgeTypes { get; }

    /// <summary>
    /// Builds the graph of one system.
    /// </summary>
    /// <param name="positions">[nodes, 3], the most recent CG positions (unwrapped allowed in a box).</param>
    /// <param name="bonds">CG bonds [bonds, 2] row-major (sender, receiver) in local node indices; empty for none.</param>
    /// <param name="box">[3] box edge lengths for periodic boundaries; empty for open boundaries.</param>
    public static SystemGraph Build(ReadOnlySpan<double> positions, ReadOnlySpan<int> bonds, RadiusGraphOptions options,
        ReadOnlySpan<double> box = default)
    {
        bool periodic = !box.IsEmpty;
        EdgeIndex radiusEdges = periodic ? RadiusGraph.Periodic(positions, box, options) : RadiusGraph.Open(positions, options);
        int n = positions.Length / 3;
        long[] bondKeys = BondKeys(bonds, n);

        // Merge two sorted key lists: key = sender * n + receiver orders edges sender-major.
        var senders = new List<int>();
        var receivers = new List<int>();
        var types = new List<int>();
        int a = 0, b = 0;
        while (a < radiusEdges.Count || b < bondKeys.Length)
        {
            long radiusKey = a < radiusEdges.Count ? (long)radiusEdges.Senders[a] * n + radiusEdges.Receivers[a] : long.MaxValue;
            long bondKey = b < bondKeys.Length ? bondKeys[b] : long.MaxValue;
            long key = Math.Min(radiusKey, bondKey);
            bool inRadius = radiusKey == key, isBond = bondKey == key;
            if (inRadius) a++;
            if (isBond) b++;
            senders.Add((int)(key / n));
            receivers.Add((int)(key % n));
            types.Add(isBond && (periodic || inRadius) ? 1 : 0);
        }

        var edges = new EdgeIndex(senders.ToArray(), receivers.ToArray());
        double[] x = periodic ? PeriodicBox.Wrap(positions, box) : positions.ToArray();
        double[] lengths = box.ToArray();
        double r = options.Radius;
        var displacements = new float[3 * edges.Count];
        var distances = new float[edges.Count];
        for (int e = 0; e < edges.Count; e++)
        {
            double s = 0;
            for (int d = 0; d < 3; d++)
            {
                double delta = x[3 * edges.Senders[e] + d] - x[3 * edges.Receivers[e] + d];
                if (periodic) delta = PeriodicBox.MinimumImage(delta, lengths[d]);
                double u = delta / r;
                displacements[3 * e + d] = (float)u;
                s += u * u;
            }
            distances[e] = (float)Math.Sqrt(s);
        }
        return new SystemGraph(n, edges, displacements, distances, types.ToArray());
    }

    private static long[] BondKeys(ReadOnlySpan<int> bonds, int n)
    {
        if (bonds.Length % 2 != 0)
            throw new ArgumentException($"bonds: expected [bonds, 2] flattened (even length), got length {bonds.Length}", nameof(bonds));
        var keys = new SortedSet<long>();
        for (int k = 0; k < bonds.Length; k += 2)
        {
            int s = bonds[k], t = bonds[k + 1];
            if ((uint)s >= (uint)n || (uint)t >= (uint)n)
                throw new ArgumentException($"bonds: row {k / 2} = ({s}, {t}) has a node index outside [0, {n})", nameof(bonds));
            keys.Add((long)s * n + t);
        }
        return keys.ToArray();
    }
}
