using MlCgMd.Torch;

namespace MlCgMd.CoarseGraining;

/// <summary>
/// The fine-to-coarse mapping of one system (or of a batch, see <see cref="Concatenate"/>):
/// the bead of each atom, bead weights, CG bonds, and mass-weighted centres of mass
/// (official <c>compute_com</c> and the <c>cg_bonds</c> of <c>get_cg_stats</c>).
/// </summary>
public sealed class CoarseGrainMap
{
    private CoarseGrainMap(int[] cluster, int beadCount, double[] atomWeights, int[] cgBonds)
    {
        Cluster = cluster;
        BeadCount = beadCount;
        AtomWeights = atomWeights;
        BeadWeights = new double[beadCount];
        BeadSizes = new int[beadCount];
        for (int a = 0; a < cluster.Length; a++)
        {
            BeadWeights[cluster[a]] += atomWeights[a];
            BeadSizes[cluster[a]]++;
        }
        CgBonds = cgBonds;
    }

    public int AtomCount => Cluster.Length;

    public int BeadCount { get; }

    /// <summary>Bead index of each atom: [atoms], values in [0, beads).</summary>
    public int[] Cluster { get; }

    /// <summary>Weight of each atom: [atoms] (1 for the polymer, atomic mass in amu for the electrolyte).</summary>
    public double[] AtomWeights { get; }

    /// <summary>Sum of member weights: [beads] (official <c>cg_weights</c>).</summary>
    public double[] BeadWeights { get; }

    /// <summary>Number of atoms in each bead: [beads].</summary>
    public int[] BeadSizes { get; }

    /// <summary>
    /// CG bonds: [cgBonds, 2] row-major, the distinct ordered bead pairs (i != j) joined by at least one
    /// fine bond, both directions, sorted by (i, j) as <c>torch.unique(dim=0)</c> sorts them.
    /// </summary>
    public int[] CgBonds { get; }

    public int CgBondCount => CgBonds.Length / 2;

    /// <summary>
    /// Partitions the fine system with METIS (<see cref="MetisClustering"/>) and builds the map.
    /// </summary>
    /// <param name="bonds">fine bonds [bonds, 2] row-major, in one or both directions.</param>
    /// <param name="weights">[atoms]; null means unit weights (the polymer setting).</param>
    public static CoarseGrainMap Create(int atomCount, ReadOnlySpan<int> bonds, double[]? weights, CoarseGrainingOptions options)
    {
        BondGraph graph = BondGraph.FromPairs(atomCount, bonds);
        return FromGraph(MetisClustering.Cluster(graph, options), weights, graph);
    }

