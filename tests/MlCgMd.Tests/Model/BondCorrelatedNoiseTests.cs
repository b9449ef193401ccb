using MlCgMd.Model;
using MlCgMd.Torch;

namespace MlCgMd.Tests.Model;

public class BondCorrelatedNoiseTests
{
    [Theory]
    [InlineData(0.25)]
    [InlineData(0.5)]
    public void Alpha_gives_the_asked_correlation_for_degree_two_beads(double rho)
    {
        double alpha = BondCorrelatedNoise.Alpha(rho);
        Assert.Equal(rho, 2 * alpha / (1 + 2 * alpha * alpha), 12);
    }

    [Fact]
    public void Bonded_beads_correlate_as_asked_and_every_bead_keeps_unit_variance()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(3);
        // 400 chains of 6 beads (bonds in both directions, as CoarseGrainMap stores them), 3 axes: 7,200 samples per bead slot.
        int chains = 400, length = 6;
        var pairs = new List<long>();
        for (int c = 0; c < chains; c++)
            for (int k = 0; k < length - 1; k++)
            {
                long i = c * length + k;
                pairs.AddRange([i, i + 1, i + 1, i]);
            }
        Tensor bonds = torch.tensor(pairs.ToArray(), [pairs.Count / 2, 2]);
        Tensor like = torch.zeros([chains * length, 3]);
        var samples = Enumerable.Range(0, 6).Select(_ => BondCorrelatedNoise.Sample(like, bonds, 0.25).view(chains, length, 3)).ToArray();
        Tensor n = torch.cat(samples, dim: 0);                                          // [2400, 6, 3]
        double Variance(int k) => n.select(1, k).pow(2L).mean().ToDouble();
        double Correlation(int k) => (n.select(1, k) * n.select(1, k + 1)).mean().ToDouble();
        for (int k = 0; k < length; k++) Assert.Equal(1, Variance(k), 0.05);
        Assert.Equal(0.25, Correlation(2), 0.03);                                        // interior pair, degree 2 both
        Assert.InRange(Correlation(0), 0.2, 0.35);                                       // chain end (degree 1): a little more
        Assert.Equal(0, (n.select(1, 1) * n.select(1, 3)).mean().ToDouble(), 0.04);      // not bonded, no common neighbour: 0.016 by construction
    }

    [Fact]
    public void Zero_correlation_is_the_official_independent_draw()
    {
        using var scope = torch.NewDisposeScope();
        Tensor like = torch.zeros([4, 3]);
        Tensor bonds = torch.tensor(new long[] { 0, 1, 1, 0 }, [2, 2]);
        torch.manual_seed(9);
        float[] official = torch.randn_like(like).ToArray<float>();
        torch.manual_seed(9);
        Assert.Equal(official, BondCorrelatedNoise.Sample(like, bonds, 0).ToArray<float>());
        Assert.Throws<ArgumentOutOfRangeException>(() => BondCorrelatedNoise.Alpha(0.8));
    }
}
