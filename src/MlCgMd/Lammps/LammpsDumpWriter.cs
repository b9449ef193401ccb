using System.Globalization;

namespace MlCgMd.Lammps;

/// <summary>
/// Writes a trajectory as a LAMMPS text dump with columns id type xu yu zu (unwrapped), which
/// OVITO, VMD and MDTraj read and <see cref="LammpsDumpReader"/> reads back.
/// </summary>
public static class LammpsDumpWriter
{
    /// <param name="frames">[frameCount, N, 3] row-major, sigma, unwrapped</param>
    /// <param name="types">[N] bead type ids 0..3 (written as LAMMPS types 1..4)</param>
    /// <param name="timesteps">[frameCount] MD step of each frame</param>
    public static void Write(string path, ReadOnlySpan<float> frames, int[] types, long[] timesteps)
    {
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
                double[] low = [double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity];
                double[] high = [double.NegativeInfinity, double.NegativeInfinity, double.NegativeInfinity];
                for (int k = 0; k < 3 * n; k++)
                {
                    low[k % 3] = Math.Min(low[k % 3], data[offset + k]);
                    high[k % 3] = Math.Max(high[k % 3], data[offset + k]);
                }
                w.WriteLine("ITEM: TIMESTEP");
                w.WriteLine(timesteps[f].ToString(c));
                w.WriteLine("ITEM: NUMBER OF ATOMS");
                w.WriteLine(n.ToString(c));
                w.WriteLine("ITEM: BOX BOUNDS ss ss ss");
                for (int d = 0; d < 3; d++)
                    w.WriteLine(string.Format(c, "{0:R} {1:R}", low[d], high[d]));
                w.WriteLine("ITEM: ATOMS id type xu yu zu");
                for (int i = 0; i < n; i++)
                    w.WriteLine(string.Format(c, "{0} {1} {2:R} {3:R} {4:R}", i + 1, types[i] + 1,
                        data[offset + 3 * i], data[offset + 3 * i + 1], data[offset + 3 * i + 2]));
            }
        });
    }
}
