namespace MlCgMd.Systems;

/// <summary>
/// One particle type of a force field: its name (used in pair entries and exports), mass (LJ mass
/// units) and charge (elementary charges). The type id is its index in <see cref="ForceField.Species"/>;
/// LAMMPS type = id + 1.
/// </summary>
public sealed record ParticleSpecies(string Name, double Mass, double Charge);
