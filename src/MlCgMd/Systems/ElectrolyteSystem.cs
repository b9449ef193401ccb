namespace MlCgMd.Systems;

/// <summary>
/// Builds the topology of one electrolyte composition. Particle order, which the official battery
/// loader relies on (ions last, each Li its own CG bead): the chains (bead k of chain c at
/// c * ChainLength + k), then the anions (An then X of each), then the Li+ ions. Molecule ids
/// follow the same order (chains, anions, then each Li its own molecule). Bond type 0 joins
/// backbone neighbours, bond type 1 the two beads of an anion. The force field must define
/// the types C, An, X and Li, the composition's solvating type (O by default) and at least two
/// bond types; the composition's Li-solvating well depth replaces the file's.
/// </summary>
public static class ElectrolyteSystem
{
    public static readonly string[] RequiredTypes = ["C", "An", "X", "Li"];

    public static (MolecularSystem System, ForceField ForceField) Build(ElectrolyteComposition composition, ForceField forceField)
    {
        string[] needed = [RequiredTypes[0], composition.SolvatingType, .. RequiredTypes[1..]];
        int[] id = needed.Select(name => forceField.TypeId(name) is var t && t >= 0
            ? t
            : throw new ArgumentException($"Force field '{forceField.Name}' has no type '{name}'; composition '{composition.Name}' needs " +
                                          $"{string.Join(", ", needed)}.")).ToArray();
        (int c, int o, int an, int x, int li) = (id[0], id[1], id[2], id[3], id[4]);
        if (forceField.BondTypes.Count < 2)
            throw new ArgumentException($"Force field '{forceField.Name}' defines {forceField.BondTypes.Count} bond type(s); an electrolyte needs 2 (backbone, anion).");

        double reach = 2 * (forceField.MaxCutoff + forceField.NeighborSkin);
        if (composition.BoxLength < reach)
            throw new ArgumentException(
                $"Composition '{composition.Name}': its box edge {composition.BoxLength:G4} sigma ({composition.ParticleCount} particles at density " +
                $"{composition.Density}) is shorter than 2 x (largest cutoff {forceField.MaxCutoff} + skin {forceField.NeighborSkin}) = {reach:G4} sigma; " +
                "use more chains or ions, or a force field with shorter cutoffs.");
        int n = composition.ParticleCount;
        var types = new int[n];
        var molecules = new int[n];
        var bonds = new List<(int, int)>();
        var bondTypes = new List<int>();
        int p = 0, molecule = 0;
        for (int chain = 0; chain < composition.Chains; chain++, molecule++)
            for (int k = 0; k < composition.ChainLength; k++, p++)
            {
                types[p] = composition.IsSolvating(k) ? o : c;
                molecules[p] = molecule;
                if (k > 0) { bonds.Add((p - 1, p)); bondTypes.Add(0); }
            }
        for (int a = 0; a < composition.IonPairs; a++, molecule++)
        {
            types[p] = an; types[p + 1] = x;
            molecules[p] = molecules[p + 1] = molecule;
            bonds.Add((p, p + 1)); bondTypes.Add(1);
            p += 2;
        }
        for (int i = 0; i < composition.IonPairs; i++, molecule++, p++)
        {
            types[p] = li;
            molecules[p] = molecule;
        }
        double[] masses = types.Select(t => forceField.Species[t].Mass).ToArray();
        double[] charges = types.Select(t => forceField.Species[t].Charge).ToArray();
        var system = new MolecularSystem(composition.Name, types, bonds.ToArray(), bondTypes.ToArray(), masses, charges, molecules);
        if (Math.Abs(system.NetCharge) > 1e-9)
            throw new ArgumentException($"Composition '{composition.Name}' with force field '{forceField.Name}' has net charge {system.NetCharge:G6}; expected a neutral box (An and Li charges must cancel).");
        PairParameters liO = forceField.Pair(li, o);
        return (system, forceField.WithPair(li, o, liO with { Epsilon = composition.LiSolvatingEpsilon }));
    }
}
