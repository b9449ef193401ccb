using MlCgMd.MolecularDynamics;

namespace MlCgMd.Systems;

/// <summary>
/// A family of monomer sequences ('A' = B1+S1, solvophobic; 'B' = B2+S2, solvophilic). The
/// solvophobic fraction is stratified over [CompositionMin, CompositionMax] across the chains of
/// a split, so every split spans globular (mostly A) to swollen (mostly B) chains.
/// </summary>
public sealed record SequenceFamily(SequenceFamilyKind Kind, double CompositionMin, double CompositionMax, double MeanBlockLength)
{
    /// <summary><paramref name="count"/> sequences of <paramref name="monomers"/> monomers, deterministic for a seed.</summary>
    public string[] Generate(int monomers, int count, ulong seed)
    {
        if (monomers <= 0 || count <= 0)
            throw new ArgumentOutOfRangeException(nameof(monomers), $"Need positive monomers ({monomers}) and chain count ({count}).");
        var random = new GaussianRandom(seed);
        var sequences = new string[count];
        for (int k = 0; k < count; k++)
        {
            double fraction = CompositionMin + (CompositionMax - CompositionMin) * (k + random.NextDouble()) / count;
            int solvophobic = (int)Math.Round(fraction * monomers);
            sequences[k] = Kind == SequenceFamilyKind.Random
                ? Shuffled(monomers, solvophobic, random)
                : Blocks(monomers, solvophobic, random);
        }
        return sequences;
    }

    private static string Shuffled(int monomers, int solvophobic, GaussianRandom random)
    {
        var letters = new char[monomers];
        for (int i = 0; i < monomers; i++)
            letters[i] = i < solvophobic ? 'A' : 'B';
        for (int i = monomers - 1; i > 0; i--)
        {
            int j = (int)(random.NextDouble() * (i + 1));
            (letters[i], letters[j]) = (letters[j], letters[i]);
        }
        return new string(letters);
    }

    /// <summary>Exact composition; the A and B counts are cut into the same number of blocks, which alternate.</summary>
    private string Blocks(int monomers, int solvophobic, GaussianRandom random)
    {
        int solvophilic = monomers - solvophobic;
        if (solvophobic == 0 || solvophilic == 0)
            return new string(solvophobic == 0 ? 'B' : 'A', monomers);
        int pairs = Math.Max(1, (int)Math.Round(monomers / (2.0 * MeanBlockLength)));
        pairs = Math.Min(pairs, Math.Min(solvophobic, solvophilic));
        int[] aBlocks = RandomComposition(solvophobic, pairs, random);
        int[] bBlocks = RandomComposition(solvophilic, pairs, random);
        bool aFirst = random.NextDouble() < 0.5;
        var builder = new System.Text.StringBuilder(monomers);
        for (int b = 0; b < pairs; b++)
        {
            (char first, int firstLength, char second, int secondLength) = aFirst
                ? ('A', aBlocks[b], 'B', bBlocks[b])
                : ('B', bBlocks[b], 'A', aBlocks[b]);
            builder.Append(first, firstLength).Append(second, secondLength);
        }
        return builder.ToString();
    }

    /// <summary>Splits total into parts positive integers, uniformly over the compositions.</summary>
    private static int[] RandomComposition(int total, int parts, GaussianRandom random)
    {
        // Choose parts-1 distinct cut points among 1..total-1 (partial Fisher-Yates).
        int[] points = Enumerable.Range(1, total - 1).ToArray();
        for (int i = 0; i < parts - 1; i++)
        {
            int j = i + (int)(random.NextDouble() * (points.Length - i));
            (points[i], points[j]) = (points[j], points[i]);
        }
        int[] cuts = points.Take(parts - 1).Order().Prepend(0).Append(total).ToArray();
        return Enumerable.Range(0, parts).Select(p => cuts[p + 1] - cuts[p]).ToArray();
    }
}