    /// <summary>
    /// Rebuilds a map from stored bead assignments.
    /// </summary>
    /// <param name="cluster">[atoms], bead indices 0..beads-1, every bead used.</param>
    /// <param name="weights">[atoms], positive; null means unit weights.</param>
    /// <param name="bonds">fine bonds [bonds, 2] row-major, in one or both directions.</param>
    public static CoarseGrainMap FromClusters(int[] cluster, double[]? weights, ReadOnlySpan<int> bonds)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        return FromGraph(cluster, weights, BondGraph.FromPairs(cluster.Length, bonds));
    }

    private static CoarseGrainMap FromGraph(int[] cluster, double[]? weights, BondGraph graph)
    {
        int n = cluster.Length;
        weights ??= Enumerable.Repeat(1.0, n).ToArray();
        if (weights.Length != n)
            throw new ArgumentException($"weights: expected [atoms] = [{n}], got length {weights.Length}", nameof(weights));
        for (int a = 0; a < n; a++)
            if (!(weights[a] > 0) || double.IsInfinity(weights[a]))
                throw new ArgumentException($"weights: entry {a} is {weights[a]}; weights must be positive and finite", nameof(weights));

        int beadCount = n == 0 ? 0 : cluster.Max() + 1;
        var used = new bool[beadCount];
        for (int a = 0; a < n; a++)
        {
            if (cluster[a] < 0)
                throw new ArgumentException($"cluster: entry {a} is {cluster[a]}; bead indices must be >= 0", nameof(cluster));
            used[cluster[a]] = true;
        }
        int empty = Array.IndexOf(used, false);
        if (empty >= 0)
            throw new ArgumentException($"cluster: bead {empty} has no atoms; bead indices must be 0..{beadCount - 1} without gaps", nameof(cluster));

        return new CoarseGrainMap((int[])cluster.Clone(), beadCount, (double[])weights.Clone(), CgBondsOf(cluster, graph));
    }

    private static int[] CgBondsOf(int[] cluster, BondGraph graph)
    {
        var pairs = new SortedSet<(int, int)>();
        for (int a = 0; a < graph.AtomCount; a++)
            foreach (int b in graph.NeighborsOf(a))
                if (cluster[a] != cluster[b]) pairs.Add((cluster[a], cluster[b]));
        var flat = new int[2 * pairs.Count];
        int k = 0;
        foreach ((int i, int j) in pairs)
        {
            flat[k++] = i;
            flat[k++] = j;
        }
        return flat;
    }

    /// <summary>
    /// One map over the concatenated atoms of several systems: bead indices of system s are
    /// offset by the beads of systems 0..s-1, CG bonds likewise.
    /// </summary>
    public static CoarseGrainMap Concatenate(IReadOnlyList<CoarseGrainMap> maps)
    {
        ArgumentNullException.ThrowIfNull(maps);
        var cluster = new List<int>();
        var weights = new List<double>();
        var bonds = new List<int>();
        int beadOffset = 0;
        foreach (CoarseGrainMap map in maps)
        {
            cluster.AddRange(map.Cluster.Select(c => c + beadOffset));
            weights.AddRange(map.AtomWeights);
            bonds.AddRange(map.CgBonds.Select(c => c + beadOffset));
            beadOffset += map.BeadCount;
        }
        return new CoarseGrainMap(cluster.ToArray(), beadOffset, weights.ToArray(), bonds.ToArray());
    }

    /// <summary>Centres of mass of one frame: positions [atoms, 3] → beads [beads, 3].</summary>
    public double[] CenterOfMass(ReadOnlySpan<double> positions)
    {
        CheckFrame(positions.Length, frames: 1, nameof(positions));
        var sum = new double[3 * BeadCount];
        for (int a = 0; a < AtomCount; a++)
        {
            int b = Cluster[a];
            double w = AtomWeights[a];
            for (int d = 0; d < 3; d++) sum[3 * b + d] += w * positions[3 * a + d];
        }
        for (int b = 0; b < BeadCount; b++)
            for (int d = 0; d < 3; d++) sum[3 * b + d] /= BeadWeights[b];
        return sum;
    }

    /// <summary>Centres of mass of one frame in single precision (accumulated in double): [atoms, 3] → [beads, 3].</summary>
    public float[] CenterOfMass(ReadOnlySpan<float> positions) => CentersOfMass(positions, frames: 1);

    /// <summary>Centres of mass of a window: positions [frames, atoms, 3] → [frames, beads, 3].</summary>
    public double[] CentersOfMass(ReadOnlySpan<double> positions, int frames)
    {
        CheckFrame(positions.Length, frames, nameof(positions));
        var result = new double[frames * 3 * BeadCount];
        for (int t = 0; t < frames; t++)
            CenterOfMass(positions.Slice(t * 3 * AtomCount, 3 * AtomCount)).CopyTo(result, t * 3 * BeadCount);
        return result;
    }

    /// <summary>Centres of mass of a window in single precision: [frames, atoms, 3] → [frames, beads, 3].</summary>
    public float[] CentersOfMass(ReadOnlySpan<float> positions, int frames)
    {
        CheckFrame(positions.Length, frames, nameof(positions));
        var widened = new double[positions.Length];
        for (int k = 0; k < positions.Length; k++) widened[k] = positions[k];
        return ToSingle(CentersOfMass(widened, frames));
    }

    /// <summary>
    /// Differentiable centres of mass: positions with atoms along <paramref name="atomDim"/>
    /// (e.g. [..., atoms, 3] with atomDim = -2, or the official [atoms, frames, 3] with atomDim = 0)
    /// → the same shape with beads along that dimension. Same dtype and device as the input.
    /// </summary>
    public Tensor CenterOfMass(Tensor positions, long atomDim = -2)
    {
        long dim = NormalizeDim(positions, atomDim, nameof(positions));
        using Tensor weights = AlongDim(AtomWeights, positions, dim);
        using Tensor beadWeights = AlongDim(BeadWeights, positions, dim);
        using Tensor weighted = positions * weights;
        using Tensor sums = SumOverBeads(weighted, dim);
        return sums / beadWeights;
    }

    /// <summary>
    /// Mean of atom features per bead (official <c>scatter(..., reduce='mean')</c> of the
    /// embeddings): features with atoms along <paramref name="atomDim"/> → beads along it.
    /// </summary>
    public Tensor MeanOverBeads(Tensor features, long atomDim = 0)
    {
        long dim = NormalizeDim(features, atomDim, nameof(features));
        using Tensor sizes = AlongDim(BeadSizes.Select(s => (double)s).ToArray(), features, dim);
        using Tensor sums = SumOverBeads(features, dim);
        return sums / sizes;
    }

    private Tensor SumOverBeads(Tensor values, long dim)
    {
        long[] shape = values.shape;
        shape[dim] = BeadCount;
        using Tensor index = torch.tensor(Cluster.Select(c => (long)c).ToArray(), device: values.device);
        using Tensor zeros = torch.zeros(shape, values.dtype, values.device);
        return zeros.index_add(dim, index, values);
    }

    /// <summary>A [.., k, ..] tensor (k along <paramref name="dim"/>, 1 elsewhere) in the dtype and device of <paramref name="like"/>.</summary>
    private static Tensor AlongDim(double[] values, Tensor like, long dim)
    {
        var shape = Enumerable.Repeat(1L, (int)like.dim()).ToArray();
        shape[dim] = values.Length;
        using Tensor host = torch.tensor(values, shape);
        return host.to(like.dtype, like.device);
    }

    private long NormalizeDim(Tensor t, long atomDim, string name)
    {
        ArgumentNullException.ThrowIfNull(t);
        long rank = t.dim();
        long dim = atomDim < 0 ? atomDim + rank : atomDim;
        if (dim < 0 || dim >= rank)
            throw new ArgumentException($"{name}: atom dimension {atomDim} is out of range for a tensor of shape [{string.Join(", ", t.shape)}]", name);
        if (t.size(dim) != AtomCount)
            throw new ArgumentException($"{name}: expected {AtomCount} atoms along dimension {dim}, got shape [{string.Join(", ", t.shape)}]", name);
        return dim;
    }

    private void CheckFrame(int length, int frames, string name)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frames);
        if (length != frames * 3 * AtomCount)
            throw new ArgumentException($"{name}: expected [frames, atoms, 3] = [{frames}, {AtomCount}, 3] ({frames * 3 * AtomCount} values), got {length}", name);
    }

    private static float[] ToSingle(double[] values) => Array.ConvertAll(values, v => (float)v);
}
