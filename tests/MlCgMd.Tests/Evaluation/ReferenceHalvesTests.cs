using MlCgMd.Evaluation;

namespace MlCgMd.Tests.Evaluation;

public class ReferenceHalvesTests
{
    [Fact]
    public void Two_identical_halves_have_zero_distance_and_equal_relaxation_times()
    {
        var random = new Random(7);
        // An AR(1) series (relaxation time about 10 frames), repeated: the halves are identical.
        var half = new double[400];
        double x = 0;
        for (int t = 0; t < half.Length; t++)
        {
            x = 0.9 * x + random.NextDouble() - 0.5;
            half[t] = 4 + x;
        }
        var halves = ReferenceHalves.Compute([.. half, .. half, 1000.0], dt: 2.0);   // the odd last frame is dropped
        Assert.Equal(0, halves.Rg2Wasserstein1, 12);
        Assert.Equal(0, halves.Rg2Ks, 12);
        Assert.Equal(halves.FirstMeanRg, halves.SecondMeanRg, 12);
        Assert.NotNull(halves.FirstTau);
        Assert.Equal(halves.FirstTau!.Integral.Value, halves.SecondTau!.Integral.Value, 12);
    }

    [Fact]
    public void Shifted_halves_are_apart_by_the_shift()
    {
        double[] series = [.. Enumerable.Range(0, 50).Select(i => 1.0 + i % 5), .. Enumerable.Range(0, 50).Select(i => 1.5 + i % 5)];
        var halves = ReferenceHalves.Compute(series, dt: 1.0);
        Assert.Equal(0.5, halves.Rg2Wasserstein1, 12);
        Assert.Null(halves.FirstTau);   // 50 frames: too short for block-bootstrap relaxation times
    }
}
