using MlCgMd.Model;
using MlCgMd.Torch;

namespace MlCgMd.Tests.Model;

/// <summary>Small hand-made chain systems for model tests (no METIS, no files).</summary>
internal static class SyntheticBatches
{
    /// <summary>A chain of <paramref name="particles"/> beads split into contiguous beads of <paramref name="perBead"/>.</summary>
    public sealed record Chain(float[] History /* [N, T, 3] */, float[] Target /* [N, 3] */, long[] Types, int Particles,
                               int Frames, int PerBead, float[] RgLabels /* [T] */)
    {
        public int Beads => (Particles + PerBead - 1) / PerBead;
    }

    public static Chain RandomChain(int particles, int frames, int perBead, int seed)
    {
        var random = new Random(seed);
        var history = new float[particles * frames * 3];
        var target = new float[particles * 3];
        var start = new double[particles * 3];
        for (int i = 1; i < particles; i++)
            for (int d = 0; d < 3; d++)
                start[i * 3 + d] = start[(i - 1) * 3 + d] + (random.NextDouble() - 0.5) * 1.6;
        var velocity = new double[particles * 3];
        for (int k = 0; k < velocity.Length; k++) velocity[k] = (random.NextDouble() - 0.5) * 0.2;
        for (int t = 0; t <= frames; t++)
            for (int i = 0; i < particles; i++)
                for (int d = 0; d < 3; d++)
                {
                    double x = start[i * 3 + d] + velocity[i * 3 + d] * t + 0.05 * Math.Sin(0.7 * t + i + d);
                    if (t < frames) history[(i * frames + t) * 3 + d] = (float)x;
                    else target[i * 3 + d] = (float)x;
                }
        long[] types = Enumerable.Range(0, particles).Select(i => (long)(i % 4)).ToArray();
        float[] rg = Enumerable.Range(0, frames).Select(t => 2.0f + 0.01f * t).ToArray();
        return new Chain(history, target, types, particles, frames, perBead, rg);
    }

    /// <summary>Batches chains as the data pipeline does (offsets per system, both bond directions).</summary>
    public static ModelBatch Batch(IReadOnlyList<Chain> chains, float shift = 0)
    {
        var history = new List<float>();
        var target = new List<float>();
        var types = new List<long>();
        var bonds = new List<long>();
        var cluster = new List<long>();
        var cgBonds = new List<long>();
        var rg = new List<float>();
        long particleOffset = 0, beadOffset = 0;
        foreach (Chain c in chains)
        {
            history.AddRange(c.History.Select(x => x + shift));
            target.AddRange(c.Target.Select(x => x + shift));
            types.AddRange(c.Types);
            for (int i = 0; i + 1 < c.Particles; i++)
            {
                bonds.AddRange([particleOffset + i, particleOffset + i + 1]);
                bonds.AddRange([particleOffset + i + 1, particleOffset + i]);
            }
            for (int i = 0; i < c.Particles; i++) cluster.Add(beadOffset + i / c.PerBead);
            for (int b = 0; b + 1 < c.Beads; b++)
            {
                cgBonds.AddRange([beadOffset + b, beadOffset + b + 1]);
                cgBonds.AddRange([beadOffset + b + 1, beadOffset + b]);
            }
            rg.AddRange(c.RgLabels);
            particleOffset += c.Particles;
            beadOffset += c.Beads;
        }
        int frames = chains[0].Frames;
        return new ModelBatch
        {
            PositionHistory = torch.tensor(history.ToArray(), [particleOffset, frames, 3]),
            Target = torch.tensor(target.ToArray(), [particleOffset, 3]),
            ParticleTypes = torch.tensor(types.ToArray()),
            Weights = torch.ones(particleOffset),
            ParticleCounts = chains.Select(c => (long)c.Particles).ToArray(),
            Bonds = torch.tensor(bonds.ToArray(), [bonds.Count / 2, 2]),
            Cluster = torch.tensor(cluster.ToArray()),
            BeadCounts = chains.Select(c => (long)c.Beads).ToArray(),
            CgBonds = torch.tensor(cgBonds.ToArray(), [cgBonds.Count / 2, 2]),
            RgLabels = torch.tensor(rg.ToArray(), [chains.Count, frames]),
        };
    }

    /// <summary>A small model for fast tests.</summary>
    public static ModelConfig SmallConfig(int seqLen, bool score = false, bool property = true) => new()
    {
        SeqLen = seqLen,
        CgLevel = 4,
        Radius = 50,
        EmbeddingGn = new GnHyperparameters(16, 16, 1, 2),
        DynamicsGn = new GnHyperparameters(32, 32, 1, 2),
        ScoreGn = score ? new GnHyperparameters(32, 32, 1, 2) : null,
        PropertyNet = property ? new PropertyNetHyperparameters(16, 1, 1) : null,
        SigmaLevel = 5,
        StepPerSigma = 2,
    };
}
