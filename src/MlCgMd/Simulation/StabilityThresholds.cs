using MlCgMd.Batching;

namespace MlCgMd.Simulation;

/// <summary>
/// When a rollout counts as failed: two CG beads closer than <see cref="CollisionDistance"/>
/// (a "bead collision"), or a CG bond longer than <see cref="MaxBondLength"/>. Defaults come
/// from the reference MD of the same systems and lie outside anything the reference does:
/// half the closest approach of any two non-bonded CG beads in the reference frames, and 1.5×
/// the longest CG bond. (A quantile threshold would stop even a perfect simulator: the
/// reference itself crosses its own 0.1% quantile once per thousand frames, and a rollout of
/// thousands of steps would be cut short for configurations the MD visits.) In periodic boxes all
/// distances are minimum-image distances in the box of each frame.
/// </summary>
public sealed record StabilityThresholds(double CollisionDistance, double MaxBondLength)
{
    public const double CollisionFraction = 0.5;
    public const double BondFactor = 1.5;
    /// <summary>
    /// A reference CG bond longer than this many times the reference's median CG bond, or two beads
    /// closer than this fraction of it, is taken for a corrupt frame (it would switch a monitor off)
    /// and refused. Thermal CG bonds stay within about 2.5× their median.
    /// </summary>
    public const double CorruptBondFactor = 5;
    public const double CoincidentFraction = 1e-6;

    /// <summary>Measures the reference CG geometry over up to <paramref name="framesPerSystem"/> evenly spaced frames.</summary>
    public static StabilityThresholds FromReference(IReadOnlyList<CgSystem> systems, int framesPerSystem = 2000)
    {
        double closestApproach = double.PositiveInfinity;
        double longestBond = 0;
        var bondLengths = new List<double>();
        (string System, int Frame, int I, int J) longestAt = default, closestAt = default;
        foreach (CgSystem system in systems)
        {
            int frames = Math.Min(framesPerSystem, system.FrameCount);
            int stride = Math.Max(1, system.FrameCount / frames);
            float[] fine = system.ReadFrames(0, frames, stride);
            float[] cg = system.Map.CentersOfMass(fine, frames);                       // [frames, beads, 3]
            int m = system.Map.BeadCount;
            HashSet<(int, int)> bonded = BondedPairs(system.Map.CgBonds);
            for (int f = 0; f < frames; f++)
            {
                var x = cg.AsSpan(f * m * 3, m * 3);
                ReadOnlySpan<float> box = system.BoxAt(f * stride);
                for (int i = 0; i < m; i++)
                    for (int j = i + 1; j < m; j++)
                    {
                        // Bonds on the unwrapped positions, as the monitor measures them; other pairs by minimum image.
                        double d = Distance(x, i, j, bonded.Contains((i, j)) ? default : box);
                        // NaN would drop out of Min/Max and switch a monitor off without a word.
                        if (!double.IsFinite(d))
                            throw new InvalidDataException(
                                $"reference system '{system.Name}', frame {f * stride}: CG beads {i} and {j} have non-finite positions; " +
                                "the stability thresholds are taken from the reference, which must be finite");
                        if (bonded.Contains((i, j)))
                        {
                            bondLengths.Add(d);
                            if (d > longestBond) (longestBond, longestAt) = (d, (system.Name, f * stride, i, j));
                        }
                        else if (d < closestApproach) (closestApproach, closestAt) = (d, (system.Name, f * stride, i, j));
                    }
            }
        }
        if (!double.IsFinite(closestApproach))
            throw new InvalidDataException("the reference systems have no non-bonded CG bead pairs to set a collision distance");
        if (bondLengths.Count > 0)
        {
            double median = Analysis.Quantiles.Of(bondLengths, 0.5);
            if (longestBond > CorruptBondFactor * median)
                throw new InvalidDataException(
                    $"reference system '{longestAt.System}', frame {longestAt.Frame}: CG bond {longestAt.I}-{longestAt.J} is " +
                    $"{longestBond:G4} long, {longestBond / median:G3} times the reference's median CG bond ({median:G4}); a frame " +
                    $"like this would set the torn-bond limit out of reach: check the trajectory (at most {CorruptBondFactor}x is accepted)");
            if (closestApproach < CoincidentFraction * median)
                throw new InvalidDataException(
                    $"reference system '{closestAt.System}', frame {closestAt.Frame}: CG beads {closestAt.I} and {closestAt.J} " +
                    $"coincide (distance {closestApproach:G3}); a frame like this would switch the collision check off: check the trajectory");
        }
        return new StabilityThresholds(closestApproach * CollisionFraction,
            longestBond > 0 ? longestBond * BondFactor : double.PositiveInfinity);
    }

    /// <summary>The bonded bead pairs of [bonds, 2] indices as (smaller, larger), whichever direction each bond is listed in.</summary>
    internal static HashSet<(int, int)> BondedPairs(ReadOnlySpan<int> cgBonds)
    {
        var bonded = new HashSet<(int, int)>();
        for (int b = 0; b < cgBonds.Length; b += 2)
            bonded.Add((Math.Min(cgBonds[b], cgBonds[b + 1]), Math.Max(cgBonds[b], cgBonds[b + 1])));
        return bonded;
    }

    /// <summary>|x_i − x_j| of [beads, 3] positions; with a [3] box, the minimum image (half-box rule per axis).</summary>
    internal static double Distance(ReadOnlySpan<float> x, int i, int j, ReadOnlySpan<float> box)
    {
        double dx = x[i * 3] - x[j * 3], dy = x[i * 3 + 1] - x[j * 3 + 1], dz = x[i * 3 + 2] - x[j * 3 + 2];
        if (!box.IsEmpty)
        {
            dx -= box[0] * Math.Round(dx / box[0]);
            dy -= box[1] * Math.Round(dy / box[1]);
            dz -= box[2] * Math.Round(dz / box[2]);
        }
        return Math.Sqrt(dx * dx + dy * dy + dz * dz);
    }
}
