using MlCgMd.CoarseGraining;

namespace MlCgMd.Tests.CoarseGraining;

public class MetisClusteringTests
{
    private static readonly (int atomCount, int[] bonds, int[] componentSizes) Electrolyte =
        FineSystems.Electrolyte([300, 213], anions: 4, cations: 5, seed: 7);

    [Theory]
    [InlineData(15, 6.0, 2)]   // 2.5 rounds to even
    [InlineData(21, 6.0, 4)]   // 3.5 rounds to even
    [InlineData(15, 7.0, 2)]   // a TFSI anion at cg_level 7
    [InlineData(1, 7.0, 1)]    // never fewer than one bead
    [InlineData(1000, 100.0, 10)]
    public void Part_count_is_pythons_round_of_atoms_over_cg_level_at_least_one(int atoms, double cgLevel, int expected) =>
        Assert.Equal(expected, MetisClustering.PartCount(atoms, cgLevel));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Each_component_gets_round_n_over_cg_level_beads(bool recursive)
    {
        var options = new CoarseGrainingOptions { CgLevel = 7, Recursive = recursive };
        int[] cluster = Cluster(Electrolyte.atomCount, Electrolyte.bonds, options);

        int first = 0;
        foreach (int size in Electrolyte.componentSizes)
        {
            int beads = cluster.Skip(first).Take(size).Distinct().Count();
            Assert.Equal(MetisClustering.PartCount(size, 7), beads);
            first += size;
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Every_bead_is_connected_in_the_bond_graph(bool recursive)
    {
        var random = new Random(5);
        int[] bonds = FineSystems.RandomTree(400, 0, random);
        int[] cluster = Cluster(400, bonds, new CoarseGrainingOptions { CgLevel = 9, Recursive = recursive, Contiguous = false });

        BondGraph graph = BondGraph.FromPairs(400, bonds);
        graph.ComponentsWithin(cluster, out int connectedPieces);
        Assert.Equal(cluster.Max() + 1, connectedPieces);
    }

    [Fact]
    public void Chain_of_1000_at_cg_level_100_gives_10_contiguous_beads_with_kway()
    {
        int[] cluster = Cluster(1000, FineSystems.Chain(1000), new CoarseGrainingOptions { CgLevel = 100 });

        Assert.Equal(10, cluster.Max() + 1);
        // Beads of a linear chain are runs of consecutive atoms, numbered along the chain.
        Assert.Equal(cluster.Order(), cluster);
    }

    [Fact]
    public void Unbonded_atoms_never_share_a_bead()
    {
        int[] cluster = Cluster(Electrolyte.atomCount, Electrolyte.bonds, new CoarseGrainingOptions { CgLevel = 50 });
        int[] component = BondGraph.FromPairs(Electrolyte.atomCount, Electrolyte.bonds).ConnectedComponents(out _);

        foreach (IGrouping<int, int> bead in Enumerable.Range(0, cluster.Length).GroupBy(a => cluster[a]))
            Assert.Single(bead.Select(a => component[a]).Distinct());
    }

    [Fact]
    public void Single_atom_components_are_their_own_beads()
    {
        int[] cluster = Cluster(Electrolyte.atomCount, Electrolyte.bonds, new CoarseGrainingOptions { CgLevel = 7 });
        int[] cations = cluster[^5..];

        Assert.Equal(5, cations.Distinct().Count());
        Assert.All(cations, bead => Assert.Equal(1, cluster.Count(c => c == bead)));
    }

    [Fact]
    public void Small_components_become_one_bead_when_asked()
    {
        var options = new CoarseGrainingOptions { CgLevel = 7, WholeComponentMaxAtoms = 15 };
        int[] cluster = Cluster(Electrolyte.atomCount, Electrolyte.bonds, options);

        for (int anion = 0; anion < 4; anion++)
            Assert.Single(cluster.Skip(513 + 15 * anion).Take(15).Distinct());
        Assert.Equal(MetisClustering.PartCount(300, 7), cluster.Take(300).Distinct().Count());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Clustering_is_deterministic(bool recursive)
    {
        var options = new CoarseGrainingOptions { CgLevel = 7, Recursive = recursive };
        Assert.Equal(Cluster(Electrolyte.atomCount, Electrolyte.bonds, options), Cluster(Electrolyte.atomCount, Electrolyte.bonds, options));
    }

    [Fact]
    public void Beads_are_numbered_by_their_smallest_atom()
    {
        int[] cluster = Cluster(Electrolyte.atomCount, Electrolyte.bonds, new CoarseGrainingOptions { CgLevel = 7 });
        int[] firstAtoms = Enumerable.Range(0, cluster.Max() + 1).Select(b => Array.IndexOf(cluster, b)).ToArray();
        Assert.Equal(firstAtoms.Order(), firstAtoms);
    }

    [Fact]
    public void Cg_level_below_one_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Cluster(3, FineSystems.Chain(3), new CoarseGrainingOptions { CgLevel = 0.5 }));
    }

    private static int[] Cluster(int atomCount, int[] bonds, CoarseGrainingOptions options) =>
        MetisClustering.Cluster(BondGraph.FromPairs(atomCount, bonds), options);
}
