namespace MlCgMd.Analysis;

/// <summary>
/// Blow-up monitors for a rollout: the first frame with a non-finite coordinate, and the largest single-particle
/// displacement between consecutive frames (length unit of the positions). Collision counts
/// (<see cref="Collisions"/>) never count non-finite positions, so check this first.
/// </summary>
public static class RolloutStability
{
    /// <summary>Index of the first frame holding a NaN or infinite coordinate, or null when all are finite.</summary>
    public static int? FirstNonFiniteFrame(PositionFrames trajectory)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        for (int f = 0; f < trajectory.FrameCount; f++)
            foreach (float value in trajectory.Frame(f))
                if (!float.IsFinite(value))
                    return f;
        return null;
    }

    /// <summary>
    /// max_i |x_i(f) - x_i(f - 1)| for f = 1..frames-1: returns [frames - 1] (NaN where a coordinate is non-finite).
    /// Positions must be unwrapped, or a jump across the box reads as a huge displacement.
    /// </summary>
    public static double[] MaxDisplacementPerStep(PositionFrames trajectory)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        var result = new double[Math.Max(0, trajectory.FrameCount - 1)];
        for (int f = 1; f < trajectory.FrameCount; f++)
        {
            var previous = trajectory.Frame(f - 1);
            var current = trajectory.Frame(f);
            double largest = 0;
            for (int i = 0; i < trajectory.ParticleCount; i++)
            {
                double dx = current[3 * i] - (double)previous[3 * i];
                double dy = current[3 * i + 1] - (double)previous[3 * i + 1];
                double dz = current[3 * i + 2] - (double)previous[3 * i + 2];
                double squared = dx * dx + dy * dy + dz * dz;
                largest = double.IsNaN(squared) || double.IsNaN(largest) ? double.NaN : Math.Max(largest, squared);
            }
            result[f - 1] = Math.Sqrt(largest);
        }
        return result;
    }
}
