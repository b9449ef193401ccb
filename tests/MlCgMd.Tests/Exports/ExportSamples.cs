namespace MlCgMd.Tests.Exports;

/// <summary>A small seeded bead chain for the export round trips.</summary>
internal static class ExportSamples
{
    internal const int Atoms = 5;
    internal static readonly string[] Names = ["B1", "B2", "S1", "S2", "B1"];
    internal static readonly int[] Bonds = [0, 1, 1, 2, 1, 3, 3, 4];

    /// <summary>Frames [atoms, 3] with coordinates in [-50, 150).</summary>
    internal static List<float[]> Frames(int count, int seed = 5)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count)
            .Select(_ => Enumerable.Range(0, Atoms * 3).Select(_ => (float)(random.NextDouble() * 200 - 50)).ToArray())
            .ToList();
    }
}
