using MlCgMd.Data;

namespace MlCgMd.SystemKinds;

/// <summary>The weight of every particle of a trajectory under its kind's <see cref="WeightRule"/>.</summary>
public static class ParticleWeights
{
    /// <returns>[particles] positive weights</returns>
    public static double[] Of(SystemKind kind, TrajectoryFolder folder, TrajectoryTopology topology)
    {
        int n = topology.ParticleCount;
        if (kind.Weights == WeightRule.Unit) return Enumerable.Repeat(1.0, n).ToArray();
        return folder.Has(TrajectoryField.Mass) ? StoredMasses(folder, n) : AtomicMassesOf(folder, topology);
    }

    private static double[] StoredMasses(TrajectoryFolder folder, int particles)
    {
        var field = TrajectoryField.Mass;
        var stored = folder.ReadField<double>(field);
        string source = $"'{folder.FileOf(field)}' dataset '{field.DatasetName}'";
        if (stored.Shape is not [var length] || length != particles)
            throw new InvalidDataException(
                $"{source} has shape [{string.Join(", ", stored.Shape)}], expected [{particles}] ({field.Layout})");
        for (int i = 0; i < particles; i++)
            if (!(stored.Data[i] > 0) || !double.IsFinite(stored.Data[i]))
                throw new InvalidDataException($"{source}: particle {i} has mass {stored.Data[i]}, expected a positive finite mass");
        return stored.Data;
    }

    /// <summary>The official battery rule: ptype.h5 holds atomic numbers; the weight is the standard atomic mass.</summary>
    private static double[] AtomicMassesOf(TrajectoryFolder folder, TrajectoryTopology topology)
    {
        var weights = new double[topology.ParticleCount];
        for (int i = 0; i < weights.Length; i++)
        {
            int z = topology.ParticleTypes[i];
            if (z < 1 || z >= AtomicMasses.ByAtomicNumber.Length)
                throw new InvalidDataException(
                    $"'{folder.FileOf(TrajectoryField.ParticleType)}': particle {i} has type {z}, but without " +
                    $"{TrajectoryField.Mass.FileName} the types must be atomic numbers 1..{AtomicMasses.ByAtomicNumber.Length - 1}");
            weights[i] = AtomicMasses.ByAtomicNumber[z];
        }
        return weights;
    }
}
