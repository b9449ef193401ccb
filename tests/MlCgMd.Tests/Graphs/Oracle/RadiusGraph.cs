namespace MlCgMd.Tests.Graphs;

/// <summary>
/// Radius graphs of one system: every ordered pair (sender j, receiver i) closer than the cutoff.
/// <list type="bullet">
/// <item>Open boundaries follow torch_cluster <c>radius_graph</c>: |x_j − x_i|² &lt; r² (strict),
/// optional per-receiver cap.</item>
/// <item>Periodic boxes follow the official <c>compute_connectivity_pbc</c>: positions wrapped
/// into the box, minimum image by the half-box rule per axis, kept when |d| / r ≤ 1.</item>
/// </list>
/// Small systems are searched over all pairs, larger ones with a cell list; both give identical edges.
/// </summary>
public static class RadiusGraph
{
    /// <summary>Systems with at least this many nodes use the cell list.</summary>
    internal const int CellListMinNodes = 512;

    /// <summary>Edges of one system with open boundaries. positions: [nodes, 3].</summary>
    public static EdgeIndex Open(ReadOnlySpan<double> positions, RadiusGraphOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        int n = NodeCount(positions);
        double[] x = positions.ToArray();
        double r2 = options.Radius * options.Radius;
        bool Within(int j, int i)
        {
            double dx = x[3 * j] - x[3 * i], dy = x[3 * j + 1] - x[3 * i + 1], dz = x[3 * j + 2] - x[3 * i + 2];
            return dx * dx + dy * dy + dz * dz < r2;
        }
        CellList? cells = n >= CellListMinNodes ? CellList.Open(x, options.Radius) : null;
        return Collect(n, cells, Within, options);
    }

    /// <summary>
    /// Edges of one system in a periodic orthorhombic box (cubic in the official data).
    /// positions: [nodes, 3], wrapped or not; box: [3] edge lengths.
    /// </summary>
    public static EdgeIndex Periodic(ReadOnlySpan<double> positions, ReadOnlySpan<double> box, RadiusGraphOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        int n = NodeCount(positions);
        double[] w = PeriodicBox.Wrap(positions, box);
        double[] lengths = box.ToArray();
        double r = options.Radius;
        bool Within(int j, int i)
        {
            double s = 0;
            for (int d = 0; d < 3; d++)
            {
                double u = PeriodicBox.MinimumImage(w[3 * j + d] - w[3 * i + d], lengths[d]) / r;
                s += u * u;
            }
            return Math.Sqrt(s) <= 1;
        }
        CellList? cells = n >= CellListMinNodes ? CellList.Periodic(w, lengths, r) : null;
        return Collect(n, cells, Within, options);
    }

    /// <summary>
    /// Gathers, per receiver i, the accepted senders j in ascending order (capped if asked), then
    /// lays the edges out sender-major with a counting sort.
    /// </summary>
    private static EdgeIndex Collect(int n, CellList? cells, Func<int, int, bool> within, RadiusGraphOptions options)
    {
        var sendersOf = new List<int>[n];
        var candidates = new List<int>();
        for (int i = 0; i < n; i++)
        {
            candidates.Clear();
            if (cells is null)
                for (int j = 0; j < n; j++) candidates.Add(j);
            else
            {
                cells.AddCandidates(i, candidates);
                candidates.Sort();
            }
            var accepted = new List<int>();
            foreach (int j in candidates)
            {
                if (j == i ? !options.SelfLoops : !within(j, i)) continue;
                accepted.Add(j);
                if (accepted.Count == options.MaxNeighbors) break;
            }
            sendersOf[i] = accepted;
        }

        var start = new int[n + 1];
        for (int i = 0; i < n; i++)
            foreach (int j in sendersOf[i]) start[j + 1]++;
        for (int j = 0; j < n; j++) start[j + 1] += start[j];
        var senders = new int[start[n]];
        var receivers = new int[start[n]];
        var next = start[..n];
        for (int i = 0; i < n; i++)
            foreach (int j in sendersOf[i])
            {
                senders[next[j]] = j;
                receivers[next[j]++] = i;
            }
        return new EdgeIndex(senders, receivers);
    }

    private static int NodeCount(ReadOnlySpan<double> positions)
    {
        if (positions.Length % 3 != 0)
            throw new ArgumentException($"positions: expected [nodes, 3] flattened (length divisible by 3), got length {positions.Length}", nameof(positions));
        for (int k = 0; k < positions.Length; k++)
            if (!double.IsFinite(positions[k]))
                throw new ArgumentException($"positions: entry [{k / 3}, {k % 3}] is {positions[k]}; positions must be finite", nameof(positions));
        return positions.Length / 3;
    }
}
