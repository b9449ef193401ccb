namespace MlCgMd.CoarseGraining;

/// <summary>
/// Assigns fine atoms to CG beads with METIS, following the official data pipeline
/// (graphwm/data/data.py <c>get_cg_stats</c>, data/clustering.py <c>metis_cluster</c>):
/// <list type="bullet">
/// <item>each connected component of the bond graph is partitioned on its own into
/// round(n_c / cg_level) parts (Python's round: half to even), at least 1, so unbonded atoms
/// never share a bead (the official battery code does this; its chain code partitions the
/// whole graph at once, which is the same thing for a single chain);</item>
/// <item>single-atom components (Li ions) are their own beads; components up to
/// <see cref="CoarseGrainingOptions.WholeComponentMaxAtoms"/> atoms become one bead;</item>
/// <item>deviation: METIS can return parts that are disconnected in the bond graph (often with
/// recursive bisection of branched molecules). Each such part keeps its largest connected piece;
/// the other pieces join the smallest neighbouring bead, so every bead is connected and the
/// bead count stays round(n_c / cg_level). The official code keeps METIS's parts as they come.</item>
/// <item>METIS k-way can leave parts empty when they would hold only a few atoms (seen at
/// cg_level 2-3 on small molecules); those beads are dropped, so such components get fewer
/// beads. Recursive bisection fills every part. At the paper's settings (chain: k-way,
/// cg_level 100; battery: recursive, cg_level 7) counts equal round(n_c / cg_level).</item>
/// </list>
/// Beads are numbered in order of their smallest atom index.
/// </summary>
public static class MetisClustering
{
    /// <summary>
    /// Bead index of each atom: [atoms], values in [0, beads), every bead non-empty and connected.
    /// </summary>
    /// <param name="graph">the fine bond graph.</param>
    public static int[] Cluster(BondGraph graph, CoarseGrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        int[] component = graph.ConnectedComponents(out int componentCount);
        var members = new List<int>[componentCount];
        for (int c = 0; c < componentCount; c++) members[c] = [];
        for (int a = 0; a < graph.AtomCount; a++) members[component[a]].Add(a);

        // Provisional labels: disjoint ranges per component, METIS's part numbers inside.
        var provisional = new int[graph.AtomCount];
        int offset = 0;
        foreach (List<int> atoms in members)
        {
            int parts = atoms.Count <= Math.Max(1, options.WholeComponentMaxAtoms) ? 1 : PartCount(atoms.Count, options.CgLevel);
            int[] part = parts == 1
                ? new int[atoms.Count]
                : Metis.Partition(graph.Subgraph(atoms), parts, options.Recursive,
                    contiguous: !options.Recursive && options.Contiguous, options.Seed);
            for (int k = 0; k < atoms.Count; k++) provisional[atoms[k]] = offset + part[k];
            offset += parts;
        }

        // Every part is connected now, so its connected piece is the part itself; this renumbers
        // beads by their smallest atom and drops empty parts.
        return graph.ComponentsWithin(MergeStrayPieces(graph, provisional), out _);
    }

    /// <summary>
    /// Returns part labels in which every part is connected: the largest connected piece of each
    /// part stays, every other piece is moved into the smallest bead it is bonded to.
    /// </summary>
    private static int[] MergeStrayPieces(BondGraph graph, int[] part)
    {
        int[] piece = graph.ComponentsWithin(part, out int pieceCount);
        var atomsOf = new List<int>[pieceCount];
        for (int p = 0; p < pieceCount; p++) atomsOf[p] = [];
        for (int a = 0; a < graph.AtomCount; a++) atomsOf[piece[a]].Add(a);

        // The kept piece of each part: the largest, ties to the one with the smallest atom.
        var kept = new Dictionary<int, int>();
        for (int p = 0; p < pieceCount; p++)
        {
            int label = part[atomsOf[p][0]];
            if (!kept.TryGetValue(label, out int best) || atomsOf[p].Count > atomsOf[best].Count) kept[label] = p;
        }
        var isKept = new bool[pieceCount];
        var size = new int[pieceCount];
        foreach (int p in kept.Values)
        {
            isKept[p] = true;
            size[p] = atomsOf[p].Count;
        }

        var result = (int[])part.Clone();
        var stray = Enumerable.Range(0, pieceCount).Where(p => !isKept[p]).ToList();
        while (stray.Count > 0)
        {
            var waiting = new List<int>();
            foreach (int p in stray)
            {
                int target = -1;
                foreach (int a in atomsOf[p])
                    foreach (int b in graph.NeighborsOf(a))
                    {
                        int q = piece[b];
                        if (isKept[q] && (target < 0 || size[q] < size[target] || (size[q] == size[target] && q < target))) target = q;
                    }
                if (target < 0)
                {
                    waiting.Add(p);
                    continue;
                }
                foreach (int a in atomsOf[p])
                {
                    piece[a] = target;
                    result[a] = part[atomsOf[target][0]];
                }
                size[target] += atomsOf[p].Count;
            }
            // A stray piece always touches another piece of its connected component, so each
            // round attaches at least one piece.
            if (waiting.Count == stray.Count)
                throw new InvalidOperationException("stray METIS pieces could not be attached to any bead");
            stray = waiting;
        }
        return result;
    }

    /// <summary>round(n / cgLevel) with Python's round-half-to-even, at least 1.</summary>
    public static int PartCount(int atomCount, double cgLevel) =>
        Math.Max(1, (int)Math.Round(atomCount / cgLevel, MidpointRounding.ToEven));
}
