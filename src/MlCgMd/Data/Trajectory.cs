namespace MlCgMd.Data;

/// <summary>A whole trajectory as one folder of the original dataset holds it.</summary>
/// <param name="Positions">Coordinates, [frames, particles, 3] row-major.</param>
/// <param name="Rgs">Radius of gyration per frame, [frames]; null for systems without the label.</param>
/// <param name="Lattices">Box lengths per frame, [frames, 3]; null when not stored.</param>
public sealed record Trajectory(int FrameCount, TrajectoryTopology Topology, float[] Positions,
    double[]? Rgs = null, float[]? Lattices = null)
{
    public int ParticleCount => Topology.ParticleCount;

    /// <summary>Coordinates of one frame, [particles, 3].</summary>
    public ReadOnlySpan<float> Frame(int frame) =>
        Positions.AsSpan(frame * ParticleCount * 3, ParticleCount * 3);
}
