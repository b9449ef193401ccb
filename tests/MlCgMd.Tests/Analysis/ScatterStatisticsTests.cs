using MlCgMd.Analysis;

namespace MlCgMd.Tests.Analysis;

public class ScatterStatisticsTests
{
    [Fact]
    public void Perfect_line_has_Pearson_r_1_but_identity_R2_below_1_unless_y_equals_x()
    {
        double[] x = [1, 2, 3, 4, 5];
        var line = ScatterStatistics.Compute(x, x.Select(v => 2 * v + 1).ToArray());
        Assert.Equal(1.0, line.PearsonR, 12);
        Assert.Equal(1.0, line.PearsonRSquared, 12);
        Assert.True(line.IdentityRSquared < 1);

        var identity = ScatterStatistics.Compute(x, x);
        Assert.Equal(1.0, identity.IdentityRSquared, 12);
        Assert.Equal(0.0, identity.MeanAbsoluteError, 12);
    }

    [Fact]
    public void Errors_match_the_hand_computation()
    {
        var stats = ScatterStatistics.Compute([1.0, 2.0, 4.0], [2.0, 2.0, 3.0]);
        Assert.Equal(2.0 / 3.0, stats.MeanAbsoluteError, 12);
        Assert.Equal((1.0 + 0.0 + 0.25) / 3.0, stats.MeanRelativeError, 12);
        // Against the reference's spread: x mean 7/3, SS_x = 14/3; SS_res = 2 -> R^2 = 1 - 6/14.
        Assert.Equal(4.0 / 7.0, stats.IdentityRSquared, 12);
        Assert.Equal(-1.0, ScatterStatistics.Compute([1.0, 2.0, 3.0], [3.0, 2.0, 1.0]).PearsonR, 12);
    }

    [Fact]
    public void Mismatched_lengths_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => ScatterStatistics.Compute([1.0, 2.0], [1.0]));
    }
}
