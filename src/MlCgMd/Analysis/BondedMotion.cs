using System.Text.Json.Serialization;

namespace MlCgMd.Analysis;

/// <summary>
/// How CG bonds behave along a trajectory (unwrapped positions): the mean bond length over all frames, and over
/// one step of <c>stride</c> frames the correlation of the two bonded beads' displacements,
/// Σ Δx_i·Δx_j / Σ (|Δx_i|² + |Δx_j|²)/2 over bonds and steps, with the mean square change of the bond vector.
/// In MD bonded beads move together; a simulator that samples each bead's displacement independently
/// has a correlation near 0, so its bond vectors change faster than the reference's.
/// </summary>
public sealed record BondedMotion
{
    [JsonPropertyName("bonds")] public required int Bonds { get; init; }
    /// <summary>Steps of <c>stride</c> frames the displacement statistics average over.</summary>
    [JsonPropertyName("steps")] public required int Steps { get; init; }
    [JsonPropertyName("mean_bond_length")] public required double MeanBondLength { get; init; }
    [JsonPropertyName("displacement_correlation")] public required double DisplacementCorrelation { get; init; }
    [JsonPropertyName("bond_change_mean_square")] public required double BondChangeMeanSquare { get; init; }

    /// <param name="positions">[frames, beads, 3] row-major, unwrapped</param>
    /// <param name="bondPairs">CG bonds as (i, j) pairs, row-major; each bond may appear in both directions (counted once)</param>
    /// <param name="stride">frames per step of the displacement statistics</param>
    /// <returns>null without bonds or without one step of <paramref name="stride"/> frames</returns>
    public static BondedMotion? Measure(ReadOnlySpan<float> positions, int frames, int beads, int[] bondPairs, int stride)
    {
        if (stride < 1) throw new ArgumentOutOfRangeException(nameof(stride), stride, "the step must be at least one frame");
        if (positions.Length != (long)frames * beads * 3)
            throw new ArgumentException($"positions hold {positions.Length} values, expected frames ({frames}) x beads ({beads}) x 3");
        var bonds = new List<(int I, int J)>();
        for (int b = 0; b < bondPairs.Length; b += 2)
            if (bondPairs[b] < bondPairs[b + 1]) bonds.Add((bondPairs[b], bondPairs[b + 1]));
        int steps = frames > stride ? (frames - 1) / stride : 0;
        if (bonds.Count == 0 || steps == 0) return null;

        double lengthSum = 0;
        for (int f = 0; f < frames; f++)
            foreach (var (i, j) in bonds)
                lengthSum += Math.Sqrt(SquaredDistance(positions, f, i, j, beads));

        double cross = 0, own = 0, change = 0;
        for (int s = 0; s < steps; s++)
        {
            int from = s * stride, to = from + stride;
            foreach (var (i, j) in bonds)
                for (int d = 0; d < 3; d++)
                {
                    double di = positions[(to * beads + i) * 3 + d] - positions[(from * beads + i) * 3 + d];
                    double dj = positions[(to * beads + j) * 3 + d] - positions[(from * beads + j) * 3 + d];
                    cross += di * dj;
                    own += 0.5 * (di * di + dj * dj);
                    change += (di - dj) * (di - dj);
                }
        }
        long samples = (long)steps * bonds.Count;
        return new BondedMotion
        {
            Bonds = bonds.Count,
            Steps = steps,
            MeanBondLength = lengthSum / ((long)frames * bonds.Count),
            DisplacementCorrelation = own > 0 ? cross / own : double.NaN,
            BondChangeMeanSquare = change / samples,
        };
    }

    /// <summary>|x_i − x_j|² in frame <paramref name="f"/>.</summary>
    private static double SquaredDistance(ReadOnlySpan<float> x, int f, int i, int j, int beads)
    {
        double sum = 0;
        for (int d = 0; d < 3; d++)
        {
            double delta = x[(f * beads + i) * 3 + d] - x[(f * beads + j) * 3 + d];
            sum += delta * delta;
        }
        return sum;
    }
}
