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
/// <item>deviation: METIS parts that are disconnected in the bond graph are split into their
/// connected pieces and empty parts are dropped, so a component may get more (or fewer) beads
/// than round(n_c / cg_level); the official code keeps METIS's parts as they come.</item>
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

        // Connected pieces of each provisional part: splits disconnected parts, drops empty ones,
        // and numbers beads by their smallest atom.
        return graph.ComponentsWithin(provisional, out _);
    }

    /// <summary>round(n / cgLevel) with Python's round-half-to-even, at least 1.</summary>
    public static int PartCount(int atomCount, double cgLevel) =>
        Math.Max(1, (int)Math.Round(atomCount / cgLevel, MidpointRounding.ToEven));
}
