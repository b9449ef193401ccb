namespace MlCgMd.Analysis;

/// <summary>
/// Positions of a fixed set of particles over a sequence of frames, the input of the structural analyses.
/// Layout: <see cref="Positions"/> is [frames, particles, 3] row-major, in the length unit of the source
/// (LJ sigma for the polymer system). Coordinates must be unwrapped (no periodic images).
/// </summary>
public sealed class PositionFrames
{
    /// <summary>Flat positions, [frames * particles * 3] row-major (frame, particle, xyz).</summary>
    public float[] Positions { get; }

    public int FrameCount { get; }

    public int ParticleCount { get; }

    /// <param name="positions">[frames * particles * 3] row-major.</param>
    /// <param name="particleCount">Particles per frame; must be positive.</param>
    public PositionFrames(float[] positions, int particleCount)
    {
        ArgumentNullException.ThrowIfNull(positions);
        if (particleCount <= 0)
            throw new ArgumentOutOfRangeException(nameof(particleCount), particleCount, "particleCount must be positive.");
        if (positions.Length % (particleCount * 3) != 0)
            throw new ArgumentException(
                $"positions has {positions.Length} values, not a multiple of particles*3 = {particleCount * 3} (expected shape [frames, {particleCount}, 3]).",
                nameof(positions));
        Positions = positions;
        ParticleCount = particleCount;
        FrameCount = positions.Length / (particleCount * 3);
    }

    /// <summary>Stacks per-frame arrays, each [particles * 3], into one trajectory.</summary>
    public static PositionFrames FromFrames(IReadOnlyList<float[]> frames)
    {
        ArgumentNullException.ThrowIfNull(frames);
        if (frames.Count == 0)
            throw new ArgumentException("frames is empty; at least one frame is needed.", nameof(frames));
        int width = frames[0].Length;
        if (width == 0 || width % 3 != 0)
            throw new ArgumentException($"frames[0] has {width} values; expected [particles * 3] with particles > 0.", nameof(frames));
        var flat = new float[frames.Count * width];
        for (int f = 0; f < frames.Count; f++)
        {
            if (frames[f].Length != width)
                throw new ArgumentException($"frames[{f}] has {frames[f].Length} values; expected {width} like frames[0].", nameof(frames));
            frames[f].CopyTo(flat, f * width);
        }
        return new PositionFrames(flat, width / 3);
    }

    /// <summary>One frame, [particles * 3].</summary>
    public ReadOnlySpan<float> Frame(int frame)
    {
        if ((uint)frame >= (uint)FrameCount)
            throw new ArgumentOutOfRangeException(nameof(frame), frame, $"frame must be in [0, {FrameCount}).");
        int width = ParticleCount * 3;
        return Positions.AsSpan(frame * width, width);
    }

    /// <summary>Squared distance between particles <paramref name="i"/> and <paramref name="j"/> of one frame.</summary>
    internal static double SquaredDistance(ReadOnlySpan<float> frame, int i, int j)
    {
        double dx = frame[3 * i] - (double)frame[3 * j];
        double dy = frame[3 * i + 1] - (double)frame[3 * j + 1];
        double dz = frame[3 * i + 2] - (double)frame[3 * j + 2];
        return dx * dx + dy * dy + dz * dz;
    }
}
