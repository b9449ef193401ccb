namespace MlCgMd.Simulation;

/// <summary>
/// Checks one system's new CG positions: non-finite values, bead collisions, over-stretched bonds.
/// Positions are unwrapped, so a CG bond is the plain distance of its beads (a minimum image would fold a bond
/// torn past half the box back inside it: rollouts of electrolyte boxes kept running with bonds of 12 σ in an
/// 11 σ box); collisions between non-bonded beads use the minimum image in a periodic box.
/// </summary>
public sealed class StabilityMonitor(StabilityThresholds thresholds)
{
    public StabilityThresholds Thresholds { get; } = thresholds;

    /// <summary>The reason this frame fails, or null when it is sound.</summary>
    /// <param name="positions">[beads, 3] CG positions of one system</param>
    /// <param name="cgBonds">[bonds, 2] bead pairs (local indices)</param>
    /// <param name="box">[3] cubic box edge lengths of a periodic system; empty for open boundaries</param>
    public string? Check(ReadOnlySpan<float> positions, ReadOnlySpan<int> cgBonds, ReadOnlySpan<float> box = default)
    {
        foreach (float v in positions)
            if (!float.IsFinite(v)) return "non-finite position";
        for (int b = 0; b < cgBonds.Length; b += 2)
        {
            int i = cgBonds[b], j = cgBonds[b + 1];
            double length = StabilityThresholds.Distance(positions, i, j, default);
            if (length > Thresholds.MaxBondLength)
                return $"bond {i}-{j} stretched to {length:G4} (limit {Thresholds.MaxBondLength:G4})";
        }
        foreach (var (i, j, d) in CollidingPairs(positions, cgBonds, box, firstOnly: true))
            return $"beads {i} and {j} collided at distance {d:G4} (limit {Thresholds.CollisionDistance:G4})";
        return null;
    }

    /// <summary>Number of non-bonded bead pairs closer than the collision distance.</summary>
    public int CountCollisions(ReadOnlySpan<float> positions, ReadOnlySpan<int> cgBonds, ReadOnlySpan<float> box = default) =>
        CollidingPairs(positions, cgBonds, box, firstOnly: false).Count;

    /// <summary>
    /// Collisions only (the monitor's rule: non-bonded pairs closer than <paramref name="collisionDistance"/>, minimum
    /// image in a periodic box): the number of saved frames of [frames, beads, 3] <paramref name="positions"/> with one or more.
    /// </summary>
    public static int FramesWithCollisions(ReadOnlySpan<float> positions, int frames, ReadOnlySpan<int> cgBonds, double collisionDistance,
                                           ReadOnlySpan<float> box = default)
    {
        var monitor = new StabilityMonitor(new StabilityThresholds(collisionDistance, double.PositiveInfinity));
        int size = frames == 0 ? 0 : positions.Length / frames, count = 0;
        for (int f = 0; f < frames; f++)
            if (monitor.CollidingPairs(positions.Slice(f * size, size), cgBonds, box, firstOnly: true).Count > 0) count++;
        return count;
    }

    /// <summary>Non-bonded pairs (i &lt; j) closer than the collision distance, in (i, j) order.</summary>
    private List<(int I, int J, double Distance)> CollidingPairs(ReadOnlySpan<float> positions, ReadOnlySpan<int> cgBonds,
                                                                 ReadOnlySpan<float> box, bool firstOnly)
    {
        HashSet<(int, int)> bonded = StabilityThresholds.BondedPairs(cgBonds);
        var pairs = new List<(int, int, double)>();
        int m = positions.Length / 3;
        for (int i = 0; i < m; i++)
            for (int j = i + 1; j < m; j++)
            {
                if (bonded.Contains((i, j))) continue;
                double d = StabilityThresholds.Distance(positions, i, j, box);
                if (d >= Thresholds.CollisionDistance) continue;
                pairs.Add((i, j, d));
                if (firstOnly) return pairs;
            }
        return pairs;
    }
}
