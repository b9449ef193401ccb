namespace MlCgMd.SystemKinds;

/// <summary>What weights the particles in centres of mass and CG bead weights (the official <c>use_atom_mass</c>).</summary>
public enum WeightRule
{
    /// <summary>Every particle weighs 1 (the chain: a CG bead's weight is its bead count).</summary>
    Unit,

    /// <summary>
    /// Particle masses: <c>mass.h5</c> when the trajectory stores it (data in LJ units, without atomic
    /// numbers), else the atomic mass of the atomic number in <c>ptype.h5</c> (the official battery data).
    /// </summary>
    Masses,
}
