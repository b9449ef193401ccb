using MlCgMd.CoarseGraining;

namespace MlCgMd.Tests.CoarseGraining;

public class MetisTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Partition_of_a_chain_uses_every_part_with_balanced_sizes(bool recursive)
    {
        BondGraph chain = BondGraph.FromPairs(200, FineSystems.Chain(200));
        int[] part = Metis.Partition(chain, 8, recursive);

        int[] sizes = new int[8];
        foreach (int p in part) sizes[p]++;
        Assert.All(sizes, s => Assert.InRange(s, 20, 30));
    }

    [Fact]
    public void Partition_is_deterministic_for_a_fixed_seed()
    {
        var random = new Random(3);
        BondGraph tree = BondGraph.FromPairs(300, FineSystems.RandomTree(300, 0, random));
        Assert.Equal(Metis.Partition(tree, 7, recursive: false, seed: 11), Metis.Partition(tree, 7, recursive: false, seed: 11));
        Assert.Equal(Metis.Partition(tree, 7, recursive: true, seed: 11), Metis.Partition(tree, 7, recursive: true, seed: 11));
    }

    [Fact]
    public void Concurrent_partitions_equal_the_sequential_one()
    {
        var random = new Random(4);
        BondGraph tree = BondGraph.FromPairs(500, FineSystems.RandomTree(500, 0, random));
        int[] sequential = Metis.Partition(tree, 9, recursive: true, seed: 2);

        var concurrent = new int[8][];
        Parallel.For(0, concurrent.Length, k => concurrent[k] = Metis.Partition(tree, 9, recursive: true, seed: 2));

        Assert.All(concurrent, part => Assert.Equal(sequential, part));
    }

    [Fact]
    public void One_part_puts_every_vertex_in_part_zero()
    {
        BondGraph chain = BondGraph.FromPairs(5, FineSystems.Chain(5));
        Assert.Equal(new int[5], Metis.Partition(chain, 1, recursive: false));
    }

    [Fact]
    public void At_least_as_many_parts_as_vertices_gives_one_vertex_per_part()
    {
        BondGraph chain = BondGraph.FromPairs(4, FineSystems.Chain(4));
        Assert.Equal([0, 1, 2, 3], Metis.Partition(chain, 4, recursive: true));
        Assert.Equal([0, 1, 2, 3], Metis.Partition(chain, 9, recursive: false));
    }

    [Fact]
    public void Graph_without_edges_is_split_into_consecutive_blocks()
    {
        BondGraph isolated = BondGraph.FromPairs(6, []);
        Assert.Equal([0, 0, 0, 1, 1, 1], Metis.Partition(isolated, 2, recursive: false));
    }

    [Fact]
    public void Fewer_than_one_part_is_rejected()
    {
        BondGraph chain = BondGraph.FromPairs(3, FineSystems.Chain(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => Metis.Partition(chain, 0, recursive: false));
    }

    [Fact]
    public void Bond_graph_is_symmetric_without_duplicates_or_self_bonds()
    {
        BondGraph graph = BondGraph.FromPairs(3, [0, 1, 1, 0, 1, 2, 2, 2, 0, 1]);
        Assert.Equal([0, 1, 3, 4], graph.RowPointers);
        Assert.Equal([1, 0, 2, 1], graph.Neighbors);
    }

    [Fact]
    public void Bond_with_an_atom_out_of_range_is_rejected_with_its_row()
    {
        var e = Assert.Throws<ArgumentException>(() => BondGraph.FromPairs(3, [0, 1, 2, 3]));
        Assert.Contains("row 1", e.Message);
    }
}
