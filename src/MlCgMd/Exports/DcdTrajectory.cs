namespace MlCgMd.Exports;

/// <summary>Frames read from a CHARMM/NAMD DCD file.</summary>
/// <param name="Frames">Coordinates per frame, each [atoms, 3] row-major (float32, exact).</param>
/// <param name="BoxLengths">Unit cell edge lengths (A, B, C) per frame, or null when the file stores no cell.</param>
/// <param name="TimeStep">The header's DELTA (time between MD steps, in the writer's units).</param>
public sealed record DcdTrajectory(int AtomCount, IReadOnlyList<float[]> Frames, IReadOnlyList<double[]>? BoxLengths,
    IReadOnlyList<string> Titles, int FirstStep, int StepsPerFrame, float TimeStep);
