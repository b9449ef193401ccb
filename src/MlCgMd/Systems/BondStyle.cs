namespace MlCgMd.Systems;

/// <summary>Bond potentials, with LAMMPS's definitions so that a LAMMPS run of the same data file is exact.</summary>
public enum BondStyle
{
    /// <summary>LAMMPS bond_style fene: -0.5 K R0^2 ln(1-(r/R0)^2) + 4 eps[(s/r)^12-(s/r)^6] + eps for r &lt; 2^(1/6) s.</summary>
    Fene,

    /// <summary>LAMMPS bond_style harmonic: K (r - r0)^2 (no factor 1/2).</summary>
    Harmonic,
}
