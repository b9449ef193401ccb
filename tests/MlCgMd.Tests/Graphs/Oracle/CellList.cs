namespace MlCgMd.Tests.Graphs;

/// <summary>
/// Bins nodes into cubic-ish cells at least as wide as the cutoff, so every pair within the cutoff
/// lies in the same or adjacent cells. Candidates are a superset; callers apply the exact test.
/// </summary>
internal sealed class CellList
{
    // Cells a hair wider than r so that rounding in the binning never separates a pair at distance r by two cells.
    private const double Margin = 1 + 1e-6;

    private readonly Dictionary<long, List<int>> members = [];
    private readonly int[][] cellOf;
    private readonly int[] counts;
    private readonly bool periodic;

    private CellList(int[][] cellOf, int[] counts, bool periodic)
    {
        this.cellOf = cellOf;
        this.counts = counts;
        this.periodic = periodic;
        for (int i = 0; i < cellOf.Length; i++)
        {
            long key = Key(cellOf[i][0], cellOf[i][1], cellOf[i][2]);
            if (!members.TryGetValue(key, out List<int>? list)) members[key] = list = [];
            list.Add(i);
        }
    }

    /// <summary>Open boundaries: cells over the bounding box. positions: [nodes, 3].</summary>
    public static CellList Open(double[] positions, double radius)
    {
        int n = positions.Length / 3;
        double size = radius * Margin;
        var min = new double[3];
        var counts = new int[3];
        for (int d = 0; d < 3; d++)
        {
            min[d] = double.PositiveInfinity;
            double max = double.NegativeInfinity;
            for (int i = 0; i < n; i++)
            {
                min[d] = Math.Min(min[d], positions[3 * i + d]);
                max = Math.Max(max, positions[3 * i + d]);
            }
            // Capped so cell keys fit in a long; clamping merges far cells, which only adds candidates.
            counts[d] = (int)Math.Min(1 << 20, Math.Floor((max - min[d]) / size) + 1);
        }
        var cellOf = new int[n][];
        for (int i = 0; i < n; i++)
        {
            cellOf[i] = new int[3];
            for (int d = 0; d < 3; d++)
                cellOf[i][d] = Math.Min(counts[d] - 1, (int)Math.Floor((positions[3 * i + d] - min[d]) / size));
        }
        return new CellList(cellOf, counts, periodic: false);
    }

    /// <summary>
    /// Periodic box: a whole number of cells per axis, each at least r wide. Returns null when an
    /// axis holds fewer than 3 cells (the neighbour cells would repeat); callers then scan all pairs.
    /// positions: [nodes, 3] wrapped into the box.
    /// </summary>
    public static CellList? Periodic(double[] wrapped, double[] box, double radius)
    {
        int n = wrapped.Length / 3;
        var counts = new int[3];
        for (int d = 0; d < 3; d++)
        {
            counts[d] = (int)Math.Min(1 << 20, Math.Floor(box[d] / (radius * Margin)));
            if (counts[d] < 3) return null;
        }
        var cellOf = new int[n][];
        for (int i = 0; i < n; i++)
        {
            cellOf[i] = new int[3];
            for (int d = 0; d < 3; d++)
                cellOf[i][d] = Math.Min(counts[d] - 1, (int)Math.Floor(wrapped[3 * i + d] / (box[d] / counts[d])));
        }
        return new CellList(cellOf, counts, periodic: true);
    }

    /// <summary>Appends the nodes of the 27 cells around node i's cell (itself included).</summary>
    public void AddCandidates(int i, List<int> candidates)
    {
        int[] c = cellOf[i];
        for (int dx = -1; dx <= 1; dx++)
            for (int dy = -1; dy <= 1; dy++)
                for (int dz = -1; dz <= 1; dz++)
                {
                    int x = c[0] + dx, y = c[1] + dy, z = c[2] + dz;
                    if (periodic)
                    {
                        x = (x + counts[0]) % counts[0];
                        y = (y + counts[1]) % counts[1];
                        z = (z + counts[2]) % counts[2];
                    }
                    if (members.TryGetValue(Key(x, y, z), out List<int>? list)) candidates.AddRange(list);
                }
    }

    // Out-of-range cells (open boundaries) get keys no node has, since every coordinate is at least -1.
    private long Key(int x, int y, int z) => ((long)(x + 1) * (counts[1] + 2) + (y + 1)) * (counts[2] + 2) + (z + 1);
}
