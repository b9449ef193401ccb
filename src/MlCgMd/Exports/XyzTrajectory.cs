namespace MlCgMd.Exports;

/// <summary>Frames read from an extended XYZ file.</summary>
/// <param name="Names">Species label per atom, from the first frame.</param>
/// <param name="Frames">Coordinates per frame, each [atoms, 3] row-major.</param>
/// <param name="CubicBox">Edge length when the first frame's Lattice is a cube, else null.</param>
public sealed record XyzTrajectory(IReadOnlyList<string> Names, IReadOnlyList<float[]> Frames, double? CubicBox);
