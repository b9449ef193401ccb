using MlCgMd.Model;
using MlCgMd.Torch;

namespace MlCgMd.Tests.Graphs;

public class RadiusOfGyrationTests
{
    [Fact]
    public void Weighted_rg_per_system_matches_a_direct_computation()
    {
        int[] counts = [7, 4];
        double[] x = RadiusGraphTests.RandomPositions(11, seed: 2, extent: 6);
        double[] w = Enumerable.Range(0, 11).Select(i => 1.0 + i % 3).ToArray();
        using var scope = torch.NewDisposeScope();

        double[] rg = RadiusOfGyration.Weighted(torch.tensor(x, [11, 3]), torch.tensor(w, [11, 1]), counts).ToArray<double>();

        int first = 0;
        for (int s = 0; s < 2; s++)
        {
            int[] nodes = Enumerable.Range(first, counts[s]).ToArray();
            double total = nodes.Sum(i => w[i]);
            double[] c = Enumerable.Range(0, 3).Select(d => nodes.Sum(i => w[i] * x[3 * i + d]) / total).ToArray();
            double expected = Math.Sqrt(nodes.Sum(i => w[i] * Enumerable.Range(0, 3).Sum(d => Math.Pow(x[3 * i + d] - c[d], 2))) / total);
            Assert.Equal(expected, rg[s], 12);
            first += counts[s];
        }
    }

    [Fact]
    public void Two_equal_masses_have_rg_of_half_their_distance()
    {
        using var scope = torch.NewDisposeScope();
        Tensor rg = RadiusOfGyration.Weighted(torch.tensor(new double[] { 0, 0, 0, 0, 3, 4 }, [2, 3]), torch.ones([2], torch.float64), [2]);
        Assert.Equal(2.5, rg.ToArray<double>()[0], 12);
    }
}
