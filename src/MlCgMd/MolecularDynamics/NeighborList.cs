namespace MlCgMd.MolecularDynamics;

/// <summary>
/// Verlet half list (each non-excluded pair once) within the per type-pair cutoff plus skin, built
/// from a cell list and rebuilt when some bead has moved more than half the skin since the last
/// build. Beads are counting-sorted by cell so each cell's beads are contiguous, and only half of
/// the 26 neighbour cells are visited. Storage is CSR in that cell order: row r belongs to bead
/// RowOwner[r] and lists its partners Neighbors[RowStart[r]..RowStart[r+1]). All buffers are
/// reused, so a rebuild allocates only when the list outgrows its capacity.
/// </summary>
internal sealed class NeighborList
{
    private const int MaxCellsPerBead = 8;

    /// <summary>Half stencil: the 13 neighbour cells "after" a cell (own cell handled separately).</summary>
    private static readonly (int X, int Y, int Z)[] HalfStencil =
    [
        (1, 0, 0),
        (-1, 1, 0), (0, 1, 0), (1, 1, 0),
        (-1, -1, 1), (0, -1, 1), (1, -1, 1),
        (-1, 0, 1), (0, 0, 1), (1, 0, 1),
        (-1, 1, 1), (0, 1, 1), (1, 1, 1),
    ];

    private readonly int _count;
    private readonly int[] _types;
    private readonly int _typeCount;
    private readonly double[] _listCutoffSquared;
    private readonly double _cellSize;
    private readonly double _halfSkinSquared;
    private readonly SimulationBox _box;
    private readonly int[] _exclusionStart;
    private readonly int[] _exclusions;
    private readonly double[] _reference;
    private readonly int[] _cellOf;
    private readonly double[] _sorted; // [N*3] positions in cell order
    private readonly int[] _sortedType;
    private int[] _cellStart = [];

    public readonly int[] RowOwner;
    public readonly int[] RowStart;
    public int[] Neighbors { get; private set; }
    public int BuildCount { get; private set; }

    /// <param name="types">bead types, [N]</param>
    /// <param name="excludedPairs">0-based pairs that never interact through the pair potential</param>
    public NeighborList(int[] types, (int I, int J)[] excludedPairs, PairTable table, double maxCutoff, double skin, SimulationBox box)
    {
        _count = types.Length;
        _types = types;
        _typeCount = table.TypeCount;
        _listCutoffSquared = table.ListCutoffSquared;
        _cellSize = maxCutoff + skin;
        _halfSkinSquared = 0.25 * skin * skin;
        _box = box;
        if (box.IsPeriodic && 2 * _cellSize > box.Length)
            throw new ArgumentException($"Periodic box edge {box.Length} is shorter than twice the cutoff plus skin ({2 * _cellSize}); the minimum image would be ambiguous.");
        (_exclusionStart, _exclusions) = BuildExclusions(_count, excludedPairs);
        _reference = new double[3 * _count];
        _cellOf = new int[_count];
        _sorted = new double[3 * _count];
        _sortedType = new int[_count];
        RowOwner = new int[_count];
        RowStart = new int[_count + 1];
        Neighbors = new int[Math.Max(16, 16 * _count)];
    }

    private static (int[] Start, int[] Partners) BuildExclusions(int count, (int I, int J)[] pairs)
    {
        var start = new int[count + 1];
        foreach (var (i, j) in pairs)
            start[Math.Min(i, j) + 1]++;
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
        var grid = CellGrid(positions);
        SortByCell(positions, grid);

        int written = 0;
        for (int cz = 0; cz < grid.Nz; cz++)
            for (int cy = 0; cy < grid.Ny; cy++)
                for (int cx = 0; cx < grid.Nx; cx++)
                {
                    int cell = (cz * grid.Ny + cy) * grid.Nx + cx;
                    for (int a = _cellStart[cell]; a < _cellStart[cell + 1]; a++)
                    {
                        RowStart[a] = written;
                        // The own cell: only later beads of it, so each pair appears once.
                        written = Collect(a, a + 1, _cellStart[cell + 1], written);
                        foreach (var (ox, oy, oz) in HalfStencil)
                        {
                            int other = grid.Neighbour(cx + ox, cy + oy, cz + oz);
                            if (other >= 0)
                                written = Collect(a, _cellStart[other], _cellStart[other + 1], written);
                        }
                    }
                }
        RowStart[_count] = written;
    }

