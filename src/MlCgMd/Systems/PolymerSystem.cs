namespace MlCgMd.Systems;

/// <summary>
/// Topology of one sequence-defined bead-spring copolymer: which bead is which type, which
/// beads are bonded, and their masses. Bead order: monomer k owns backbone bead 2k and its
/// side-chain bead 2k+1; backbone beads are bonded along the chain, each side-chain bead to
/// its backbone bead (so there are N-1 bonds and the bond graph is a tree).
/// </summary>
public sealed class PolymerSystem : MolecularSystem
{
    /// <summary>Monomer sequence, one letter per monomer: 'A' (B1+S1) or 'B' (B2+S2).</summary>
    public string Sequence { get; }

    /// <param name="types">bead type ids 0..3 (<see cref="BeadType"/>), [N]</param>
    /// <param name="bonds">0-based bead index pairs (i &lt; j), [N-1]; all of bond type 0</param>
    /// <param name="masses">bead masses in LJ mass units, [N]; every bead is neutral and the chain is molecule 0</param>
    public PolymerSystem(string name, string sequence, int[] types, (int I, int J)[] bonds, double[] masses)
        : base(name, types, bonds, new int[bonds.Length], masses, new double[types.Length], new int[types.Length])
    {
        foreach (int t in types)
            if (t < 0 || t > 3)
                throw new ArgumentException($"System '{name}': bead type {t} is outside 0..3 (B1,B2,S1,S2).");
        Sequence = sequence;
    }

    /// <summary>Builds the comb-like chain for a monomer sequence of 'A'/'B' letters, all masses 1.</summary>
    public static PolymerSystem FromSequence(string name, string sequence)
    {
        if (sequence.Length == 0)
            throw new ArgumentException($"System '{name}': the monomer sequence is empty.");
        int n = 2 * sequence.Length;
        var types = new int[n];
        var bonds = new List<(int, int)>(n - 1);
        for (int k = 0; k < sequence.Length; k++)
        {
            (BeadType backbone, BeadType side) = sequence[k] switch
            {
                'A' => (BeadType.B1, BeadType.S1),
                'B' => (BeadType.B2, BeadType.S2),
                _ => throw new ArgumentException($"System '{name}': monomer {k} is '{sequence[k]}', expected 'A' or 'B'."),
            };
            types[2 * k] = (int)backbone;
            types[2 * k + 1] = (int)side;
            if (k > 0)
                bonds.Add((2 * k - 2, 2 * k));
            bonds.Add((2 * k, 2 * k + 1));
        }
        var masses = new double[n];
        Array.Fill(masses, 1.0);
        return new PolymerSystem(name, sequence, types, bonds.ToArray(), masses);
    }

    /// <summary>Fraction of 'A' (solvophobic) monomers.</summary>
    public double SolvophobicFraction => Sequence.Count(c => c == 'A') / (double)Sequence.Length;
}
