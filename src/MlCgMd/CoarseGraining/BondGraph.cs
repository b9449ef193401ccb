namespace MlCgMd.CoarseGraining;

/// <summary>
/// The undirected bond graph of a fine system in CSR form (METIS's xadj/adjncy): each bond
/// appears in both directions, duplicates and self-bonds removed, neighbours sorted.
/// </summary>
public sealed class BondGraph
{
    private BondGraph(int atomCount, int[] rowPointers, int[] neighbors)
    {
        AtomCount = atomCount;
        RowPointers = rowPointers;
        Neighbors = neighbors;
    }

    public int AtomCount { get; }

    /// <summary>xadj: [atoms + 1]; the neighbours of atom i are Neighbors[RowPointers[i]..RowPointers[i+1]].</summary>
    public int[] RowPointers { get; }

    /// <summary>adjncy: [2 * undirected bonds].</summary>
    public int[] Neighbors { get; }

    /// <summary>Number of undirected bonds.</summary>
    public int BondCount => Neighbors.Length / 2;

    public ReadOnlySpan<int> NeighborsOf(int atom) =>
        Neighbors.AsSpan(RowPointers[atom], RowPointers[atom + 1] - RowPointers[atom]);

    /// <summary>
    /// Builds the graph from bond pairs, given in one or both directions.
    /// </summary>
    /// <param name="atomCount">number of fine atoms n.</param>
    /// <param name="bonds">[bonds, 2] row-major: atom indices (i, j) in [0, n).</param>
    public static BondGraph FromPairs(int atomCount, ReadOnlySpan<int> bonds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(atomCount);
        if (bonds.Length % 2 != 0)
            throw new ArgumentException($"bonds: expected [bonds, 2] flattened (even length), got length {bonds.Length}", nameof(bonds));
        var lists = new List<int>[atomCount];
        for (int a = 0; a < atomCount; a++) lists[a] = [];
        for (int b = 0; b < bonds.Length; b += 2)
        {
            int i = bonds[b], j = bonds[b + 1];
            if ((uint)i >= (uint)atomCount || (uint)j >= (uint)atomCount)
                throw new ArgumentException($"bonds: row {b / 2} = ({i}, {j}) has an atom index outside [0, {atomCount})", nameof(bonds));
            if (i == j) continue;
            lists[i].Add(j);
            lists[j].Add(i);
        }
        var rowPointers = new int[atomCount + 1];
        var neighbors = new List<int>();
        for (int a = 0; a < atomCount; a++)
        {
            lists[a].Sort();
            for (int k = 0; k < lists[a].Count; k++)
                if (k == 0 || lists[a][k] != lists[a][k - 1]) neighbors.Add(lists[a][k]);
            rowPointers[a + 1] = neighbors.Count;
        }
        return new BondGraph(atomCount, rowPointers, neighbors.ToArray());
    }

    /// <summary>
    /// Connected components: a label per atom, components numbered in order of their smallest atom.
    /// </summary>
    public int[] ConnectedComponents(out int componentCount) => ComponentsWithin(null, out componentCount);

    /// <summary>
    /// Connected components of the subgraph induced by the atoms sharing a group label
    /// (edges between different groups are ignored). Components are numbered in order of their
    /// smallest atom. With <paramref name="group"/> null, the whole graph.
    /// </summary>
    public int[] ComponentsWithin(int[]? group, out int componentCount)
    {
        if (group is not null && group.Length != AtomCount)
            throw new ArgumentException($"group: expected length {AtomCount}, got {group.Length}", nameof(group));
        var label = new int[AtomCount];
        Array.Fill(label, -1);
        var stack = new Stack<int>();
        componentCount = 0;
        for (int start = 0; start < AtomCount; start++)
        {
            if (label[start] >= 0) continue;
            label[start] = componentCount;
            stack.Push(start);
            while (stack.Count > 0)
            {
                int a = stack.Pop();
                foreach (int b in NeighborsOf(a))
                {
                    if (label[b] >= 0 || (group is not null && group[b] != group[a])) continue;
                    label[b] = componentCount;
                    stack.Push(b);
                }
            }
            componentCount++;
        }
        return label;
    }

    /// <summary>The subgraph induced by <paramref name="atoms"/> (ascending), renumbered 0..atoms.Length-1.</summary>
    public BondGraph Subgraph(IReadOnlyList<int> atoms)
    {
        var local = new Dictionary<int, int>(atoms.Count);
        for (int k = 0; k < atoms.Count; k++)
        {
            if ((uint)atoms[k] >= (uint)AtomCount || (k > 0 && atoms[k] <= atoms[k - 1]))
                throw new ArgumentException($"atoms: expected strictly ascending indices in [0, {AtomCount}); entry {k} is {atoms[k]}", nameof(atoms));
            local[atoms[k]] = k;
        }
        var rowPointers = new int[atoms.Count + 1];
        var neighbors = new List<int>();
        for (int k = 0; k < atoms.Count; k++)
        {
            foreach (int b in NeighborsOf(atoms[k]))
                if (local.TryGetValue(b, out int lb)) neighbors.Add(lb);
            // Renumbering preserves order because atoms is ascending.
            rowPointers[k + 1] = neighbors.Count;
        }
        return new BondGraph(atoms.Count, rowPointers, neighbors.ToArray());
    }
}