    /// <summary>Appends to row a (cell order) the beads of sorted range [from, to) within list range.</summary>
    private unsafe int Collect(int a, int from, int to, int written)
    {
        if (from >= to) return written;
        if (Neighbors.Length - written < to - from)
        {
            int[] grown = new int[Math.Max(2 * Neighbors.Length, written + to - from)];
            Array.Copy(Neighbors, grown, written);
            Neighbors = grown;
        }
        int owner = RowOwner[a];
        bool periodic = _box.IsPeriodic;
        double length = _box.Length;
        fixed (double* x = _sorted, cutoff = _listCutoffSquared)
        fixed (int* type = _sortedType, neighbors = Neighbors, rowOwner = RowOwner)
        {
            double xa = x[3 * a], ya = x[3 * a + 1], za = x[3 * a + 2];
            int row = type[a] * _typeCount;
            for (int b = from; b < to; b++)
            {
                double dx = x[3 * b] - xa, dy = x[3 * b + 1] - ya, dz = x[3 * b + 2] - za;
                if (periodic)
                {
                    dx -= length * Math.Round(dx / length);
                    dy -= length * Math.Round(dy / length);
                    dz -= length * Math.Round(dz / length);
                }
                if (dx * dx + dy * dy + dz * dz >= cutoff[row + type[b]]) continue;
                int partner = rowOwner[b];
                if (IsExcluded(Math.Min(owner, partner), Math.Max(owner, partner))) continue;
                neighbors[written++] = partner;
            }
        }
        return written;
    }

    private bool IsExcluded(int low, int high)
    {
        for (int k = _exclusionStart[low]; k < _exclusionStart[low + 1]; k++)
            if (_exclusions[k] == high) return true;
        return false;
    }

    /// <summary>Counting sort of beads by cell: fills _cellStart, RowOwner, _sorted and _sortedType.</summary>
    private void SortByCell(double[] positions, Grid grid)
    {
        int cells = grid.Nx * grid.Ny * grid.Nz;
        if (_cellStart.Length < cells + 1)
            _cellStart = new int[cells + 1];
        Array.Clear(_cellStart, 0, cells + 1);
        for (int i = 0; i < _count; i++)
        {
            int c = grid.CellOf(positions[3 * i], positions[3 * i + 1], positions[3 * i + 2]);
            _cellOf[i] = c;
            _cellStart[c + 1]++;
        }
        for (int c = 0; c < cells; c++)
            _cellStart[c + 1] += _cellStart[c];
        // Place beads in cell order, keeping bead order within a cell (deterministic).
        for (int i = 0; i < _count; i++)
        {
            int a = _cellStart[_cellOf[i]]++;
            RowOwner[a] = i;
            _sorted[3 * a] = positions[3 * i];
            _sorted[3 * a + 1] = positions[3 * i + 1];
            _sorted[3 * a + 2] = positions[3 * i + 2];
            _sortedType[a] = _types[i];
        }
        for (int c = cells; c > 0; c--)
            _cellStart[c] = _cellStart[c - 1];
        _cellStart[0] = 0;
    }

    private Grid CellGrid(double[] positions)
    {
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
        while (Count(extentX, cell) * (long)Count(extentY, cell) * Count(extentZ, cell) > MaxCellsPerBead * (long)_count + 27)
            cell *= 1.26;
        int nx = Count(extentX, cell), ny = Count(extentY, cell), nz = Count(extentZ, cell);
        bool wrap = _box.IsPeriodic;
        // A periodic box under three cells per edge would visit a cell twice: use one cell (all pairs).
        if (wrap && (nx < 3 || ny < 3 || nz < 3))
            nx = ny = nz = 1;
        return new Grid(nx, ny, nz, minX, minY, minZ, extentX, extentY, extentZ, wrap && nx >= 3);
    }

    private static int Count(double extent, double cell) => Math.Max(1, (int)(extent / cell));

    private readonly record struct Grid(int Nx, int Ny, int Nz, double MinX, double MinY, double MinZ,
        double ExtentX, double ExtentY, double ExtentZ, bool Wrap)
    {
        public int CellOf(double x, double y, double z) =>
            (Index(z - MinZ, ExtentZ, Nz) * Ny + Index(y - MinY, ExtentY, Ny)) * Nx + Index(x - MinX, ExtentX, Nx);

        private static int Index(double offset, double extent, int n)
        {
            if (n == 1) return 0;
            double wrapped = offset - extent * Math.Floor(offset / extent);
            return Math.Clamp((int)(wrapped * n / extent), 0, n - 1);
        }

        /// <summary>Flat index of cell (x, y, z), wrapped when periodic, -1 outside an open grid.</summary>
        public int Neighbour(int x, int y, int z)
        {
            if (Wrap)
            {
                x = (x + Nx) % Nx; y = (y + Ny) % Ny; z = (z + Nz) % Nz;
            }
            else if (x < 0 || y < 0 || z < 0 || x >= Nx || y >= Ny || z >= Nz)
                return -1;
            return (z * Ny + y) * Nx + x;
        }
    }
}
