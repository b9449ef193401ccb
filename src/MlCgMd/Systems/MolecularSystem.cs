namespace MlCgMd.Systems;

/// <summary>
/// Topology of a system of molecules for the MD engine: the type, mass, charge and molecule of
/// every particle, and the bonds with their bond types. Bonded pairs are excluded from the pair
/// potentials (LJ and Coulomb); the force field's type and bond-type ids index into it.
/// </summary>
public class MolecularSystem
{
    /// <summary>Name used in dataset folders and file headers, e.g. "train_007".</summary>
    public string Name { get; }

    /// <summary>Type ids (index into the force field's species); length N.</summary>
    public int[] Types { get; }

    /// <summary>Bonds as 0-based particle index pairs (i &lt; j or any order); length B.</summary>
    public (int I, int J)[] Bonds { get; }

    /// <summary>Bond type id of every bond (index into the force field's bond types); length B.</summary>
    public int[] BondTypes { get; }

    /// <summary>Masses in LJ mass units; length N.</summary>
    public double[] Masses { get; }

    /// <summary>Charges in elementary charges; length N.</summary>
    public double[] Charges { get; }

    /// <summary>0-based molecule id of every particle (LAMMPS molecule id + 1); length N.</summary>
    public int[] Molecules { get; }

    public int BeadCount => Types.Length;

    public MolecularSystem(string name, int[] types, (int I, int J)[] bonds, int[] bondTypes, double[] masses, double[] charges,
                           int[] molecules)
    {
        int n = types.Length;
        if (masses.Length != n || charges.Length != n || molecules.Length != n)
            throw new ArgumentException(
                $"System '{name}': types has {n} entries but masses {masses.Length}, charges {charges.Length}, molecules {molecules.Length}.");
        if (bondTypes.Length != bonds.Length)
            throw new ArgumentException($"System '{name}': {bonds.Length} bonds but {bondTypes.Length} bond types.");
        foreach (var (i, j) in bonds)
            if (i < 0 || j < 0 || i >= n || j >= n || i == j)
                throw new ArgumentException($"System '{name}': bond ({i},{j}) does not join two distinct beads of {n}.");
        for (int i = 0; i < n; i++)
            if (!(masses[i] > 0) || !double.IsFinite(masses[i]) || !double.IsFinite(charges[i]))
                throw new ArgumentException($"System '{name}': particle {i} has mass {masses[i]} and charge {charges[i]}; expected a positive mass and a finite charge.");
        Name = name;
        Types = types;
        Bonds = bonds;
        BondTypes = bondTypes;
        Masses = masses;
        Charges = charges;
        Molecules = molecules;
    }

    /// <summary>Total charge in elementary charges.</summary>
    public double NetCharge => Charges.Sum();

    /// <summary>Refuses a system whose type or bond-type ids the force field does not define.</summary>
    public void CheckAgainst(ForceField forceField)
    {
        for (int i = 0; i < BeadCount; i++)
            if (Types[i] < 0 || Types[i] >= forceField.TypeCount)
                throw new ArgumentException($"System '{Name}': particle {i} has type {Types[i]}, but force field '{forceField.Name}' defines types 0..{forceField.TypeCount - 1}.");
        for (int b = 0; b < BondTypes.Length; b++)
            if (BondTypes[b] < 0 || BondTypes[b] >= forceField.BondTypes.Count)
                throw new ArgumentException($"System '{Name}': bond {b} has type {BondTypes[b]}, but force field '{forceField.Name}' defines bond types 0..{forceField.BondTypes.Count - 1}.");
        if (forceField.Coulomb is null && Charges.Any(q => q != 0))
            throw new ArgumentException($"System '{Name}': particles carry charges, but force field '{forceField.Name}' has no Coulomb section.");
        // Bonded pairs are left out of Coulomb here; LAMMPS (special_bonds coul 0) would subtract their bare 1/r instead.
        foreach (var (i, j) in Bonds)
            if (Charges[i] != 0 && Charges[j] != 0)
                throw new ArgumentException($"System '{Name}': bonded particles {i} and {j} are both charged; bonded pairs are excluded from Coulomb, so a molecule's charged beads may not be bonded to each other.");
    }
}
