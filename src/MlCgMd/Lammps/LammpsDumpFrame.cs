namespace MlCgMd.Lammps;

/// <summary>
/// One frame of a LAMMPS text dump, rows sorted by atom id. Columns holds each per-atom column
/// by its dump name (id, type, x, xu, ix, fx, ...), each [AtomCount].
/// </summary>
public sealed record LammpsDumpFrame(long Timestep, int AtomCount, double[] BoxLow, double[] BoxHigh, IReadOnlyDictionary<string, double[]> Columns)
{
    public double[] Column(string name) =>
        Columns.TryGetValue(name, out double[]? values)
            ? values
            : throw new KeyNotFoundException($"Dump frame at step {Timestep} has no column '{name}' (has: {string.Join(", ", Columns.Keys)}).");

    /// <summary>
    /// Unwrapped positions [AtomCount*3]: xu yu zu when dumped, else x y z plus image flags
    /// (ix iy iz) times the box edge, else x y z as they are.
    /// </summary>
    public double[] UnwrappedPositions()
    {
        var positions = new double[3 * AtomCount];
        string[] axes = ["x", "y", "z"];
        for (int d = 0; d < 3; d++)
        {
            double[] values;
            if (Columns.TryGetValue(axes[d] + "u", out double[]? unwrapped))
                values = unwrapped;
            else if (Columns.TryGetValue("i" + axes[d], out double[]? image))
            {
                double edge = BoxHigh[d] - BoxLow[d];
                double[] wrapped = Column(axes[d]);
                values = wrapped.Select((x, i) => x + image[i] * edge).ToArray();
            }
            else
                values = Column(axes[d]);
            for (int i = 0; i < AtomCount; i++)
                positions[3 * i + d] = values[i];
        }
        return positions;
    }

    /// <summary>Three columns (e.g. fx fy fz) interleaved as [AtomCount*3].</summary>
    public double[] Vectors(string xName, string yName, string zName)
    {
        double[] x = Column(xName), y = Column(yName), z = Column(zName);
        var result = new double[3 * AtomCount];
        for (int i = 0; i < AtomCount; i++)
        {
            result[3 * i] = x[i];
            result[3 * i + 1] = y[i];
            result[3 * i + 2] = z[i];
        }
        return result;
    }
}
