namespace MlCgMd.Data;

/// <summary>
/// Which fields a trajectory folder of one system family carries: the chain data stores
/// <c>position.h5</c> and a radius of gyration per frame; the battery data stores
/// <c>unwrapped_position.h5</c> and no Rg.
/// </summary>
/// <param name="Positions">The field the dynamics read, [frames, particles, 3].</param>
/// <param name="Rgs">The per-frame Rg label, or null when the family has none.</param>
public sealed record TrajectorySchema(string Name, TrajectoryField Positions, TrajectoryField? Rgs)
{
    public static readonly TrajectorySchema Chain = new("chain", TrajectoryField.Position, TrajectoryField.Rgs);
    public static readonly TrajectorySchema Battery = new("battery", TrajectoryField.UnwrappedPosition, null);
}
