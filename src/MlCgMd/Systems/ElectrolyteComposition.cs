namespace MlCgMd.Systems;

/// <summary>
/// One composition of the polymer-electrolyte family: Chains linear chains of ChainLength backbone
/// beads, of which a fraction SolvatingFraction are solvating beads (type O, spread evenly along
/// the chain, the rest type C); IonPairs two-bead anions (An-X) and as many Li+; the Li-O LJ well
/// depth LiSolvatingEpsilon (epsilon) overriding the force field's; and the bead number density
/// (beads per sigma^3) that sets the cubic box.
/// </summary>
public sealed record ElectrolyteComposition(string Name, int Chains, int ChainLength, double SolvatingFraction, int IonPairs,
                                            double LiSolvatingEpsilon, double Density)
{
    /// <summary>Beads per anion (An carrying the charge, X neutral).</summary>
    public const int AnionBeads = 2;

    public int PolymerBeads => Chains * ChainLength;

    public int ParticleCount => PolymerBeads + IonPairs * (AnionBeads + 1);

    /// <summary>Edge of the cubic box at the composition's density, sigma.</summary>
    public double BoxLength => Math.Cbrt(ParticleCount / Density);

    /// <summary>Solvating beads in the whole box.</summary>
    public int SolvatingBeads => Chains * Enumerable.Range(0, ChainLength).Count(IsSolvating);

    /// <summary>Li per solvating bead ([Li]/[O], the salt concentration of PEO electrolytes).</summary>
    public double SaltRatio => SolvatingBeads == 0 ? double.PositiveInfinity : IonPairs / (double)SolvatingBeads;

    /// <summary>Whether backbone bead k (0-based) is solvating: the fraction is spread evenly, k*f crossing an integer.</summary>
    public bool IsSolvating(int k) => Math.Floor((k + 1) * SolvatingFraction + 1e-9) > Math.Floor(k * SolvatingFraction + 1e-9);

    /// <summary>Refuses a composition that cannot be built, naming <paramref name="source"/> and the field.</summary>
    public void Validate(string source)
    {
        void Require(bool ok, string field, string expected)
        {
            if (!ok) throw new FormatException($"{source}: composition '{Name}': field '{field}' must be {expected}.");
        }
        Require(Name.Length > 0 && Name.IndexOfAny(Path.GetInvalidFileNameChars()) < 0 && Name != "." && Name != "..", "name",
            "a non-empty folder name");
        Require(Chains >= 1, "chains", "at least 1");
        Require(ChainLength >= 2, "chain_length", "at least 2");
        Require(SolvatingFraction >= 0 && SolvatingFraction <= 1, "solvating_fraction", "between 0 and 1");
        Require(IonPairs >= 1, "ion_pairs", "at least 1");
        Require(LiSolvatingEpsilon > 0 && double.IsFinite(LiSolvatingEpsilon), "li_solvating_epsilon", "a positive number");
        Require(Density > 0 && Density <= 1.2, "density", "in (0, 1.2] beads per sigma^3");
    }
}
