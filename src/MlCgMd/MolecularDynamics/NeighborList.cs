namespace MlCgMd.MolecularDynamics;

/// <summary>
/// Verlet half list (each non-excluded pair once, i &lt; j) within the per type-pair cutoff plus
/// skin, built from a cell list and rebuilt when some bead has moved more than half the skin
/// since the last build. Storage is CSR: the neighbours of i are Neighbors[Start[i]..Start[i+1]).
/// All buffers are reused, so a rebuild allocates only when the list outgrows its capacity.
/// </summary>
internal sealed class NeighborList
{
    private const int MaxCellsPerBead = 8;

    private readonly int _count;
    private readonly int[] _types;
    private readonly double[] _listCutoffSquared;
    private readonly double _cellSize;
    private readonly double _halfSkinSquared;
    private readonly SimulationBox _box;
    private readonly int[] _exclusionStart;
    private readonly int[] _exclusions;
    private readonly double[] _reference;
    private readonly int[] _next;
    private readonly int[] _cellOf;
    private int[] _cellHead = [];

    public readonly int[] Start;
    public int[] Neighbors { get; private set; }
    public int BuildCount { get; private set; }

    /// <param name="types">bead types, [N]</param>
    /// <param name="excludedPairs">0-based pairs that never interact through the pair potential</param>
    public NeighborList(int[] types, (int I, int J)[] excludedPairs, PairTable table, double maxCutoff, double skin, SimulationBox box)
    {
        _count = types.Length;
        _types = types;
        _listCutoffSquared = table.ListCutoffSquared;
        _cellSize = maxCutoff + skin;
        _halfSkinSquared = 0.25 * skin * skin;
        _box = box;
        if (box.IsPeriodic && 2 * _cellSize > box.Length)
            throw new ArgumentException($"Periodic box edge {box.Length} is shorter than twice the cutoff plus skin ({2 * _cellSize}); the minimum image would be ambiguous.");
        (_exclusionStart, _exclusions) = BuildExclusions(_count, excludedPairs);
        _reference = new double[3 * _count];
        _next = new int[_count];
        _cellOf = new int[_count];
        Start = new int[_count + 1];
        Neighbors = new int[Math.Max(16, 16 * _count)];
    }

    private static (int[] Start, int[] Partners) BuildExclusions(int count, (int I, int J)[] pairs)
    {
        var start = new int[count + 1];
        foreach (var (i, j) in pairs)
        {
            start[Math.Min(i, j) + 1]++;
        }
        for (int i = 0; i < count; i++)
            start[i + 1] += start[i];
        var partners = new int[start[count]];
        var fill = (int[])start.Clone();
        foreach (var (i, j) in pairs)
            partners[fill[Math.Min(i, j)]++] = Math.Max(i, j);
        return (start, partners);
    }

    /// <summary>True when some bead moved more than skin/2 since the last build. positions: [N*3]</summary>
    public bool NeedsRebuild(double[] positions)
    {
        if (BuildCount == 0)
            return true;
        for (int k = 0; k < 3 * _count; k += 3)
        {
            double dx = positions[k] - _reference[k];
            double dy = positions[k + 1] - _reference[k + 1];
            double dz = positions[k + 2] - _reference[k + 2];
            if (dx * dx + dy * dy + dz * dz > _halfSkinSquared)
                return true;
        }
        return false;
    }

