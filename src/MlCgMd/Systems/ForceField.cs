namespace MlCgMd.Systems;

/// <summary>
/// Force field and thermostat of the polymer family in LJ reduced units (sigma, epsilon, tau, mass).
/// Loaded from data/forcefields/*.json (see data/forcefields/README.md for every field).
/// </summary>
public sealed class ForceField
{
    public const int TypeCount = 4;

    public string Name { get; }

    /// <summary>Per unordered type pair; index with <see cref="Pair"/>.</summary>
    private readonly PairParameters[] _pairs;

    public BondParameters Bond { get; }

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

    public ForceField(string name, PairParameters[,] pairs, BondParameters bond, bool shiftPairEnergy,
        double temperature, double damping, double timeStep, double neighborSkin)
    {
        if (pairs.GetLength(0) != TypeCount || pairs.GetLength(1) != TypeCount)
            throw new ArgumentException($"Force field '{name}': pair table must be {TypeCount}x{TypeCount}.");
        _pairs = new PairParameters[TypeCount * TypeCount];
        for (int a = 0; a < TypeCount; a++)
            for (int b = 0; b < TypeCount; b++)
            {
                if (pairs[a, b] != pairs[b, a])
                    throw new ArgumentException($"Force field '{name}': pair ({a},{b}) differs from ({b},{a}).");
                _pairs[a * TypeCount + b] = pairs[a, b] ?? throw new ArgumentException($"Force field '{name}': pair ({a},{b}) has no parameters.");
            }
        Name = name;
        Bond = bond;
        ShiftPairEnergy = shiftPairEnergy;
        Temperature = temperature;
        Damping = damping;
        TimeStep = timeStep;
        NeighborSkin = neighborSkin;
    }

    public PairParameters Pair(int typeA, int typeB) => _pairs[typeA * TypeCount + typeB];

    /// <summary>Largest pair cutoff, in sigma.</summary>
    public double MaxCutoff => _pairs.Max(p => p.Cutoff);
}
