namespace MlCgMd.MolecularDynamics;

/// <summary>
/// Boundary conditions: open (a single chain in implicit solvent, no box at all) or a periodic cube
/// of edge <see cref="Length"/> (sigma) with the minimum-image convention. Positions are always kept
/// unwrapped; only pair distances are folded.
/// </summary>
public readonly record struct SimulationBox(bool IsPeriodic, double Length)
{
    public static SimulationBox Open => new(false, double.PositiveInfinity);

    public static SimulationBox PeriodicCube(double length) =>
        length > 0 && double.IsFinite(length)
            ? new(true, length)
            : throw new ArgumentOutOfRangeException(nameof(length), length, "A periodic box needs a positive finite edge length.");
}
