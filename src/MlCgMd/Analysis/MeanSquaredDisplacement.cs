namespace MlCgMd.Analysis;

/// <summary>
/// Mean squared displacement of a set of particles from unwrapped positions, averaged over every
/// time origin and every particle: MSD(k) = &lt;|x_i(t + k) - x_i(t)|^2&gt;_{i, t} for lags k = 0..maxLag
/// frames, and the same per particle (for error bars across particles).
/// </summary>
public static class MeanSquaredDisplacement
{
    /// <param name="positions">[frames, particles, 3] unwrapped</param>
    /// <param name="selected">indices of the particles to average over</param>
    /// <returns>[selected, maxLag + 1]: each selected particle's MSD averaged over time origins</returns>
    public static double[,] PerParticle(ReadOnlySpan<double> positions, int frames, int particles, IReadOnlyList<int> selected, int maxLag)
    {
        if (positions.Length != (long)frames * particles * 3)
            throw new ArgumentException($"positions has {positions.Length} values, expected frames * particles * 3 = {(long)frames * particles * 3}");
        if (maxLag < 1 || maxLag >= frames)
            throw new ArgumentOutOfRangeException(nameof(maxLag), maxLag, $"the largest lag must be between 1 and frames - 1 = {frames - 1}");
        var msd = new double[selected.Count, maxLag + 1];
        for (int s = 0; s < selected.Count; s++)
        {
            int i = selected[s];
            if (i < 0 || i >= particles)
                throw new ArgumentOutOfRangeException(nameof(selected), i, $"particle index outside 0..{particles - 1}");
            for (int lag = 1; lag <= maxLag; lag++)
            {
                double sum = 0;
                for (int t = 0; t + lag < frames; t++)
                {
                    long a = ((long)t * particles + i) * 3, b = ((long)(t + lag) * particles + i) * 3;
                    double dx = positions[(int)b] - positions[(int)a], dy = positions[(int)b + 1] - positions[(int)a + 1], dz = positions[(int)b + 2] - positions[(int)a + 2];
                    sum += dx * dx + dy * dy + dz * dz;
                }
                msd[s, lag] = sum / (frames - lag);
            }
        }
        return msd;
    }

    /// <summary>The particle average of <see cref="PerParticle"/>: [maxLag + 1].</summary>
    public static double[] Average(double[,] perParticle)
    {
        int n = perParticle.GetLength(0), lags = perParticle.GetLength(1);
        var average = new double[lags];
        for (int s = 0; s < n; s++)
            for (int k = 0; k < lags; k++)
                average[k] += perParticle[s, k] / n;
        return average;
    }
}
