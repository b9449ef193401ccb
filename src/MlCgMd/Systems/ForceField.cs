namespace MlCgMd.Systems;

/// <summary>
/// Force field and thermostat in LJ reduced units (sigma, epsilon, tau, mass): any number of
/// particle types with masses and charges, LJ per type pair, one bond style with any number of
/// bond types, and optionally damped shifted-force Coulomb. Loaded from data/forcefields/*.json
/// (see data/forcefields/README.md for every field).
/// </summary>
public sealed class ForceField
{
    /// <summary>The four bead types of the chain data (B1, B2, S1, S2; mass 1, neutral), the default when a file lists no types.</summary>
    public static readonly IReadOnlyList<ParticleSpecies> ChainSpecies =
        Enum.GetValues<BeadType>().Select(t => new ParticleSpecies(t.ToString(), 1.0, 0.0)).ToArray();

    public string Name { get; }

    /// <summary>Particle types; the type id is the index.</summary>
    public IReadOnlyList<ParticleSpecies> Species { get; }

    public int TypeCount => Species.Count;

    /// <summary>Per unordered type pair; index with <see cref="Pair"/>.</summary>
    private readonly PairParameters[] _pairs;

    /// <summary>Bond types (all of one style); the bond type id is the index, LAMMPS bond type = id + 1.</summary>
    public IReadOnlyList<BondParameters> BondTypes { get; }

    /// <summary>Bond type 0: the one every bond of a chain uses.</summary>
    public BondParameters Bond => BondTypes[0];

    /// <summary>Damped shifted-force Coulomb between charged particles, or null for a neutral force field.</summary>
    public CoulombParameters? Coulomb { get; }

    /// <summary>When true every pair energy is shifted to zero at its cutoff (LAMMPS pair_modify shift yes).</summary>
    public bool ShiftPairEnergy { get; }

    /// <summary>Thermostat temperature kT in epsilon.</summary>
    public double Temperature { get; }

    /// <summary>Langevin damping time (1/friction) in tau.</summary>
    public double Damping { get; }

    /// <summary>MD time step in tau.</summary>
    public double TimeStep { get; }

    /// <summary>Verlet-list skin in sigma (LAMMPS "neighbor" distance).</summary>
    public double NeighborSkin { get; }

    /// <param name="pairs">[types, types], symmetric</param>
    public ForceField(string name, IReadOnlyList<ParticleSpecies> species, PairParameters[,] pairs, IReadOnlyList<BondParameters> bondTypes,
        CoulombParameters? coulomb, bool shiftPairEnergy, double temperature, double damping, double timeStep, double neighborSkin)
    {
        int n = species.Count;
        if (n == 0)
            throw new ArgumentException($"Force field '{name}': it defines no particle types.");
        if (pairs.GetLength(0) != n || pairs.GetLength(1) != n)
            throw new ArgumentException($"Force field '{name}': pair table must be {n}x{n}.");
        if (bondTypes.Count == 0 || bondTypes.Any(b => b.Style != bondTypes[0].Style))
            throw new ArgumentException($"Force field '{name}': it needs at least one bond type, all of one style.");
        _pairs = new PairParameters[n * n];
        for (int a = 0; a < n; a++)
            for (int b = 0; b < n; b++)
            {
                if (pairs[a, b] != pairs[b, a])
                    throw new ArgumentException($"Force field '{name}': pair ({a},{b}) differs from ({b},{a}).");
                _pairs[a * n + b] = pairs[a, b] ?? throw new ArgumentException($"Force field '{name}': pair ({a},{b}) has no parameters.");
            }
        Name = name;
        Species = species;
        BondTypes = bondTypes;
        Coulomb = coulomb;
        ShiftPairEnergy = shiftPairEnergy;
        Temperature = temperature;
        Damping = damping;
        TimeStep = timeStep;
        NeighborSkin = neighborSkin;
    }

    public PairParameters Pair(int typeA, int typeB) => _pairs[typeA * TypeCount + typeB];

    /// <summary>Largest interaction cutoff (LJ pairs and Coulomb), in sigma.</summary>
    public double MaxCutoff => Math.Max(_pairs.Max(p => p.Cutoff), Coulomb?.Cutoff ?? 0.0);

    /// <summary>Largest LJ pair cutoff, in sigma (LAMMPS's global lj cutoff).</summary>
    public double MaxPairCutoff => _pairs.Max(p => p.Cutoff);

    /// <summary>Whether any type carries a charge.</summary>
    public bool IsCharged => Species.Any(s => s.Charge != 0.0);

    /// <summary>A copy in which the unordered pair (a, b) has <paramref name="parameters"/>.</summary>
    public ForceField WithPair(int a, int b, PairParameters parameters)
    {
        int n = TypeCount;
        var table = new PairParameters[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                table[i, j] = Pair(i, j);
        table[a, b] = table[b, a] = parameters;
        return new ForceField(Name, Species, table, BondTypes, Coulomb, ShiftPairEnergy, Temperature, Damping, TimeStep, NeighborSkin);
    }

    /// <summary>The id of the type called <paramref name="name"/>, or -1.</summary>
    public int TypeId(string name)
    {
        for (int t = 0; t < Species.Count; t++)
            if (Species[t].Name == name) return t;
        return -1;
    }
}
