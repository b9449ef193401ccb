
namespace MlCgMd.Tests.Graphs;

public class RadiusGraphTests
{
    [Theory]
    [InlineData(60)]    // all pairs
    [InlineData(700)]   // cell list
    public void Open_radius_graph_equals_brute_force_including_self_loops(int n)
    {
        double[] x = RandomPositions(n, seed: n, extent: 2.2 * Math.Cbrt(n));
        var options = new RadiusGraphOptions { Radius = 1.5 };

        EdgeIndex edges = RadiusGraph.Open(x, options);

        var expected = BruteForce(n, (j, i) => Distance(x, j, i, box: null) < 1.5);
        Assert.Equal(expected, Pairs(edges));
        Assert.Contains((3, 3), Pairs(edges));
    }

    [Theory]
    [InlineData(60, 3.0)]    // all pairs
    [InlineData(700, 3.0)]   // cell list, 6 cells per axis
    [InlineData(700, 8.0)]   // cutoff too large for 3 cells per axis: all pairs
    public void Periodic_radius_graph_equals_brute_force_minimum_image(int n, double radius)
    {
        double[] box = [20, 21, 22];
        // Unwrapped positions reaching well outside the box.
        double[] x = RandomPositions(n, seed: n + 1, extent: 60);
        var options = new RadiusGraphOptions { Radius = radius };

        EdgeIndex edges = RadiusGraph.Periodic(x, box, options);

        var expected = BruteForce(n, (j, i) => Distance(x, j, i, box) <= radius);
        Assert.Equal(expected, Pairs(edges));
    }

    [Fact]
    public void Periodic_neighbours_across_the_boundary_are_found()
    {
        double[] x = [0.5, 5, 5, 9.5, 5, 5, -0.5, 5, 5.5];
        EdgeIndex edges = RadiusGraph.Periodic(x, [10, 10, 10], new RadiusGraphOptions { Radius = 1.2 });

        // 0.5 and 9.5 are 1.0 apart through the boundary; -0.5 is 9.5 wrapped, 0.5 above it in z.
        Assert.Equal([(0, 0), (0, 1), (0, 2), (1, 0), (1, 1), (1, 2), (2, 0), (2, 1), (2, 2)], Pairs(edges));
        Assert.DoesNotContain((0, 1), Pairs(RadiusGraph.Open(x, new RadiusGraphOptions { Radius = 1.2 })));
    }

    [Fact]
    public void Self_loops_can_be_left_out()
    {
        double[] x = [0, 0, 0, 0.5, 0, 0];
        EdgeIndex edges = RadiusGraph.Open(x, new RadiusGraphOptions { Radius = 1, SelfLoops = false });
        Assert.Equal([(0, 1), (1, 0)], Pairs(edges));
    }

    [Fact]
    public void Neighbour_cap_keeps_the_lowest_sender_indices_per_receiver()
    {
        double[] x = Enumerable.Range(0, 6).SelectMany(i => new[] { 0.1 * i, 0, 0 }).ToArray();
        EdgeIndex edges = RadiusGraph.Open(x, new RadiusGraphOptions { Radius = 10, MaxNeighbors = 3 });

        for (int i = 0; i < 6; i++)
            Assert.Equal([0, 1, 2], Pairs(edges).Where(p => p.receiver == i).Select(p => p.sender));
    }

    [Fact]
    public void Edges_are_sorted_by_sender_then_receiver()
    {
        EdgeIndex edges = RadiusGraph.Open(RandomPositions(50, seed: 3, extent: 4), new RadiusGraphOptions { Radius = 1.5 });
        var pairs = Pairs(edges);
        Assert.Equal(pairs.OrderBy(p => p.sender).ThenBy(p => p.receiver), pairs);
    }

    [Fact]
    public void Non_finite_positions_are_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => RadiusGraph.Open([0, 0, double.NaN], new RadiusGraphOptions { Radius = 1 }));
        Assert.Contains("positions", e.Message);
    }

    internal static double[] RandomPositions(int n, int seed, double extent)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, 3 * n).Select(_ => extent * (random.NextDouble() - 0.5)).ToArray();
    }

    /// <summary>Reference distance: the nearest periodic image by rounding, on unwrapped coordinates.</summary>
    internal static double Distance(double[] x, int j, int i, double[]? box)
    {
        double s = 0;
        for (int d = 0; d < 3; d++)
        {
            double delta = x[3 * j + d] - x[3 * i + d];
            if (box is not null) delta -= box[d] * Math.Round(delta / box[d]);
            s += delta * delta;
        }
        return Math.Sqrt(s);
    }

    private static List<(int sender, int receiver)> BruteForce(int n, Func<int, int, bool> within)
    {
        var pairs = new List<(int, int)>();
        for (int j = 0; j < n; j++)
            for (int i = 0; i < n; i++)
                if (i == j || within(j, i)) pairs.Add((j, i));
        return pairs;
    }

    private static List<(int sender, int receiver)> Pairs(EdgeIndex edges) => edges.Senders.Zip(edges.Receivers).ToList();
}
