namespace MlCgMd.Lammps;

/// <summary>How a LAMMPS script treats the Coulomb interaction of a charged force field.</summary>
public enum LammpsElectrostatics
{
    /// <summary>pair_style lj/cut/coul/dsf: the built-in engine's own method, for exact cross-checks.</summary>
    DampedShiftedForce,

    /// <summary>pair_style lj/cut/coul/long + kspace_style pppm: full Ewald-type electrostatics, the accuracy reference.</summary>
    ParticleParticleParticleMesh,
}
