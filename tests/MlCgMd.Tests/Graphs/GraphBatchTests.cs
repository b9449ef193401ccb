using MlCgMd.Torch;

namespace MlCgMd.Tests.Graphs;

public class GraphBatchTests
{
    private static readonly int[] NodeCounts = [40, 1, 25];
    private static readonly RadiusGraphOptions Cutoff = new() { Radius = 2.5 };

    // Local bonds per system, [bonds, 2] row-major.
    private static readonly int[][] LocalBonds = [[0, 1, 1, 0, 5, 39, 39, 5], [], [3, 4, 4, 3]];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Batch_equals_the_per_system_graphs_concatenated_with_offsets(bool periodic)
    {
        double[] x = RadiusGraphTests.RandomPositions(NodeCounts.Sum(), seed: 4, extent: 8);
        double[] boxes = [9, 9, 9, 5, 5, 5, 7, 8, 9];
        int[] offsets = [0, 40, 41, 66];
        int[] globalBonds = LocalBonds.SelectMany((b, s) => b.Select(i => i + offsets[s])).ToArray();
        using var scope = torch.NewDisposeScope();

        using GraphBatch batch = GraphBatch.Build(torch.tensor(x, [66, 3]).@float(), NodeCounts, globalBonds, Cutoff,
            periodic ? boxes : null);

        Assert.Equal(offsets, batch.NodeOffsets);
        Assert.Equal(Enumerable.Range(0, 3).SelectMany(s => Enumerable.Repeat((long)s, NodeCounts[s])), batch.Batch.ToArray<long>());
        long[] senders = batch.Senders.ToArray<long>(), receivers = batch.Receivers.ToArray<long>(), types = batch.EdgeTypes.ToArray<long>();
        float[] displacements = batch.Displacements.ToArray<float>(), distances = batch.Distances.ToArray<float>();
        Assert.Equal([batch.EdgeCount, 3], batch.Displacements.shape);
        Assert.Equal(ScalarType.Float32, batch.Displacements.dtype);
        Assert.Equal(ScalarType.Int64, batch.Senders.dtype);
        Assert.Equal([batch.EdgeCount, 1], batch.Distances.shape);

        for (int s = 0; s < 3; s++)
        {
            // The batch read its positions from float32: build the reference from the same values.
            double[] local = x.Skip(3 * offsets[s]).Take(3 * NodeCounts[s]).Select(v => (double)(float)v).ToArray();
            SystemGraph expected = SystemGraph.Build(local, LocalBonds[s], Cutoff, periodic ? boxes.AsSpan(3 * s, 3) : default);
            Assert.Equal(expected.EdgeCount, batch.EdgeCounts[s]);
            int e0 = batch.EdgeOffsets[s];
            for (int e = 0; e < expected.EdgeCount; e++)
            {
                Assert.Equal(expected.Senders[e] + offsets[s], senders[e0 + e]);
                Assert.Equal(expected.Receivers[e] + offsets[s], receivers[e0 + e]);
                Assert.Equal(expected.EdgeTypes[e], types[e0 + e]);
                Assert.Equal(expected.Distances[e], distances[e0 + e]);
                Assert.Equal(expected.Displacements[(3 * e)..(3 * e + 3)], displacements[(3 * (e0 + e))..(3 * (e0 + e) + 3)]);
            }
        }
        if (periodic) Assert.Equal(6, types.Count(t => t == 1));
    }

    [Fact]
    public void Bond_joining_two_systems_is_rejected()
    {
        using var scope = torch.NewDisposeScope();
        var e = Assert.Throws<ArgumentException>(() =>
            GraphBatch.Build(torch.zeros(66, 3), NodeCounts, [39, 40], Cutoff));
        Assert.Contains("joins two systems", e.Message);
    }

    [Fact]
    public void Positions_must_match_the_node_counts()
    {
        using var scope = torch.NewDisposeScope();
        var e = Assert.Throws<ArgumentException>(() => GraphBatch.Build(torch.zeros(65, 3), NodeCounts, [], Cutoff));
        Assert.Contains("[66, 3]", e.Message);
    }
}
