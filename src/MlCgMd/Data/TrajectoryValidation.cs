using System.Numerics;
using System.Runtime.InteropServices;

namespace MlCgMd.Data;

/// <summary>
/// Consistency checks shared by reading and writing a trajectory folder. Each check names
/// where the data came from (<paramref name="source"/>: a file and dataset, or an argument)
/// and what was expected, and throws <see cref="InvalidDataException"/>.
/// </summary>
internal static class TrajectoryValidation
{
    /// <param name="positions">[frames, particles, 3]; <paramref name="firstFrame"/> numbers the first one in messages.</param>
    internal static void RequireFiniteCoordinates(ReadOnlySpan<float> positions, int particles, int firstFrame, string source)
    {
        if (AllFinite(positions))
            return;
        for (int i = 0; i < positions.Length; i++)
        {
            if (float.IsFinite(positions[i]))
                continue;
            int perFrame = particles * 3;
            throw new InvalidDataException(
                $"{source} has a non-finite coordinate ({positions[i]}) at frame {firstFrame + i / perFrame}, " +
                $"particle {i % perFrame / 3}, axis {"xyz"[i % 3]}; expected finite coordinates");
        }
    }

    /// <summary>Vectorised screen (x - x is 0 only for finite x); runs on every window the trainer reads.</summary>
    private static bool AllFinite(ReadOnlySpan<float> values)
    {
        var vectors = MemoryMarshal.Cast<float, Vector<float>>(values);
        foreach (var v in vectors)
            if (!Vector.EqualsAll(v - v, Vector<float>.Zero))
                return false;
        for (int i = vectors.Length * Vector<float>.Count; i < values.Length; i++)
            if (!float.IsFinite(values[i]))
                return false;
        return true;
    }

    /// <param name="bonds">[bonds, 2] 0-based particle indices.</param>
    internal static void RequireBondsInRange(ReadOnlySpan<long> bonds, int particles, string source)
    {
        if (bonds.Length % 2 != 0)
            throw new InvalidDataException($"{source} holds {bonds.Length} indices, expected pairs [bonds, 2]");
        for (int i = 0; i < bonds.Length; i++)
        {
            if (bonds[i] >= 0 && bonds[i] < particles)
                continue;
            int bond = i / 2;
            throw new InvalidDataException(
                $"{source}: bond {bond} ({bonds[2 * bond]}, {bonds[2 * bond + 1]}) refers to particle {bonds[i]}, " +
                $"expected 0-based indices in [0, {particles})");
        }
        // A self bond or a bond listed twice (either way round) would count its force twice or pull a particle on itself.
        var seen = new HashSet<(long, long)>();
        for (int bond = 0; bond < bonds.Length / 2; bond++)
        {
            long a = bonds[2 * bond], b = bonds[2 * bond + 1];
            if (a == b)
                throw new InvalidDataException($"{source}: bond {bond} ({a}, {b}) bonds particle {a} to itself, expected two different particles");
            if (!seen.Add((Math.Min(a, b), Math.Max(a, b))))
                throw new InvalidDataException($"{source}: bond {bond} ({a}, {b}) repeats an earlier bond, expected each bond once");
        }
    }

    internal static void RequireLength(long actual, long expected, string what, string source)
    {
        if (actual != expected)
            throw new InvalidDataException($"{source} has {actual} entries, expected {expected} ({what})");
    }

    internal static void RequireNonNegativeTypes(ReadOnlySpan<long> types, string source)
    {
        for (int i = 0; i < types.Length; i++)
            if (types[i] < 0 || types[i] > int.MaxValue)
                throw new InvalidDataException($"{source}: particle {i} has type {types[i]}, expected a non-negative type id");
    }
}
