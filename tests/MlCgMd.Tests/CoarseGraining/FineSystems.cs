namespace MlCgMd.Tests.CoarseGraining;

/// <summary>Small bonded systems for coarse-graining tests; bonds are [bonds, 2] row-major.</summary>
internal static class FineSystems
{
    /// <summary>A linear chain 0-1-2-...-(n-1).</summary>
    public static int[] Chain(int n, int first = 0)
    {
        var bonds = new List<int>();
        for (int i = 0; i + 1 < n; i++) bonds.AddRange([first + i, first + i + 1]);
        return bonds.ToArray();
    }

    /// <summary>A random tree on n atoms starting at <paramref name="first"/> (a branched molecule).</summary>
    public static int[] RandomTree(int n, int first, Random random)
    {
        var bonds = new List<int>();
        for (int i = 1; i < n; i++) bonds.AddRange([first + random.Next(i), first + i]);
        return bonds.ToArray();
    }

    /// <summary>
    /// Electrolyte-like layout: polymer chains (branched trees) of the given sizes, then
    /// <paramref name="anions"/> 15-atom branched molecules, then <paramref name="cations"/> single atoms.
    /// </summary>
    public static (int atomCount, int[] bonds, int[] componentSizes) Electrolyte(int[] chainSizes, int anions, int cations, int seed)
    {
        var random = new Random(seed);
        var bonds = new List<int>();
        var sizes = new List<int>();
        int atom = 0;
        foreach (int size in chainSizes.Concat(Enumerable.Repeat(15, anions)))
        {
            bonds.AddRange(RandomTree(size, atom, random));
            sizes.Add(size);
            atom += size;
        }
        for (int i = 0; i < cations; i++) sizes.Add(1);
        return (atom + cations, bonds.ToArray(), sizes.ToArray());
    }

    public static double[] RandomPositions(int atoms, int seed, double scale = 10)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, 3 * atoms).Select(_ => scale * (random.NextDouble() - 0.5)).ToArray();
    }

    public static double[] RandomWeights(int atoms, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, atoms).Select(_ => 1 + 30 * random.NextDouble()).ToArray();
    }
}
