using MlCgMd.CoarseGraining;
using MlCgMd.Torch;

namespace MlCgMd.Tests.CoarseGraining;

public class CoarseGrainMapTests
{
    private static readonly (int atomCount, int[] bonds, int[] componentSizes) System =
        FineSystems.Electrolyte([60, 41], anions: 2, cations: 3, seed: 2);

    private static CoarseGrainMap Map(double[]? weights = null) =>
        CoarseGrainMap.Create(System.atomCount, System.bonds, weights, new CoarseGrainingOptions { CgLevel = 7, Recursive = true });

    [Fact]
    public void Bead_centres_are_the_weighted_means_of_their_atoms()
    {
        double[] weights = FineSystems.RandomWeights(System.atomCount, 1);
        double[] x = FineSystems.RandomPositions(System.atomCount, 2);
        CoarseGrainMap map = Map(weights);

        double[] com = map.CenterOfMass(x);

        for (int b = 0; b < map.BeadCount; b++)
        {
            int[] members = Enumerable.Range(0, map.AtomCount).Where(a => map.Cluster[a] == b).ToArray();
            double total = members.Sum(a => weights[a]);
            Assert.Equal(total, map.BeadWeights[b], 10);
            Assert.Equal(members.Length, map.BeadSizes[b]);
            for (int d = 0; d < 3; d++)
                Assert.Equal(members.Sum(a => weights[a] * x[3 * a + d]) / total, com[3 * b + d], 10);
        }
    }

    [Fact]
    public void Window_of_frames_is_mapped_frame_by_frame()
    {
        CoarseGrainMap map = Map(FineSystems.RandomWeights(System.atomCount, 1));
        double[] window = FineSystems.RandomPositions(3 * System.atomCount, 4);

        double[] beads = map.CentersOfMass(window, frames: 3);

        double[] middle = map.CenterOfMass(window.AsSpan(3 * map.AtomCount, 3 * map.AtomCount));
        Assert.Equal(middle, beads[(3 * map.BeadCount)..(6 * map.BeadCount)]);
        float[] single = map.CentersOfMass(window.Select(v => (float)v).ToArray(), frames: 3);
        Assert.All(Enumerable.Range(0, beads.Length), k => Assert.Equal(beads[k], single[k], 1e-5));
    }

    [Fact]
    public void Cg_bonds_are_exactly_the_bead_pairs_joined_by_a_fine_bond()
    {
        CoarseGrainMap map = Map();
        var expected = new List<(int, int)>();
        for (int p = 0; p < map.BeadCount; p++)
            for (int q = 0; q < map.BeadCount; q++)
            {
                if (p == q) continue;
                bool joined = false;
                for (int k = 0; k < System.bonds.Length; k += 2)
                {
                    int ci = map.Cluster[System.bonds[k]], cj = map.Cluster[System.bonds[k + 1]];
                    joined |= (ci == p && cj == q) || (ci == q && cj == p);
                }
                if (joined) expected.Add((p, q));
            }

        var actual = Enumerable.Range(0, map.CgBondCount).Select(e => (map.CgBonds[2 * e], map.CgBonds[2 * e + 1])).ToList();
        Assert.Equal(expected, actual);
        Assert.NotEmpty(actual);
    }

    [Fact]
    public void Stored_clusters_rebuild_the_same_map()
    {
        double[] weights = FineSystems.RandomWeights(System.atomCount, 3);
        CoarseGrainMap map = Map(weights);
        CoarseGrainMap rebuilt = CoarseGrainMap.FromClusters(map.Cluster, weights, System.bonds);

        Assert.Equal(map.BeadCount, rebuilt.BeadCount);
        Assert.Equal(map.CgBonds, rebuilt.CgBonds);
        Assert.Equal(map.BeadWeights, rebuilt.BeadWeights);
    }

