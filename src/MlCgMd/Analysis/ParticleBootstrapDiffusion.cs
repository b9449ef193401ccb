namespace MlCgMd.Analysis;

/// <summary>
/// Self-diffusion coefficient of a particle set with a bootstrap error: MSD(k) is averaged over the selected
/// particles and over the time origins t that see every lag of the fit window (t + endLag &lt; frames), D is the
/// least-squares slope of MSD over lags startLag..endLag divided by 6. Each replicate resamples whole particles
/// (each with its own time-averaged MSD curve) with replacement. Resampling blocks of time origins instead was
/// measured to underestimate the run-to-run spread 3.4-fold (Brownian walkers, 10 blocks, lags up to half the
/// run): origins further apart than a block share most of their displacement at lags much longer than a block.
/// Particles that move together (ions in one cage) make this error too small as well; it is a lower bound there.
/// </summary>
public static class ParticleBootstrapDiffusion
{
    public const int DefaultReplicates = 1000;

    /// <summary>Time origins needed beyond the longest lag of the fit window.</summary>
    public const int MinimumOrigins = 10;

    /// <param name="positions">[frames, particles, 3] unwrapped</param>
    /// <param name="selected">particles averaged over</param>
    /// <param name="frameInterval">time between frames</param>
    /// <param name="startLag">first lag of the fit window (frames), at least 1</param>
    /// <param name="endLag">last lag of the fit window (frames), with at least <see cref="MinimumOrigins"/> origins left</param>
    public static BootstrapEstimate Estimate(ReadOnlySpan<float> positions, int frames, int particles, IReadOnlyList<int> selected,
                                             double frameInterval, int startLag, int endLag, int replicates = DefaultReplicates, int seed = 1)
    {
        if (positions.Length != (long)frames * particles * 3)
            throw new ArgumentException($"positions has {positions.Length} values, expected frames * particles * 3 = {(long)frames * particles * 3}");
        if (selected.Count == 0) throw new ArgumentException("no particles to fit a diffusion coefficient to");
        if (startLag < 1 || endLag - startLag < 1)
            throw new ArgumentOutOfRangeException(nameof(startLag), $"fit window {startLag}..{endLag} must hold two lags or more from lag 1 on");
        int origins = frames - endLag;
        if (origins < MinimumOrigins)
            throw new ArgumentException($"{frames} frames leave {origins} time origins for lags up to {endLag}; at least {MinimumOrigins} are needed");

        // msd[s, k]: particle s's squared displacement at lag startLag + k averaged over the origins.
        int lags = endLag - startLag + 1, n = selected.Count;
        var msd = new double[n, lags];
        for (int s = 0; s < n; s++)
        {
            int i = selected[s];
            if (i < 0 || i >= particles)
                throw new ArgumentOutOfRangeException(nameof(selected), i, $"particle index outside 0..{particles - 1}");
            for (int k = 0; k < lags; k++)
            {
                double sum = 0;
                for (int t = 0; t < origins; t++)
                {
                    long from = ((long)t * particles + i) * 3, to = ((long)(t + startLag + k) * particles + i) * 3;
                    double dx = positions[(int)to] - positions[(int)from];
                    double dy = positions[(int)to + 1] - positions[(int)from + 1];
                    double dz = positions[(int)to + 2] - positions[(int)from + 2];
                    sum += dx * dx + dy * dy + dz * dz;
                }
                msd[s, k] = sum / origins;
            }
        }

        double Fit(IEnumerable<int> drawn)
        {
            var average = new double[lags];
            int count = 0;
            foreach (int s in drawn)
            {
                count++;
                for (int k = 0; k < lags; k++) average[k] += msd[s, k];
            }
            for (int k = 0; k < lags; k++) average[k] /= count;
            return Slope(average, frameInterval, startLag) / 6.0;
        }

        double value = Fit(Enumerable.Range(0, n));
        var random = new Random(seed);
        var draws = new double[replicates];
        for (int r = 0; r < replicates; r++)
            draws[r] = Fit(Enumerable.Range(0, n).Select(_ => random.Next(n)).ToArray());
        return BootstrapEstimate.FromReplicates(value, draws);
    }

    /// <summary>Least-squares slope of msd[k] against time (startLag + k) · dt.</summary>
    private static double Slope(double[] msd, double dt, int startLag)
    {
        double n = msd.Length, sumT = 0, sumY = 0, sumTT = 0, sumTY = 0;
        for (int k = 0; k < msd.Length; k++)
        {
            double t = (startLag + k) * dt;
            sumT += t; sumY += msd[k]; sumTT += t * t; sumTY += t * msd[k];
        }
        return (n * sumTY - sumT * sumY) / (n * sumTT - sumT * sumT);
    }
}
