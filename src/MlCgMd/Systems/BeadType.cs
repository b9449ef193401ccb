namespace MlCgMd.Systems;

/// <summary>
/// The four bead types of the original dataset, with the original's integer ids (ptype.h5).
/// A monomer is one backbone bead carrying one pendant side-chain bead: monomer "A" is B1+S1,
/// monomer "B" is B2+S2. Which types attract each other is decided by the force field file.
/// </summary>
public enum BeadType
{
    B1 = 0,
    B2 = 1,
    S1 = 2,
    S2 = 3,
}
