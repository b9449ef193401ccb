using System.Numerics;

namespace MlCgMd.Analysis;

/// <summary>
/// Radius of gyration, Rg^2 = sum_i w_i |x_i - com|^2 / sum_i w_i with com = sum_i w_i x_i / sum_i w_i.
/// The same formula serves the fine chain (unit weights, or atom masses) and the CG beads (weights =
/// the mass or number of fine beads each CG bead holds, as in the official compute_weighted_rgs).
/// Units: the length unit of the positions (Rg) and its square (Rg^2).
/// </summary>
public static class RadiusOfGyration
{
    /// <summary>Rg^2 of one frame.</summary>
    /// <param name="frame">[particles * 3] positions.</param>
    /// <param name="weights">[particles] non-negative weights with a positive sum; empty span = unweighted.</param>
    public static double Squared<T>(ReadOnlySpan<T> frame, ReadOnlySpan<double> weights = default)
        where T : IFloatingPoint<T>
    {
        if (frame.Length == 0 || frame.Length % 3 != 0)
            throw new ArgumentException($"frame has {frame.Length} values; expected [particles * 3] with particles > 0.", nameof(frame));
        int n = frame.Length / 3;
        bool weighted = !weights.IsEmpty;
        if (weighted && weights.Length != n)
            throw new ArgumentException($"weights has {weights.Length} values; expected one per particle ({n}).", nameof(weights));

        double total = 0, cx = 0, cy = 0, cz = 0;
        for (int i = 0; i < n; i++)
        {
            double w = weighted ? weights[i] : 1.0;
            if (w < 0 || double.IsNaN(w))
                throw new ArgumentException($"weights[{i}] = {w}; weights must be non-negative.", nameof(weights));
            total += w;
            cx += w * double.CreateTruncating(frame[3 * i]);
            cy += w * double.CreateTruncating(frame[3 * i + 1]);
            cz += w * double.CreateTruncating(frame[3 * i + 2]);
        }
        if (total <= 0)
            throw new ArgumentException("weights sum to zero; Rg is undefined.", nameof(weights));
        cx /= total; cy /= total; cz /= total;

        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            double w = weighted ? weights[i] : 1.0;
            double dx = double.CreateTruncating(frame[3 * i]) - cx;
            double dy = double.CreateTruncating(frame[3 * i + 1]) - cy;
            double dz = double.CreateTruncating(frame[3 * i + 2]) - cz;
            sum += w * (dx * dx + dy * dy + dz * dz);
        }
        return sum / total;
    }

    /// <summary>Rg of one frame; see <see cref="Squared{T}"/>.</summary>
    public static double Of<T>(ReadOnlySpan<T> frame, ReadOnlySpan<double> weights = default)
        where T : IFloatingPoint<T> => Math.Sqrt(Squared(frame, weights));

    /// <summary>Rg^2 of every frame: returns [frames].</summary>
    /// <param name="weights">[particles] bead weights, or null for unweighted.</param>
    public static double[] SquaredPerFrame(PositionFrames trajectory, double[]? weights = null)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        var result = new double[trajectory.FrameCount];
        for (int f = 0; f < result.Length; f++)
            result[f] = Squared(trajectory.Frame(f), weights);
        return result;
    }

    /// <summary>Rg of every frame: returns [frames].</summary>
    public static double[] PerFrame(PositionFrames trajectory, double[]? weights = null)
    {
        var squared = SquaredPerFrame(trajectory, weights);
        for (int f = 0; f < squared.Length; f++)
            squared[f] = Math.Sqrt(squared[f]);
        return squared;
    }
}
