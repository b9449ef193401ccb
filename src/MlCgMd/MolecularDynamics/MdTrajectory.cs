namespace MlCgMd.MolecularDynamics;

/// <summary>
/// Production output of one chain. Positions: [FrameCount, BeadCount, 3] row-major, unwrapped,
/// sigma; frame f is at production step (f+1)*RecordEvery. Rg: [RgCount] at steps (r+1)*RgEvery,
/// so Rg[(f+1)*RecordEvery/RgEvery - 1] belongs to frame f. MeanKineticTemperature (epsilon) is
/// null when the producer did not measure it (a LAMMPS run).
/// </summary>
public sealed record MdTrajectory(
    float[] Positions,
    double[] Rg,
    int FrameCount,
    int BeadCount,
    int RecordEvery,
    int RgEvery,
    double TimeStep,
    double? MeanKineticTemperature)
{
    /// <summary>Rg at every recorded frame: [FrameCount].</summary>
    public double[] RgAtFrames()
    {
        int stride = RecordEvery / RgEvery;
        return Enumerable.Range(0, FrameCount).Select(f => Rg[(f + 1) * stride - 1]).ToArray();
    }
}
