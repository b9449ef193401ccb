namespace MlCgMd.MolecularDynamics;

/// <summary>Mass-weighted radius of gyration (as LAMMPS compute gyration) of unwrapped positions.</summary>
public static class RadiusOfGyration
{
    /// <param name="positions">[N*3] unwrapped, sigma</param>
    /// <param name="masses">[N]</param>
    public static double Compute(ReadOnlySpan<double> positions, ReadOnlySpan<double> masses)
    {
        double total = 0, cx = 0, cy = 0, cz = 0;
        for (int i = 0; i < masses.Length; i++)
        {
            double m = masses[i];
            total += m;
            cx += m * positions[3 * i];
            cy += m * positions[3 * i + 1];
            cz += m * positions[3 * i + 2];
        }
        cx /= total; cy /= total; cz /= total;
        double sum = 0;
        for (int i = 0; i < masses.Length; i++)
        {
            double dx = positions[3 * i] - cx, dy = positions[3 * i + 1] - cy, dz = positions[3 * i + 2] - cz;
            sum += masses[i] * (dx * dx + dy * dy + dz * dz);
        }
        return Math.Sqrt(sum / total);
    }
}
