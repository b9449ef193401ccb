namespace MlCgMd.Exports;

/// <summary>Models read from a PDB file.</summary>
/// <param name="Names">Atom name per atom, from the first model.</param>
/// <param name="Frames">Coordinates per MODEL, each [atoms, 3] row-major, 3 decimals.</param>
/// <param name="Bonds">0-based atom index pairs from CONECT records, [bonds, 2] row-major, each bond once.</param>
/// <param name="CubicBox">Edge length when CRYST1 describes a cube, else null.</param>
public sealed record PdbTrajectory(IReadOnlyList<string> Names, IReadOnlyList<float[]> Frames, int[] Bonds, double? CubicBox);
