using System.Text.Json.Serialization;

namespace MlCgMd.Systems;

/// <summary>
/// One composition of the polymer-electrolyte family: Chains linear chains of ChainLength backbone
/// beads, of which a fraction SolvatingFraction are solvating beads (type SolvatingType, "O" by
/// default, spread evenly along the chain, the rest type C); IonPairs two-bead anions (An-X) and as
/// many Li+; the LJ well depth LiSolvatingEpsilon (epsilon) between Li and the solvating type,
/// overriding the force field's; and the bead number density (beads per sigma^3) that sets the cubic box.
/// A family whose solvating strength varies under one type name hides that strength from a learned
/// simulator (the types are all it is told); a solvating type per strength makes it visible, as
/// different chemistries are in all-atom data.
/// </summary>
public sealed record ElectrolyteComposition(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("chains")] int Chains,
    [property: JsonPropertyName("chain_length")] int ChainLength,
    [property: JsonPropertyName("solvating_fraction")] double SolvatingFraction,
    [property: JsonPropertyName("ion_pairs")] int IonPairs,
    [property: JsonPropertyName("li_solvating_epsilon")] double LiSolvatingEpsilon,
    [property: JsonPropertyName("density")] double Density,
    [property: JsonPropertyName("solvating_type")] string SolvatingType = "O")
{
    /// <summary>Beads per anion (An carrying the charge, X neutral).</summary>
    public const int AnionBeads = 2;

    [JsonPropertyName("polymer_beads")] public int PolymerBeads => Chains * ChainLength;

    [JsonPropertyName("particles")] public int ParticleCount => PolymerBeads + IonPairs * (AnionBeads + 1);

    /// <summary>Edge of the cubic box at the composition's density, sigma.</summary>
    [JsonPropertyName("box_length")] public double BoxLength => Math.Cbrt(ParticleCount / Density);

    /// <summary>Solvating beads in the whole box.</summary>
    [JsonPropertyName("solvating_beads")] public int SolvatingBeads => Chains * Enumerable.Range(0, ChainLength).Count(IsSolvating);

    /// <summary>Li per solvating bead ([Li]/[O], the salt concentration of PEO electrolytes).</summary>
    [JsonPropertyName("li_per_solvating_bead")] public double SaltRatio => SolvatingBeads == 0 ? double.PositiveInfinity : IonPairs / (double)SolvatingBeads;

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
        Require(SolvatingType.Length > 0 && SolvatingType is not ("C" or "An" or "X" or "Li"), "solvating_type",
            "the name of a force-field type other than C, An, X and Li");
    }
}
