using System.Globalization;
using MlCgMd.Exports;

namespace MlCgMd.Lammps;

/// <summary>
/// Writes a trajectory as a LAMMPS text dump with columns id type xu yu zu (unwrapped), which
/// OVITO, VMD and MDTraj read and <see cref="LammpsDumpReader"/> reads back. A periodic cubic box is
/// written as its bounds 0..L with pp flags; without one the bounds shrink-wrap each frame (ss).
/// </summary>
public static class LammpsDumpWriter
{
    /// <param name="frames">[frameCount, N, 3] row-major, sigma, unwrapped</param>
    /// <param name="types">[N] bead type ids from 0 (written as LAMMPS types from 1)</param>
    /// <param name="timesteps">[frameCount] MD step of each frame</param>
    /// <param name="cubicBox">edge of the periodic cubic box, sigma; null for open boundaries</param>
    public static void Write(string path, ReadOnlySpan<float> frames, int[] types, long[] timesteps, double? cubicBox = null)
    {
        ExportFrame.RequireCubicBox(cubicBox, path);
        int n = types.Length;
        if (n == 0 || frames.Length != (long)timesteps.Length * n * 3)
            throw new ArgumentException($"LAMMPS dump '{path}': frames has {frames.Length} values, expected timesteps ({timesteps.Length}) x N ({n}) x 3.");
        float[] data = frames.ToArray();
        MlCgMd.Data.AtomicFile.WriteText(path, w =>
        {
            var c = CultureInfo.InvariantCulture;
            for (int f = 0; f < timesteps.Length; f++)
            {
                int offset = f * n * 3;
                var (low, high) = cubicBox is { } box ? (new double[3], new[] { box, box, box }) : Extent(data, offset, n);
                w.WriteLine("ITEM: TIMESTEP");
                w.WriteLine(timesteps[f].ToString(c));
                w.WriteLine("ITEM: NUMBER OF ATOMS");
                w.WriteLine(n.ToString(c));
                w.WriteLine(cubicBox is null ? "ITEM: BOX BOUNDS ss ss ss" : "ITEM: BOX BOUNDS pp pp pp");
                for (int d = 0; d < 3; d++)
                    w.WriteLine(string.Format(c, "{0:R} {1:R}", low[d], high[d]));
                w.WriteLine("ITEM: ATOMS id type xu yu zu");
                for (int i = 0; i < n; i++)
                    w.WriteLine(string.Format(c, "{0} {1} {2:R} {3:R} {4:R}", i + 1, types[i] + 1,
                        data[offset + 3 * i], data[offset + 3 * i + 1], data[offset + 3 * i + 2]));
            }
        });
    }

    /// <summary>Smallest and largest coordinate per axis of the frame at <paramref name="offset"/> (shrink-wrapped bounds).</summary>
    private static (double[] Low, double[] High) Extent(float[] data, int offset, int n)
    {
        double[] low = [double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity];
        double[] high = [double.NegativeInfinity, double.NegativeInfinity, double.NegativeInfinity];
        for (int k = 0; k < 3 * n; k++)
        {
            low[k % 3] = Math.Min(low[k % 3], data[offset + k]);
            high[k % 3] = Math.Max(high[k % 3], data[offset + k]);
        }
        return (low, high);
    }
}
