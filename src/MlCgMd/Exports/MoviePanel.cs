namespace MlCgMd.Exports;

/// <summary>One side of a rollout movie: a trajectory drawn with its own title and bead size.</summary>
/// <param name="BeadRadius">Drawn bead radius, σ.</param>
public sealed record MoviePanel(string Title, ExportedTrajectory Trajectory, double BeadRadius);
