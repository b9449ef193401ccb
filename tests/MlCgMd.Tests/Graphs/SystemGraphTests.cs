
namespace MlCgMd.Tests.Graphs;

public class SystemGraphTests
{
    // Nodes 0 and 1 within the cutoff, node 2 far away; bonds 0-1 (near) and 0-2 (far), both directions.
    private static readonly double[] Positions = [0, 0, 0, 1, 0, 0, 5, 0, 0];
    private static readonly int[] Bonds = [0, 1, 1, 0, 0, 2, 2, 0];
    private static readonly RadiusGraphOptions Cutoff = new() { Radius = 2 };

    [Fact]
    public void Open_boundaries_type_a_bond_only_when_it_is_also_a_radius_edge()
    {
        SystemGraph graph = SystemGraph.Build(Positions, Bonds, Cutoff);

        Assert.Equal([(0, 0, 0), (0, 1, 1), (0, 2, 0), (1, 0, 1), (1, 1, 0), (2, 0, 0), (2, 2, 0)], Typed(graph));
    }

    [Fact]
    public void Periodic_boxes_type_every_bond()
    {
        SystemGraph graph = SystemGraph.Build(Positions, Bonds, Cutoff, box: [12, 12, 12]);

        Assert.Equal([(0, 0, 0), (0, 1, 1), (0, 2, 1), (1, 0, 1), (1, 1, 0), (2, 0, 1), (2, 2, 0)], Typed(graph));
    }

    [Fact]
    public void Edge_features_are_sender_minus_receiver_over_radius()
    {
        SystemGraph graph = SystemGraph.Build(Positions, Bonds, Cutoff);

        int e = Index(graph, sender: 2, receiver: 0);
        Assert.Equal([2.5f, 0, 0], graph.Displacements[(3 * e)..(3 * e + 3)]);
        Assert.Equal(2.5f, graph.Distances[e]);
        int self = Index(graph, sender: 1, receiver: 1);
        Assert.Equal(0f, graph.Distances[self]);
    }

    [Fact]
    public void Periodic_features_use_the_minimum_image_of_wrapped_positions()
    {
        // Node 1 sits at x = 11.5 (unwrapped), i.e. 1.5 in a box of 10: 1.0 from node 0 through the boundary.
        double[] x = [0.5, 0, 0, 11.5 - 2 * 10, 0, 0];
        SystemGraph graph = SystemGraph.Build(x, [], new RadiusGraphOptions { Radius = 2 }, box: [10, 10, 10]);

        int e = Index(graph, sender: 1, receiver: 0);
        Assert.Equal(0.5f, graph.Displacements[3 * e], 6);
        Assert.Equal(0.5f, graph.Distances[e], 6);

        double[] across = [0.5, 0, 0, 9.5, 0, 0];
        SystemGraph wrapped = SystemGraph.Build(across, [], new RadiusGraphOptions { Radius = 2 }, box: [10, 10, 10]);
        Assert.Equal(0.5f, wrapped.Displacements[3 * Index(wrapped, sender: 0, receiver: 1)], 6);
        Assert.Equal(-0.5f, wrapped.Displacements[3 * Index(wrapped, sender: 1, receiver: 0)], 6);
    }

    [Fact]
    public void Bond_to_a_missing_node_is_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => SystemGraph.Build(Positions, [0, 3], Cutoff));
        Assert.Contains("bonds", e.Message);
    }

    private static int Index(SystemGraph g, int sender, int receiver) =>
        Enumerable.Range(0, g.EdgeCount).Single(e => g.Senders[e] == sender && g.Receivers[e] == receiver);

    private static List<(int, int, int)> Typed(SystemGraph g) =>
        Enumerable.Range(0, g.EdgeCount).Select(e => (g.Senders[e], g.Receivers[e], g.EdgeTypes[e])).ToList();
}
