using MlCgMd.Analysis;

namespace MlCgMd.Tests.Analysis;

public class FftTests
{
    [Fact]
    public void Forward_transform_matches_the_discrete_fourier_sum_and_inverse_restores_the_input()
    {
        const int n = 16;
        var random = new Random(3);
        var re = Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray();
        var im = Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray();
        var (re0, im0) = (re.ToArray(), im.ToArray());

        Fft.Transform(re, im, inverse: false);
        for (int k = 0; k < n; k++)
        {
            double sumRe = 0, sumIm = 0;
            for (int j = 0; j < n; j++)
            {
                double angle = -2 * Math.PI * j * k / n;
                sumRe += re0[j] * Math.Cos(angle) - im0[j] * Math.Sin(angle);
                sumIm += re0[j] * Math.Sin(angle) + im0[j] * Math.Cos(angle);
            }
            Assert.Equal(sumRe, re[k], 12);
            Assert.Equal(sumIm, im[k], 12);
        }

        Fft.Transform(re, im, inverse: true);
        for (int j = 0; j < n; j++)
        {
            Assert.Equal(re0[j], re[j], 12);
            Assert.Equal(im0[j], im[j], 12);
        }
    }

    [Fact]
    public void Lengths_that_are_not_powers_of_two_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => Fft.Transform(new double[12], new double[12], inverse: false));
        Assert.Equal(16, Fft.PowerOfTwoAtLeast(9));
    }
}
