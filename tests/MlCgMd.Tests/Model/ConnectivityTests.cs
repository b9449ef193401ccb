using MlCgMd.Model;
using MlCgMd.Torch;

namespace MlCgMd.Tests.Model;

public class ConnectivityTests
{
    private static HashSet<(long, long, long)> EdgeSet(Connectivity.Edges e)
    {
        long[] s = e.Senders.ToArray<long>(), r = e.Receivers.ToArray<long>(), t = e.EdgeTypes.ToArray<long>();
        return Enumerable.Range(0, s.Length).Select(k => (s[k], r[k], t[k])).ToHashSet();
    }

    [Fact]
    public void Open_boundary_graph_equals_brute_force_with_self_loops_and_bond_types()
    {
        using var scope = torch.NewDisposeScope();
        var random = new Random(2);
        long[] counts = [6, 4];
        float[] xyz = Enumerable.Range(0, 30).Select(_ => (float)(random.NextDouble() * 4)).ToArray();
        // Bonds: 0-1 (within radius after we place them), 2-5 (far apart: kept with type 0), 6-7.
        xyz[0] = 0; xyz[1] = 0; xyz[2] = 0; xyz[3] = 0.5f; xyz[4] = 0; xyz[5] = 0;
        xyz[6] = 0; xyz[7] = 0; xyz[8] = 0; xyz[15] = 30; xyz[16] = 30; xyz[17] = 30;
        long[] bondPairs = [0, 1, 1, 0, 2, 5, 5, 2, 6, 7, 7, 6];
        Tensor positions = torch.tensor(xyz, [10, 3]);
        Tensor bonds = torch.tensor(bondPairs, [6, 2]);
        double radius = 2.5;
        var edges = Connectivity.Compute(positions, counts, radius, bonds);

        var expected = new HashSet<(long, long, long)>();
        var bondSet = Enumerable.Range(0, 6).Select(k => (bondPairs[2 * k], bondPairs[2 * k + 1])).ToHashSet();
        long offset = 0;
        foreach (long n in counts)
        {
            for (long i = offset; i < offset + n; i++)
                for (long j = offset; j < offset + n; j++)
                {
                    double d2 = 0;
                    for (int c = 0; c < 3; c++) d2 += Math.Pow(xyz[i * 3 + c] - xyz[j * 3 + c], 2);
                    bool within = Math.Sqrt(d2) < radius;
                    bool bond = bondSet.Contains((i, j));
                    if (within || bond) expected.Add((i, j, within && bond ? 1 : 0));
                }
            offset += n;
        }
        Assert.Equal(expected, EdgeSet(edges));
        Assert.Contains((2L, 5L, 0L), expected);            // a bond beyond the radius keeps type 0
        Assert.Contains((3L, 3L, 0L), expected);            // self-loops are edges

        // Edges are sorted by (sender, receiver) and features are displacement/r and distance/r.
        long[] s = edges.Senders.ToArray<long>(), r = edges.Receivers.ToArray<long>();
        for (int k = 1; k < s.Length; k++) Assert.True(s[k - 1] < s[k] || (s[k - 1] == s[k] && r[k - 1] < r[k]));
        float[] disp = edges.Displacements.ToArray<float>(), dist = edges.Distances.ToArray<float>();
        for (int k = 0; k < s.Length; k++)
        {
            double norm = 0;
            for (int c = 0; c < 3; c++)
            {
                double expectedComponent = (xyz[s[k] * 3 + c] - xyz[r[k] * 3 + c]) / radius;
                Assert.Equal(expectedComponent, disp[k * 3 + c], 5);
                norm += expectedComponent * expectedComponent;
            }
            Assert.Equal(Math.Sqrt(norm), dist[k], 5);
        }
    }

