using System.Text.Json.Serialization;

namespace MlCgMd.Analysis;

/// <summary>
/// Radial distribution function g(r) between two particle sets in a periodic cubic box (minimum
/// image, r up to half the box), averaged over frames, and the coordination number: the mean
/// number of B particles within the first minimum of g(r) around an A particle,
/// 4 pi rho_B integral_0^rmin g(r) r^2 dr (rho_B = N_B / V; a particle in both sets is not its own neighbour).
/// </summary>
public sealed record RadialDistribution(
    [property: JsonPropertyName("bin_width")] double BinWidth,
    [property: JsonPropertyName("g")] double[] G,
    [property: JsonPropertyName("peak_r")] double PeakRadius,
    [property: JsonPropertyName("first_minimum_r")] double FirstMinimum,
    [property: JsonPropertyName("coordination_number")] double CoordinationNumber,
    [property: JsonPropertyName("frames")] int Frames)
{
    /// <param name="positions">[frames, particles, 3] (wrapped or unwrapped)</param>
    /// <param name="boxLengths">[frames] cubic box edge per frame</param>
    /// <param name="coordinationRadius">count the coordination within this radius (e.g. another g(r)'s first minimum, to compare
    /// two trajectories over one shell) instead of within this g(r)'s own first minimum; null: its own</param>
    public static RadialDistribution Compute(ReadOnlySpan<double> positions, int frames, int particles, ReadOnlySpan<double> boxLengths,
                                             IReadOnlyList<int> a, IReadOnlyList<int> b, double binWidth, double? coordinationRadius = null)
    {
        if (a.Count == 0 || b.Count == 0) throw new ArgumentException("both particle sets need at least one particle");
        double rMax = double.PositiveInfinity;
        for (int t = 0; t < frames; t++) rMax = Math.Min(rMax, 0.5 * boxLengths[t]);
        int bins = (int)(rMax / binWidth);
        var counts = new double[bins];
        double normalisation = 0;
        var inB = new HashSet<int>(b);
        for (int t = 0; t < frames; t++)
        {
            double length = boxLengths[t], volume = length * length * length;
            long pairs = 0;
            foreach (int i in a)
            {
                long pi = ((long)t * particles + i) * 3;
                foreach (int j in b)
                {
                    if (j == i) continue;
                    long pj = ((long)t * particles + j) * 3;
                    double r2 = 0;
                    for (int d = 0; d < 3; d++)
                    {
                        double delta = positions[(int)(pj + d)] - positions[(int)(pi + d)];
                        delta -= length * Math.Round(delta / length);
                        r2 += delta * delta;
                    }
                    int bin = (int)(Math.Sqrt(r2) / binWidth);
                    if (bin < bins) counts[bin]++;
                }
                pairs += inB.Contains(i) ? b.Count - 1 : b.Count;
            }
            normalisation += pairs / volume;   // ideal-gas pair density of this frame
        }
        var g = new double[bins];
        for (int k = 0; k < bins; k++)
        {
            double shell = 4.0 / 3.0 * Math.PI * (Math.Pow((k + 1) * binWidth, 3) - Math.Pow(k * binWidth, 3));
            g[k] = counts[k] / (normalisation * shell);
        }
        int peak = Array.IndexOf(g, g.Max());
        int minimum = coordinationRadius is { } radius ? Math.Min(bins, (int)Math.Round(radius / binWidth)) : FirstMinimumAfter(g, peak);
        double meanDensity = normalisation / frames / a.Count;
        double coordination = 0;
        for (int k = 0; k < minimum; k++)
            coordination += g[k] * 4.0 / 3.0 * Math.PI * (Math.Pow((k + 1) * binWidth, 3) - Math.Pow(k * binWidth, 3));
        coordination *= meanDensity;
        return new RadialDistribution(binWidth, g, (peak + 0.5) * binWidth, minimum * binWidth, coordination, frames);
    }

    /// <summary>First bin after the peak whose 3-bin average is no larger than its neighbours' (the end if none).</summary>
    private static int FirstMinimumAfter(double[] g, int peak)
    {
        double Smooth(int k) => (g[Math.Max(k - 1, 0)] + g[k] + g[Math.Min(k + 1, g.Length - 1)]) / 3.0;
        for (int k = peak + 2; k < g.Length - 2; k++)
            if (Smooth(k) <= Smooth(k - 1) && Smooth(k) < Smooth(k + 1)) return k;
        return g.Length;
    }
}
