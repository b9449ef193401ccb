using MlCgMd.Systems;

namespace MlCgMd.MolecularDynamics;

/// <summary>
/// Starting positions for a chain: a self-avoiding random walk over the bond tree. Each bead is
/// put one bond length from its bonded predecessor, in a random direction that keeps it at least
/// <see cref="MinimumSeparation"/> from every bead placed so far, so the first forces are moderate.
/// A walk that traps itself starts again (up to <see cref="Restarts"/> times, as it always has, so every chain
/// that started this way keeps its start); long chains, where nearly every walk traps itself somewhere (a
/// 10,000-bead chain with side beads, as the cost-growth benchmark builds it, did in all 50), then walk once more stepping back <see cref="BacktrackBeads"/> beads at each trap.
/// </summary>
public static class InitialConformation
{
    public const double BondLength = 0.97;
    public const double MinimumSeparation = 0.9;
    private const int AttemptsPerBead = 500;
    private const int Restarts = 50;
    public const int BacktrackBeads = 20;
    private const int BacktracksPerBead = 10;

    /// <summary>Positions [N*3] in sigma, centred near the origin.</summary>
    public static double[] RandomWalk(PolymerSystem system, ulong seed)
    {
        int[] parent = Parents(system);
        var random = new GaussianRandom(seed);
        for (int attempt = 0; attempt < Restarts; attempt++)
            if (TryWalk(parent, random, backtracks: 0) is { } positions)
                return positions;
        return TryWalk(parent, random, backtracks: BacktracksPerBead * parent.Length)
               ?? throw new InvalidOperationException(
                   $"System '{system.Name}': no self-avoiding start found after {Restarts} restarts and a walk that stepped back " +
                   $"{BacktrackBeads} beads up to {BacktracksPerBead * parent.Length} times.");
    }

    private static int[] Parents(PolymerSystem system)
    {
        var parent = new int[system.BeadCount];
        Array.Fill(parent, -1);
        foreach (var (i, j) in system.Bonds)
        {
            int later = Math.Max(i, j), earlier = Math.Min(i, j);
            if (parent[later] < 0) parent[later] = earlier;
        }
        for (int i = 1; i < parent.Length; i++)
            if (parent[i] < 0)
                throw new ArgumentException($"System '{system.Name}': bead {i} is not bonded to any earlier bead; a random walk needs a connected chain in bond order.");
        return parent;
    }

    /// <param name="backtracks">times a trapped walk may remove its last <see cref="BacktrackBeads"/> beads and go on; 0: give up at the first trap</param>
    private static double[]? TryWalk(int[] parent, GaussianRandom random, int backtracks)
    {
        int n = parent.Length;
        var positions = new double[3 * n];
        var grid = new Dictionary<(int, int, int), List<int>>();
        Insert(grid, positions, 0);
        for (int i = 1; i < n; i++)
        {
            bool placed = false;
            for (int attempt = 0; attempt < AttemptsPerBead && !placed; attempt++)
            {
                double gx = random.NextGaussian(), gy = random.NextGaussian(), gz = random.NextGaussian();
                double norm = Math.Sqrt(gx * gx + gy * gy + gz * gz);
                int p = parent[i];
                positions[3 * i] = positions[3 * p] + BondLength * gx / norm;
                positions[3 * i + 1] = positions[3 * p + 1] + BondLength * gy / norm;
                positions[3 * i + 2] = positions[3 * p + 2] + BondLength * gz / norm;
                placed = IsClear(grid, positions, i, p);
            }
            if (!placed)
            {
                if (backtracks-- <= 0) return null;
                // Beads are placed in index order and every parent comes before its child, so removing the last
                // beads leaves a valid partial walk to continue from.
                int back = Math.Min(BacktrackBeads, i - 1);
                for (int j = i - 1; j >= i - back; j--) Remove(grid, positions, j);
                i -= back + 1;
                continue;
            }
            Insert(grid, positions, i);
        }
        return positions;
    }

    private static (int, int, int) Cell(double[] positions, int i) =>
        ((int)Math.Floor(positions[3 * i]), (int)Math.Floor(positions[3 * i + 1]), (int)Math.Floor(positions[3 * i + 2]));

    private static void Insert(Dictionary<(int, int, int), List<int>> grid, double[] positions, int i)
    {
        var cell = Cell(positions, i);
        if (!grid.TryGetValue(cell, out var members))
            grid[cell] = members = [];
        members.Add(i);
    }

    private static void Remove(Dictionary<(int, int, int), List<int>> grid, double[] positions, int i) =>
        grid[Cell(positions, i)].Remove(i);

    private static bool IsClear(Dictionary<(int, int, int), List<int>> grid, double[] positions, int i, int parent)
    {
        var (cx, cy, cz) = Cell(positions, i);
        for (int dx = -1; dx <= 1; dx++)
            for (int dy = -1; dy <= 1; dy++)
                for (int dz = -1; dz <= 1; dz++)
                {
                    if (!grid.TryGetValue((cx + dx, cy + dy, cz + dz), out var members)) continue;
                    foreach (int j in members)
                    {
                        if (j == parent) continue;
                        double ex = positions[3 * i] - positions[3 * j], ey = positions[3 * i + 1] - positions[3 * j + 1], ez = positions[3 * i + 2] - positions[3 * j + 2];
                        if (ex * ex + ey * ey + ez * ez < MinimumSeparation * MinimumSeparation) return false;
                    }
                }
        return true;
    }
}
