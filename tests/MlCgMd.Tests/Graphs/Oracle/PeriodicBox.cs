namespace MlCgMd.Tests.Graphs;

/// <summary>Periodic orthorhombic boxes: wrapping and the minimum image (official <c>wrap_positions</c>, half-box rule).</summary>
public static class PeriodicBox
{
    /// <summary>Positions [nodes, 3] mapped into [0, L) per axis. box: [3] edge lengths.</summary>
    public static double[] Wrap(ReadOnlySpan<double> positions, ReadOnlySpan<double> box)
    {
        CheckBox(box);
        var wrapped = new double[positions.Length];
        for (int k = 0; k < positions.Length; k++)
        {
            double length = box[k % 3];
            double w = positions[k] - length * Math.Floor(positions[k] / length);
            // Rounding can land a tiny negative coordinate exactly on L.
            wrapped[k] = w >= length ? 0 : w;
        }
        return wrapped;
    }

    /// <summary>
    /// The official half-box rule for a difference of wrapped coordinates, d ∈ (−L, L):
    /// d − L if d &gt; L/2, d + L if d &lt; −L/2, else d.
    /// </summary>
    public static double MinimumImage(double d, double length) =>
        d > 0.5 * length ? d - length : d < -0.5 * length ? d + length : d;

    internal static void CheckBox(ReadOnlySpan<double> box)
    {
        if (box.Length != 3)
            throw new ArgumentException($"box: expected [3] edge lengths, got length {box.Length}", nameof(box));
        for (int d = 0; d < 3; d++)
            if (!(box[d] > 0) || double.IsInfinity(box[d]))
                throw new ArgumentException($"box: edge length {d} is {box[d]}; lengths must be positive and finite", nameof(box));
    }
}
