using MlCgMd.Data;

namespace MlCgMd.Tests.SystemKinds;

/// <summary>
/// Small synthetic electrolyte trajectories in the official battery layout: two linear chains of
/// 10 particles, three 5-particle star anions and four single-particle cations in a cubic box
/// whose edge grows slightly frame by frame, every molecule drifting across the boundary.
/// Stores unwrapped (dynamics) and wrapped positions, lattice.h5, ptype/raw_ptype, bonds with
/// types and mass.h5; the values are kept here so tests can recompute what the pipeline does.
/// </summary>
internal sealed class ElectrolyteDataset
{
    public const int ChainLength = 10, Chains = 2, Anions = 3, AnionSize = 5, Cations = 4;
    public const int Particles = Chains * ChainLength + Anions * AnionSize + Cations;
    public const double Box = 6.0, BoxGrowth = 0.01;

    public required string Root { get; init; }
    public required int Frames { get; init; }
    /// <summary>Per system name: unwrapped positions [frames, particles, 3].</summary>
    public required Dictionary<string, double[]> Unwrapped { get; init; }
    public required int[] Types { get; init; }
    public required double[] Masses { get; init; }
    public required int[] Bonds { get; init; }       // [bonds, 2]
    public required long[] BondTypes { get; init; }  // [bonds]

    public static double BoxAt(int frame) => Box + BoxGrowth * frame;

    public static ElectrolyteDataset Write(string root, int frames = 24)
    {
        var (types, masses, bonds, bondTypes) = Topology();
        var unwrapped = new Dictionary<string, double[]>();
        var names = new[] { "9-0-1-0", "9-0-2-0", "9-0-3-0", "9-0-4-0" };
        for (int s = 0; s < names.Length; s++)
        {
            double[] x = Positions(frames, seed: 40 + s);
            unwrapped[names[s]] = x;
            var folder = new TrajectoryFolder(Path.Combine(root, names[s]), TrajectorySchema.Battery);
            float[] lattices = Enumerable.Range(0, frames).SelectMany(t => Enumerable.Repeat((float)BoxAt(t), 3)).ToArray();
            folder.Write(new Trajectory(frames, new TrajectoryTopology(types, bonds), x.Select(v => (float)v).ToArray(),
                Lattices: lattices));
            var wrapped = new double[x.Length];
            for (int k = 0; k < x.Length; k++)
            {
                double box = BoxAt(k / (Particles * 3));
                wrapped[k] = x[k] - box * Math.Floor(x[k] / box);
            }
            folder.WriteField<double>(TrajectoryField.WrappedPosition, wrapped, [frames, Particles, 3]);
            folder.WriteField<int>(TrajectoryField.RawParticleType, types.Select(t => t + 1).ToArray(), [Particles]);
            folder.WriteField<long>(TrajectoryField.BondType, bondTypes, [bondTypes.Length]);
            folder.WriteField<double>(TrajectoryField.Mass, masses, [Particles]);
        }
        TrajectoryDataset.WriteSplit(Path.Combine(root, SplitFiles.BatteryTrain), names.Take(2));
        TrajectoryDataset.WriteSplit(Path.Combine(root, SplitFiles.BatteryValidation), names.Skip(2).Take(1));
        TrajectoryDataset.WriteSplit(Path.Combine(root, SplitFiles.BatteryTest), names.Skip(3));
        return new ElectrolyteDataset
        {
            Root = root, Frames = frames, Unwrapped = unwrapped, Types = types, Masses = masses, Bonds = bonds, BondTypes = bondTypes,
        };
    }

    /// <summary>Chains (types 0/1, mass 1, bond type 0), star anions (centre type 2 mass 2, arms type 3 mass 1.5, bond type 1), cations (type 4, mass 0.7).</summary>
    private static (int[] Types, double[] Masses, int[] Bonds, long[] BondTypes) Topology()
    {
        var types = new List<int>();
        var masses = new List<double>();
        var bonds = new List<int>();
        var bondTypes = new List<long>();
        for (int c = 0; c < Chains; c++)
        {
            int first = types.Count;
            for (int i = 0; i < ChainLength; i++)
            {
                types.Add(i % 2);
                masses.Add(1.0);
                if (i > 0) { bonds.AddRange([first + i - 1, first + i]); bondTypes.Add(0); }
            }
        }
        for (int a = 0; a < Anions; a++)
        {
            int centre = types.Count;
            types.Add(2);
            masses.Add(2.0);
            for (int arm = 1; arm < AnionSize; arm++)
            {
                types.Add(3);
                masses.Add(1.5);
                bonds.AddRange([centre, centre + arm]);
                bondTypes.Add(1);
            }
        }
        for (int i = 0; i < Cations; i++)
        {
            types.Add(4);
            masses.Add(0.7);
        }
        return (types.ToArray(), masses.ToArray(), bonds.ToArray(), bondTypes.ToArray());
    }

    /// <summary>[frames, particles, 3]: each molecule a rigid-ish shape drifting at its own velocity (crossing the box), plus a wobble.</summary>
    private static double[] Positions(int frames, int seed)
    {
        var random = new Random(seed);
        var shape = new double[Particles * 3];       // offsets from the molecule's anchor
        var molecule = new int[Particles];
        int p = 0, m = 0;
        for (int c = 0; c < Chains; c++, m++)
            for (int i = 0; i < ChainLength; i++, p++)
            {
                molecule[p] = m;
                for (int d = 0; d < 3; d++)
                    shape[p * 3 + d] = i == 0 ? 0 : shape[(p - 1) * 3 + d] + (random.NextDouble() - 0.5) * 1.2;
            }
        double[][] arms = [[0, 0, 0], [0.8, 0, 0], [-0.8, 0, 0], [0, 0.8, 0], [0, 0, 0.8]];
        for (int a = 0; a < Anions; a++, m++)
            for (int k = 0; k < AnionSize; k++, p++)
            {
                molecule[p] = m;
                for (int d = 0; d < 3; d++) shape[p * 3 + d] = arms[k][d];
            }
        for (int i = 0; i < Cations; i++, m++, p++) molecule[p] = m;

        var anchor = Enumerable.Range(0, m * 3).Select(_ => random.NextDouble() * Box).ToArray();
        var velocity = Enumerable.Range(0, m * 3).Select(_ => (random.NextDouble() - 0.5) * 0.8).ToArray();
        var x = new double[frames * Particles * 3];
        for (int t = 0; t < frames; t++)
            for (int i = 0; i < Particles; i++)
                for (int d = 0; d < 3; d++)
                {
                    int j = molecule[i] * 3 + d;
                    x[(t * Particles + i) * 3 + d] = anchor[j] + velocity[j] * t + shape[i * 3 + d] + 0.05 * Math.Sin(0.9 * t + i + d);
                }
        return x;
    }

    /// <summary>Connected component of each particle (molecules in order).</summary>
    public static int[] Components()
    {
        var component = new int[Particles];
        int p = 0, m = 0;
        for (int c = 0; c < Chains; c++, m++) for (int i = 0; i < ChainLength; i++) component[p++] = m;
        for (int a = 0; a < Anions; a++, m++) for (int k = 0; k < AnionSize; k++) component[p++] = m;
        for (int i = 0; i < Cations; i++, m++) component[p++] = m;
        return component;
    }
}
