using MlCgMd.MolecularDynamics;
using MlCgMd.Systems;

namespace MlCgMd.Tests.MolecularDynamics;

public class InitialConformationTests
{
    private static PolymerSystem LinearChain(int beads) =>
        new($"chain{beads}", "", new int[beads], Enumerable.Range(0, beads - 1).Select(i => (i, i + 1)).ToArray(), Enumerable.Repeat(1.0, beads).ToArray());

    [Theory]
    [InlineData(120)]
    [InlineData(10_000)]
    public void A_chain_starts_with_every_bond_at_the_bond_length_and_no_two_beads_closer_than_the_minimum_separation(int beads)
    {
        double[] x = InitialConformation.RandomWalk(LinearChain(beads), seed: 7);
        for (int i = 0; i + 1 < beads; i++)
            Assert.Equal(InitialConformation.BondLength, Distance(x, i, i + 1), 9);
        // All non-bonded pairs, brute force (independent of the walk's cell grid).
        double closest = double.PositiveInfinity;
        for (int i = 0; i < beads; i++)
            for (int j = i + 2; j < beads; j++)
                closest = Math.Min(closest, Distance(x, i, j));
        Assert.True(closest >= InitialConformation.MinimumSeparation, $"closest non-bonded pair {closest:G4}");
    }

    [Fact]
    public void A_5000_monomer_chain_with_side_beads_as_the_cost_growth_benchmark_builds_it_gets_a_start()
    {
        // 10,000 beads with side beads: all 50 plain walks trap themselves (measured); the backtracking walk places it.
        string sequence = new SequenceFamily(SequenceFamilyKind.Random, 0.5, 0.5, 0).Generate(5000, 1, 0)[0];
        PolymerSystem system = PolymerSystem.FromSequence("bench", sequence);
        double[] x = InitialConformation.RandomWalk(system, seed: 0);
        var bonded = new HashSet<(int, int)>();
        foreach (var (i, j) in system.Bonds)
        {
            Assert.Equal(InitialConformation.BondLength, Distance(x, i, j), 9);
            bonded.Add((Math.Min(i, j), Math.Max(i, j)));
        }
        for (int i = 0; i < system.BeadCount; i++)
            for (int j = i + 1; j < system.BeadCount; j++)
                if (!bonded.Contains((i, j)))
                    Assert.True(Distance(x, i, j) >= InitialConformation.MinimumSeparation, $"beads {i} and {j} at {Distance(x, i, j):G4}");
    }

    [Fact]
    public void The_same_seed_gives_the_same_start()
    {
        Assert.Equal(InitialConformation.RandomWalk(LinearChain(2000), 3), InitialConformation.RandomWalk(LinearChain(2000), 3));
    }

    private static double Distance(double[] x, int i, int j)
    {
        double dx = x[3 * i] - x[3 * j], dy = x[3 * i + 1] - x[3 * j + 1], dz = x[3 * i + 2] - x[3 * j + 2];
        return Math.Sqrt(dx * dx + dy * dy + dz * dz);
    }
}