    [Fact]
    public void Periodic_graph_uses_the_minimum_image_and_bonds_are_always_type_one()
    {
        using var scope = torch.NewDisposeScope();
        // Box of 10: particles at x = 0.5 and x = 9.5 are 1 apart through the boundary.
        Tensor positions = torch.tensor(new float[] { 0.5f, 5, 5, 9.5f, 5, 5, 5, 5, 5 }, [3, 3]);
        Tensor lattices = torch.tensor(new float[] { 10, 10, 10 }, [1, 3]);
        Tensor bonds = torch.tensor(new long[] { 0, 2, 2, 0 }, [2, 2]);
        var edges = Connectivity.Compute(positions, [3], radius: 2.0, bonds, lattices);
        var set = EdgeSet(edges);
        Assert.Contains((0L, 1L, 0L), set);
        Assert.Contains((1L, 0L, 0L), set);
        Assert.Contains((0L, 2L, 1L), set);   // 4.5 apart: beyond the radius, kept as a bond
        Assert.Contains((2L, 2L, 0L), set);
        Assert.DoesNotContain(set, e => (e.Item1, e.Item2) is (1, 2) or (2, 1));
        long[] s = edges.Senders.ToArray<long>(), r = edges.Receivers.ToArray<long>();
        float[] disp = edges.Displacements.ToArray<float>();
        int k01 = Enumerable.Range(0, s.Length).Single(k => s[k] == 0 && r[k] == 1);
        Assert.Equal(1.0 / 2.0, disp[k01 * 3], 5);   // (0.5 − 9.5 + 10) / r
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_batch_without_any_cg_bond_has_only_radius_edges(bool periodic)
    {
        // An electrolyte box whose chains are one bead each (and every ion its own bead) has no CG bond at all:
        // validation on such a box used to fail with "index out of range".
        using var scope = torch.NewDisposeScope();
        Tensor positions = torch.tensor(new float[] { 0.5f, 5, 5, 9.5f, 5, 5, 5, 5, 5 }, [3, 3]);
        Tensor? lattices = periodic ? torch.tensor(new float[] { 10, 10, 10 }, [1, 3]) : null;
        var edges = Connectivity.Compute(positions, [3], radius: 2.0, torch.zeros([0, 2], ScalarType.Int64), lattices);
        var set = EdgeSet(edges);
        Assert.All(set, e => Assert.Equal(0L, e.Item3));
        Assert.Equal(periodic ? 5 : 3, set.Count);    // self-pairs, plus 0-1 and 1-0 through the boundary when periodic
    }
}

public class ConnectivityAgainstGraphBatchTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Tensor_connectivity_equals_the_independent_array_graph_builder(bool periodic)
    {
        using var scope = torch.NewDisposeScope();
        var random = new Random(9);
        int[] counts = [7, 5, 9];
        int n = counts.Sum();
        double[] xyz = Enumerable.Range(0, n * 3).Select(_ => random.NextDouble() * 6).ToArray();
        var bonds = new List<int>();
        int offset = 0;
        foreach (int c in counts)
        {
            for (int i = 0; i + 1 < c; i++) bonds.AddRange([offset + i, offset + i + 1, offset + i + 1, offset + i]);
            offset += c;
        }
        double radius = 2.2;
        double[]? boxes = periodic ? [6, 6, 6, 6, 6, 6, 6, 6, 6] : null;
        using var reference = MlCgMd.Tests.Graphs.GraphBatch.Build(torch.tensor(xyz.Select(v => (float)v).ToArray(), [n, 3]), counts,
            bonds.ToArray(), new MlCgMd.Tests.Graphs.RadiusGraphOptions { Radius = radius }, boxes);
        var edges = Connectivity.Compute(torch.tensor(xyz.Select(v => (float)v).ToArray(), [n, 3]),
            counts.Select(c => (long)c).ToArray(), radius, torch.tensor(bonds.Select(b => (long)b).ToArray(), [bonds.Count / 2, 2]),
            periodic ? torch.tensor(new float[] { 6, 6, 6, 6, 6, 6, 6, 6, 6 }, [3, 3]) : null);

        Assert.Equal(reference.Senders.ToArray<long>(), edges.Senders.ToArray<long>());
        Assert.Equal(reference.Receivers.ToArray<long>(), edges.Receivers.ToArray<long>());
        Assert.Equal(reference.EdgeTypes.ToArray<long>(), edges.EdgeTypes.ToArray<long>());
        float[] expected = reference.Displacements.ToArray<float>(), actual = edges.Displacements.ToArray<float>();
        for (int k = 0; k < expected.Length; k++) Assert.Equal(expected[k], actual[k], 4);
    }
}