    /// <summary>Rebuilds the list for positions [N*3] (unwrapped).</summary>
    public void Build(double[] positions)
    {
        Array.Copy(positions, _reference, positions.Length);
        BuildCount++;

        // Cell grid: over the box when periodic, over the bounding box of the beads when open.
        double minX, minY, minZ, extentX, extentY, extentZ;
        if (_box.IsPeriodic)
        {
            minX = minY = minZ = 0;
            extentX = extentY = extentZ = _box.Length;
        }
        else
        {
            minX = minY = minZ = double.PositiveInfinity;
            double maxX = double.NegativeInfinity, maxY = double.NegativeInfinity, maxZ = double.NegativeInfinity;
            for (int k = 0; k < 3 * _count; k += 3)
            {
                minX = Math.Min(minX, positions[k]); maxX = Math.Max(maxX, positions[k]);
                minY = Math.Min(minY, positions[k + 1]); maxY = Math.Max(maxY, positions[k + 1]);
                minZ = Math.Min(minZ, positions[k + 2]); maxZ = Math.Max(maxZ, positions[k + 2]);
            }
            if (!double.IsFinite(maxX - minX + maxY - minY + maxZ - minZ))
                throw new InvalidOperationException("A bead position is not finite: the simulation has become unstable.");
            extentX = maxX - minX + 1e-9;
            extentY = maxY - minY + 1e-9;
            extentZ = maxZ - minZ + 1e-9;
        }
        double cell = _cellSize;
        // A stretched open chain would need a huge sparse grid: coarsen cells instead.
        while (CellCount(extentX, cell) * (long)CellCount(extentY, cell) * CellCount(extentZ, cell) > MaxCellsPerBead * (long)_count + 27)
            cell *= 1.26;
        int nx = CellCount(extentX, cell), ny = CellCount(extentY, cell), nz = CellCount(extentZ, cell);
        bool periodicWrap = _box.IsPeriodic && nx >= 3 && ny >= 3 && nz >= 3;
        if (_box.IsPeriodic && !periodicWrap)
            nx = ny = nz = 1;
        int cells = nx * ny * nz;
        if (_cellHead.Length < cells)
            _cellHead = new int[cells];
        Array.Fill(_cellHead, -1, 0, cells);
        double invCellX = nx / extentX, invCellY = ny / extentY, invCellZ = nz / extentZ;
        for (int i = _count - 1; i >= 0; i--)
        {
            int cx = CellIndex(positions[3 * i] - minX, invCellX, nx, extentX);
            int cy = CellIndex(positions[3 * i + 1] - minY, invCellY, ny, extentY);
            int cz = CellIndex(positions[3 * i + 2] - minZ, invCellZ, nz, extentZ);
            int c = (cz * ny + cy) * nx + cx;
            _cellOf[i] = c;
            _next[i] = _cellHead[c];
            _cellHead[c] = i;
        }

        double length = _box.Length;
        int written = 0;
        for (int i = 0; i < _count; i++)
        {
            Start[i] = written;
            int c = _cellOf[i];
            int cx = c % nx, cy = c / nx % ny, cz = c / (nx * ny);
            double xi = positions[3 * i], yi = positions[3 * i + 1], zi = positions[3 * i + 2];
            int rowType = _types[i] * 4;
            int excludedFrom = _exclusionStart[i], excludedTo = _exclusionStart[i + 1];
            int spanX = Math.Min(nx, 3), spanY = Math.Min(ny, 3), spanZ = Math.Min(nz, 3);
            for (int oz = 0; oz < spanZ; oz++)
            {
                int z = NeighbourCell(cz, oz, nz, periodicWrap);
                if (z < 0) continue;
                for (int oy = 0; oy < spanY; oy++)
                {
                    int y = NeighbourCell(cy, oy, ny, periodicWrap);
                    if (y < 0) continue;
                    for (int ox = 0; ox < spanX; ox++)
                    {
                        int x = NeighbourCell(cx, ox, nx, periodicWrap);
                        if (x < 0) continue;
                        for (int j = _cellHead[(z * ny + y) * nx + x]; j >= 0; j = _next[j])
                        {
                            if (j <= i) continue;
                            double dx = positions[3 * j] - xi, dy = positions[3 * j + 1] - yi, dz = positions[3 * j + 2] - zi;
                            if (_box.IsPeriodic)
                            {
                                dx -= length * Math.Round(dx / length);
                                dy -= length * Math.Round(dy / length);
                                dz -= length * Math.Round(dz / length);
                            }
                            if (dx * dx + dy * dy + dz * dz >= _listCutoffSquared[rowType + _types[j]]) continue;
                            if (IsExcluded(j, excludedFrom, excludedTo)) continue;
                            if (written == Neighbors.Length)
                            {
                                int[] grown = new int[2 * Neighbors.Length];
                                Array.Copy(Neighbors, grown, written);
                                Neighbors = grown;
                            }
                            Neighbors[written++] = j;
                        }
                    }
                }
            }
        }
        Start[_count] = written;
    }

    private static int CellCount(double extent, double cell) => Math.Max(1, (int)(extent / cell));

    private static int CellIndex(double offset, double invCell, int n, double extent)
    {
        if (n == 1) return 0;
        double wrapped = offset - extent * Math.Floor(offset / extent);
        return Math.Clamp((int)(wrapped * invCell), 0, n - 1);
    }

    /// <summary>Neighbour cell along one axis for offset 0,1,2 (= -1,0,+1), or -1 outside an open grid.</summary>
    private static int NeighbourCell(int cell, int offset, int n, bool wrap)
    {
        if (n < 3) return offset < n ? offset : -1;
        int c = cell + offset - 1;
        if (wrap) return (c + n) % n;
        return c >= 0 && c < n ? c : -1;
    }

    private bool IsExcluded(int j, int from, int to)
    {
        for (int k = from; k < to; k++)
            if (_exclusions[k] == j) return true;
        return false;
    }
}
