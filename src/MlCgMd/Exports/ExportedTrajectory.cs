namespace MlCgMd.Exports;

/// <summary>
/// One trajectory as the viewer writers need it: particle names, types and bonds, frames in σ,
/// and the time of each frame.
/// </summary>
/// <param name="Name">File stem, e.g. <c>test_000.rollout</c>.</param>
/// <param name="AtomNames">Name per particle (1–4 characters, no whitespace), e.g. B1 or CB1.</param>
/// <param name="AtomTypes">Type id per particle, 0-based (LAMMPS type = id + 1).</param>
/// <param name="Bonds">0-based particle pairs, [bonds, 2] row-major, each bond once.</param>
/// <param name="Positions">[frames, particles, 3] row-major, σ (LJ units).</param>
/// <param name="MdSteps">[frames] the reference MD step each frame stands for (time = step × <paramref name="MdTimeStep"/>).</param>
/// <param name="MdTimeStep">τ per MD step, or null when the dataset does not record it (then steps count recorded frames).</param>
/// <param name="CubicBox">Edge of the periodic cubic box in σ (electrolyte boxes), or null for open boundaries (chains).</param>
public sealed record ExportedTrajectory(string Name, IReadOnlyList<string> AtomNames, int[] AtomTypes, int[] Bonds,
    float[] Positions, long[] MdSteps, double? MdTimeStep, double? CubicBox = null)
{
    public int AtomCount => AtomNames.Count;

    public int FrameCount => MdSteps.Length;

    /// <summary>Frame <paramref name="index"/> scaled by <paramref name="scale"/>: [particles, 3].</summary>
    public float[] Frame(int index, double scale = 1)
    {
        int size = AtomCount * 3;
        var frame = new float[size];
        for (int i = 0; i < size; i++)
            frame[i] = (float)(Positions[(long)index * size + i] * scale);
        return frame;
    }

    public IEnumerable<float[]> Frames(double scale = 1)
    {
        for (int f = 0; f < FrameCount; f++)
            yield return Frame(f, scale);
    }
}
