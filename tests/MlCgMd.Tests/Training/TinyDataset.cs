using MlCgMd.Data;
using MlCgMd.Model;
using MlCgMd.Training;

namespace MlCgMd.Tests.Training;

/// <summary>A few short synthetic chain trajectories in the original layout, and a tiny training config.</summary>
internal static class TinyDataset
{
    /// <param name="particlesPerChain">chain lengths (then chains = its length); default: every chain has <paramref name="particles"/></param>
    public static string Write(string root, int chains = 4, int particles = 24, int frames = 40, int[]? particlesPerChain = null)
    {
        Directory.CreateDirectory(root);
        var names = new List<string>();
        if (particlesPerChain is not null) chains = particlesPerChain.Length;
        for (int c = 0; c < chains; c++)
        {
            if (particlesPerChain is not null) particles = particlesPerChain[c];
            var chain = Tests.Model.SyntheticBatches.RandomChain(particles, frames - 1, perBead: 6, seed: 100 + c);
            var positions = new float[frames * particles * 3];
            for (int t = 0; t < frames; t++)
                for (int i = 0; i < particles; i++)
                    for (int d = 0; d < 3; d++)
                        positions[(t * particles + i) * 3 + d] = t < frames - 1
                            ? chain.History[(i * (frames - 1) + t) * 3 + d]
                            : chain.Target[i * 3 + d];
            int[] bonds = Enumerable.Range(0, particles - 1).SelectMany(i => new[] { i, i + 1 }).ToArray();
            double[] rgs = Enumerable.Range(0, frames).Select(t => 2.0 + 0.01 * t).ToArray();
            string name = $"poly{c:D3}";
            new TrajectoryFolder(Path.Combine(root, name)).Write(new Trajectory(frames,
                new TrajectoryTopology(chain.Types.Select(x => (int)x).ToArray(), bonds), positions, rgs));
            names.Add(name);
        }
        TrajectoryDataset.WriteSplit(Path.Combine(root, "train.txt"), names.Take(chains - 1));
        TrajectoryDataset.WriteSplit(Path.Combine(root, "val.txt"), names.Skip(chains - 1));
        return root;
    }

    public static TrainingConfig Config(string dataDirectory, long steps, bool score = false) => new()
    {
        Tier = "quick",
        Data = new DataSettings { Directory = dataDirectory },
        Model = Tests.Model.SyntheticBatches.SmallConfig(seqLen: 4, score: score) with { CgLevel = 6 },
        Optim = new OptimSettings { Lr = 1e-3 },
        Train = new LoopSettings
        {
            BatchSize = 2, MaxSteps = steps, ValEvery = 3, ValBatches = 2, CheckpointEvery = 3, LogEvery = 1, Seed = 7, Threads = 1,
        },
    };
}
