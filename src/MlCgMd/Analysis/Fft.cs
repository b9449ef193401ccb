namespace MlCgMd.Analysis;

/// <summary>
/// In-place iterative radix-2 complex FFT (Cooley-Tukey). Callers zero-pad to a power of two;
/// the autocorrelation pads to at least twice the series length so the circular correlation is linear.
/// </summary>
internal static class Fft
{
    /// <summary>Smallest power of two that is at least <paramref name="length"/>.</summary>
    public static int PowerOfTwoAtLeast(int length)
    {
        if (length < 1 || length > (1 << 30))
            throw new ArgumentOutOfRangeException(nameof(length), length, "length must be in [1, 2^30].");
        int n = 1;
        while (n < length) n <<= 1;
        return n;
    }

    /// <summary>
    /// Transforms (re, im) in place: X_k = sum_j x_j exp(-2 pi i jk / n) forward, and the inverse
    /// with exp(+...) scaled by 1/n. Both spans have length n, a power of two.
    /// </summary>
    public static void Transform(Span<double> re, Span<double> im, bool inverse)
    {
        int n = re.Length;
        if (im.Length != n)
            throw new ArgumentException($"re has {n} values but im has {im.Length}; they must match.");
        if (n == 0 || (n & (n - 1)) != 0)
            throw new ArgumentException($"FFT length {n} is not a power of two.");

        for (int i = 1, j = 0; i < n; i++)
        {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) j ^= bit;
            j ^= bit;
            if (i < j)
            {
                (re[i], re[j]) = (re[j], re[i]);
                (im[i], im[j]) = (im[j], im[i]);
            }
        }

        // Twiddles exp(-+2 pi i j / n), computed directly (not by recurrence) to keep round-off at machine precision.
        double sign = inverse ? 1.0 : -1.0;
        int halfLength = n / 2;
        var cos = new double[Math.Max(1, halfLength)];
        var sin = new double[Math.Max(1, halfLength)];
        for (int j = 0; j < halfLength; j++)
        {
            double angle = sign * 2.0 * Math.PI * j / n;
            cos[j] = Math.Cos(angle);
            sin[j] = Math.Sin(angle);
        }

        for (int size = 2; size <= n; size <<= 1)
        {
            int half = size >> 1;
            int stride = n / size;
            // Butterfly groups outermost so each group's memory is visited contiguously (cache-friendly for long series).
            for (int start = 0; start < n; start += size)
            {
                for (int k = 0; k < half; k++)
                {
                    double wr = cos[k * stride], wi = sin[k * stride];
                    int top = start + k, other = top + half;
                    double tr = wr * re[other] - wi * im[other];
                    double ti = wr * im[other] + wi * re[other];
                    re[other] = re[top] - tr;
                    im[other] = im[top] - ti;
                    re[top] += tr;
                    im[top] += ti;
                }
            }
        }

        if (inverse)
        {
            double scale = 1.0 / n;
            for (int i = 0; i < n; i++) { re[i] *= scale; im[i] *= scale; }
        }
    }
}