    [Fact]
    public void Clusters_with_an_empty_bead_are_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => CoarseGrainMap.FromClusters([0, 2, 2], null, FineSystems.Chain(3)));
        Assert.Contains("bead 1", e.Message);
    }

    [Fact]
    public void Concatenated_maps_offset_beads_and_cg_bonds()
    {
        CoarseGrainMap a = CoarseGrainMap.FromClusters([0, 0, 1, 1], null, FineSystems.Chain(4));
        CoarseGrainMap b = CoarseGrainMap.FromClusters([0, 1, 1], [2, 1, 1], FineSystems.Chain(3));

        CoarseGrainMap both = CoarseGrainMap.Concatenate([a, b]);

        Assert.Equal(4, both.BeadCount);
        Assert.Equal([0, 0, 1, 1, 2, 3, 3], both.Cluster);
        Assert.Equal([0, 1, 1, 0, 2, 3, 3, 2], both.CgBonds);
        Assert.Equal([2.0, 2, 2, 2], both.BeadWeights);
    }

    [Fact]
    public void Tensor_centres_match_the_array_centres_for_any_atom_dimension()
    {
        double[] weights = FineSystems.RandomWeights(System.atomCount, 5);
        CoarseGrainMap map = Map(weights);
        double[] x = FineSystems.RandomPositions(2 * System.atomCount, 6);
        double[] expected = map.CentersOfMass(x, frames: 2);
        using var scope = torch.NewDisposeScope();

        Tensor framesFirst = torch.tensor(x, [2, map.AtomCount, 3]);
        Assert.Equal(expected, map.CenterOfMass(framesFirst).ToArray<double>());

        Tensor atomsFirst = framesFirst.permute(1, 0, 2).contiguous().@float();
        float[] actual = map.CenterOfMass(atomsFirst, atomDim: 0).permute(1, 0, 2).contiguous().ToArray<float>();
        Assert.All(Enumerable.Range(0, expected.Length), k => Assert.Equal(expected[k], actual[k], 1e-5));
    }

    [Fact]
    public void Gradient_of_a_bead_centre_is_atom_weight_over_bead_weight()
    {
        double[] weights = FineSystems.RandomWeights(System.atomCount, 7);
        CoarseGrainMap map = Map(weights);
        double[] x = FineSystems.RandomPositions(System.atomCount, 8);
        double[] coefficients = FineSystems.RandomPositions(map.BeadCount, 9);
        using var scope = torch.NewDisposeScope();

        Tensor positions = torch.tensor(x, [map.AtomCount, 3], requires_grad: true);
        Tensor c = torch.tensor(coefficients, [map.BeadCount, 3]);
        (map.CenterOfMass(positions) * c).sum().backward();
        double[] grad = positions.grad!.ToArray<double>();

        for (int a = 0; a < map.AtomCount; a++)
        {
            int b = map.Cluster[a];
            for (int d = 0; d < 3; d++)
                Assert.Equal(weights[a] / map.BeadWeights[b] * coefficients[3 * b + d], grad[3 * a + d], 12);
        }

        // Finite difference on one coordinate, through the array implementation.
        const double h = 1e-6;
        int atom = 17, axis = 1;
        double Objective(double[] p) => map.CenterOfMass(p).Select((v, k) => v * coefficients[k]).Sum();
        double[] plus = (double[])x.Clone(), minus = (double[])x.Clone();
        plus[3 * atom + axis] += h;
        minus[3 * atom + axis] -= h;
        Assert.Equal((Objective(plus) - Objective(minus)) / (2 * h), grad[3 * atom + axis], 6);
    }

    [Fact]
    public void Mean_over_beads_averages_member_features()
    {
        CoarseGrainMap map = CoarseGrainMap.FromClusters([0, 1, 0, 1, 1], [5, 1, 1, 1, 1], FineSystems.Chain(5));
        using var scope = torch.NewDisposeScope();
        Tensor features = torch.tensor(new float[] { 1, 10, 3, 20, 60 }, [5, 1]);

        Assert.Equal([2f, 30f], map.MeanOverBeads(features).ToArray<float>());
    }

    [Fact]
    public void Positions_with_the_wrong_atom_count_are_rejected()
    {
        CoarseGrainMap map = Map();
        Assert.Throws<ArgumentException>(() => map.CenterOfMass(new double[3 * (map.AtomCount - 1)]));
        using var scope = torch.NewDisposeScope();
        Assert.Throws<ArgumentException>(() => map.CenterOfMass(torch.zeros(map.AtomCount, 2, 3)));
    }
}
