namespace MlCgMd.Analysis;

/// <summary>
/// Bead-bead contact frequencies: the fraction of frames in which beads i and j are closer than a cutoff
/// (strictly, |x_i - x_j| &lt; cutoff, in the length unit of the positions). Pairs with |i - j| &lt;
/// <see cref="MinSeparation"/> (e.g. bonded neighbours) and the diagonal are excluded and hold 0.
/// </summary>
public sealed class ContactMap
{
    /// <summary>Symmetric [beads, beads] row-major frequencies in [0, 1].</summary>
    public double[] Frequency { get; }

    public int BeadCount { get; }

    public int MinSeparation { get; }

    public double Cutoff { get; }

    private ContactMap(double[] frequency, int beadCount, int minSeparation, double cutoff)
    {
        Frequency = frequency;
        BeadCount = beadCount;
        MinSeparation = minSeparation;
        Cutoff = cutoff;
    }

    public double this[int i, int j] => Frequency[i * BeadCount + j];

    /// <param name="minSeparation">Smallest |i - j| counted; 1 = every distinct pair.</param>
    public static ContactMap Compute(PositionFrames trajectory, double cutoff, int minSeparation = 1)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        if (!(cutoff > 0))
            throw new ArgumentOutOfRangeException(nameof(cutoff), cutoff, "cutoff must be positive.");
        if (minSeparation < 1)
            throw new ArgumentOutOfRangeException(nameof(minSeparation), minSeparation, "minSeparation must be at least 1.");
        int n = trajectory.ParticleCount;
        var counts = new long[n * n];
        double cutoffSquared = cutoff * cutoff;
        for (int f = 0; f < trajectory.FrameCount; f++)
        {
            var frame = trajectory.Frame(f);
            for (int i = 0; i < n; i++)
                for (int j = i + minSeparation; j < n; j++)
                    if (PositionFrames.SquaredDistance(frame, i, j) < cutoffSquared)
                        counts[i * n + j]++;
        }
        var frequency = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = i + minSeparation; j < n; j++)
                frequency[i * n + j] = frequency[j * n + i] = (double)counts[i * n + j] / trajectory.FrameCount;
        return new ContactMap(frequency, n, minSeparation, cutoff);
    }

    /// <summary>Mean |f_ij - g_ij| over the counted pairs i &lt; j, j - i &gt;= MinSeparation; maps must share beads, cutoff and separation.</summary>
    public double MeanAbsoluteDifference(ContactMap other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.BeadCount != BeadCount || other.MinSeparation != MinSeparation || other.Cutoff != Cutoff)
            throw new ArgumentException(
                $"Contact maps differ in beads/minSeparation/cutoff ({BeadCount}/{MinSeparation}/{Cutoff} vs {other.BeadCount}/{other.MinSeparation}/{other.Cutoff}).",
                nameof(other));
        double sum = 0;
        long pairs = 0;
        for (int i = 0; i < BeadCount; i++)
            for (int j = i + MinSeparation; j < BeadCount; j++)
            {
                sum += Math.Abs(this[i, j] - other[i, j]);
                pairs++;
            }
        if (pairs == 0)
            throw new InvalidOperationException($"No bead pairs with separation >= {MinSeparation} among {BeadCount} beads.");
        return sum / pairs;
    }
}
