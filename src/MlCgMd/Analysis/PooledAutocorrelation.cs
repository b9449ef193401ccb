namespace MlCgMd.Analysis;

/// <summary>
/// Normalised autocorrelation C(t) = c(t) / c(0) pooled over one or more stationary segments of the
/// same observable (independent trajectories, or blocks of one long series), with the unbiased estimator
///   c(t) = sum_s sum_{i=0}^{N_s-1-t} (x_i - m)(x_{i+t} - m) / sum_s (N_s - t),
/// where m is the mean over the pooled segments. Pairs never straddle two segments.
/// Lag products are computed once per segment by FFT, so a bootstrap that resamples segments
/// (<see cref="Normalized(ReadOnlySpan{int})"/>) costs O(segments * lags) per replicate, with the mean
/// recomputed for each resample.
/// </summary>
public sealed class PooledAutocorrelation
{
    private readonly SegmentSums[] _segments;

    /// <summary>Largest lag, in frames; the returned ACF has MaxLag + 1 values.</summary>
    public int MaxLag { get; }

    public int SegmentCount => _segments.Length;

    /// <param name="segments">Each [frames] of one observable sampled every dt.</param>
    /// <param name="maxLag">Largest lag in frames; null = half the shortest segment (GROMACS's default ACF length).</param>
    public PooledAutocorrelation(IReadOnlyList<double[]> segments, int? maxLag = null)
    {
        ArgumentNullException.ThrowIfNull(segments);
        if (segments.Count == 0)
            throw new ArgumentException("segments is empty; at least one series is needed.", nameof(segments));
        int shortest = int.MaxValue;
        double total = 0;
        long count = 0;
        for (int s = 0; s < segments.Count; s++)
        {
            var segment = segments[s] ?? throw new ArgumentNullException($"{nameof(segments)}[{s}]");
            if (segment.Length < 2)
                throw new ArgumentException($"segments[{s}] has {segment.Length} values; at least 2 are needed.", nameof(segments));
            foreach (double v in segment)
            {
                if (!double.IsFinite(v))
                    throw new ArgumentException($"segments[{s}] contains a non-finite value ({v}).", nameof(segments));
                total += v;
            }
            count += segment.Length;
            shortest = Math.Min(shortest, segment.Length);
        }
        MaxLag = maxLag ?? shortest / 2;
        if (MaxLag < 0 || MaxLag > shortest - 1)
            throw new ArgumentOutOfRangeException(nameof(maxLag), maxLag, $"maxLag must be in [0, {shortest - 1}] (shortest segment has {shortest} frames).");

        // Shifting by the pooled mean first keeps the later mean correction small (no cancellation).
        double shift = total / count;
        _segments = new SegmentSums[segments.Count];
        for (int s = 0; s < segments.Count; s++)
            _segments[s] = SegmentSums.Compute(segments[s], shift, MaxLag);
    }

    /// <summary>C(t) for t = 0..MaxLag over all segments; C(0) = 1.</summary>
    public double[] Normalized()
    {
        var all = new int[_segments.Length];
        for (int s = 0; s < all.Length; s++) all[s] = s;
        return Normalized(all);
    }

    /// <summary>C(t) over the given segment indices; repeats count repeatedly (bootstrap resamples).</summary>
    public double[] Normalized(ReadOnlySpan<int> selection)
    {
        if (selection.IsEmpty)
            throw new ArgumentException("selection is empty.", nameof(selection));
        double sum = 0;
        long frames = 0;
        foreach (int s in selection)
        {
            if ((uint)s >= (uint)_segments.Length)
                throw new ArgumentOutOfRangeException(nameof(selection), s, $"segment index must be in [0, {_segments.Length}).");
            sum += _segments[s].Total;
            frames += _segments[s].Length;
        }
        double mean = sum / frames;

        var acf = new double[MaxLag + 1];
        for (int t = 0; t <= MaxLag; t++)
        {
            double covariance = 0;
            long pairs = 0;
            foreach (int s in selection)
            {
                var seg = _segments[s];
                covariance += seg.LagProducts[t] - mean * (seg.HeadSums[t] + seg.TailSums[t]) + mean * mean * (seg.Length - t);
                pairs += seg.Length - t;
            }
            acf[t] = covariance / pairs;
        }
        double variance = acf[0];
        if (!(variance > 0))
            throw new ArgumentException("The series has zero variance; its autocorrelation is undefined.");
        for (int t = 0; t <= MaxLag; t++) acf[t] /= variance;
        return acf;
    }

    /// <summary>Per-segment sums over y = x - shift, for lags 0..maxLag.</summary>
    private sealed record SegmentSums(int Length, double Total, double[] LagProducts, double[] HeadSums, double[] TailSums)
    {
        public static SegmentSums Compute(double[] series, double shift, int maxLag)
        {
            int n = series.Length;
            int padded = Fft.PowerOfTwoAtLeast(2 * n);
            var re = new double[padded];
            var im = new double[padded];
            for (int i = 0; i < n; i++) re[i] = series[i] - shift;

            var prefix = new double[n + 1];
            for (int i = 0; i < n; i++) prefix[i + 1] = prefix[i] + re[i];

            // Wiener-Khinchin: the inverse FFT of |Y|^2 is the lag-product sum; padding to >= 2n stops wrap-around.
            Fft.Transform(re, im, inverse: false);
            for (int k = 0; k < padded; k++)
            {
                re[k] = re[k] * re[k] + im[k] * im[k];
                im[k] = 0;
            }
            Fft.Transform(re, im, inverse: true);

            var lagProducts = new double[maxLag + 1];
            var head = new double[maxLag + 1];
            var tail = new double[maxLag + 1];
            for (int t = 0; t <= maxLag; t++)
            {
                lagProducts[t] = re[t];
                head[t] = prefix[n - t];          // sum of y_i for i = 0..n-1-t
                tail[t] = prefix[n] - prefix[t];  // sum of y_i for i = t..n-1
            }
            return new SegmentSums(n, prefix[n], lagProducts, head, tail);
        }
    }
}
