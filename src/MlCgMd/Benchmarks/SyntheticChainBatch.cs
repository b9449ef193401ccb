using MlCgMd.CoarseGraining;
using MlCgMd.Model;
using MlCgMd.Systems;
using MlCgMd.Torch;

namespace MlCgMd.Benchmarks;

/// <summary>
/// A deterministic training batch of comb-like chains for timing the model without data
/// loading: per system a random A/B sequence (<see cref="PolymerSystem.FromSequence"/>),
/// a random-walk conformation drifting slowly over seq_len + 1 frames, contiguous clusters
/// of about cg_level beads, and the fine-chain Rg of every history frame as labels.
/// Indices are laid out as <see cref="Batching.BatchAssembler"/> lays them out.
/// </summary>
public static class SyntheticChainBatch
{
    // Random-walk bond step and per-frame drift (σ): realistic magnitudes, not physics.
    private const double BondStep = 0.5;
    private const double FrameDrift = 0.02;

    /// <param name="systems">chains in the batch</param>
    /// <param name="particles">fine beads per chain (even: one backbone and one side bead per monomer)</param>
    /// <param name="cgLevel">fine beads per CG bead: beads = max(1, round(particles / cgLevel))</param>
    /// <param name="seqLen">history frames</param>
    public static ModelBatch Build(int systems, int particles, int cgLevel, int seqLen, ulong seed)
    {
        if (systems < 1) throw new ArgumentOutOfRangeException(nameof(systems), systems, "need at least one system");
        if (particles < 2 || particles % 2 != 0)
            throw new ArgumentOutOfRangeException(nameof(particles), particles, "need an even number of beads, at least 2");
        if (cgLevel < 1) throw new ArgumentOutOfRangeException(nameof(cgLevel), cgLevel, "cg_level must be at least 1");
        if (seqLen < 2) throw new ArgumentOutOfRangeException(nameof(seqLen), seqLen, "seq_len must be at least 2");

        var random = new Random(unchecked((int)seed));
        int beadsPerSystem = Math.Max(1, (int)Math.Round(particles / (double)cgLevel));
        long total = (long)systems * particles;
        var types = new long[total];
        var cluster = new long[total];
        var bonds = new List<long>();
        var cgBonds = new List<long>();
        for (int s = 0; s < systems; s++)
        {
            string sequence = string.Create(particles / 2, random, (span, r) =>
            {
                for (int k = 0; k < span.Length; k++) span[k] = r.Next(2) == 0 ? 'A' : 'B';
            });
            PolymerSystem chain = PolymerSystem.FromSequence($"bench_{s}", sequence);
            int[] fine = chain.Bonds.SelectMany(b => new[] { b.I, b.J }).ToArray();
            int[] contiguous = Enumerable.Range(0, particles).Select(i => (int)((long)i * beadsPerSystem / particles)).ToArray();
            CoarseGrainMap map = CoarseGrainMap.FromClusters(contiguous, null, fine);

            long particleOffset = (long)s * particles, beadOffset = (long)s * beadsPerSystem;
            for (int i = 0; i < particles; i++)
            {
                types[particleOffset + i] = chain.Types[i];
                cluster[particleOffset + i] = beadOffset + contiguous[i];
            }
            // Both directions: all forward bonds of the system, then all reversed.
            for (int b = 0; b < fine.Length; b += 2) bonds.AddRange([particleOffset + fine[b], particleOffset + fine[b + 1]]);
            for (int b = 0; b < fine.Length; b += 2) bonds.AddRange([particleOffset + fine[b + 1], particleOffset + fine[b]]);
            foreach (int bead in map.CgBonds) cgBonds.Add(beadOffset + bead);
        }

        torch.manual_seed(seed);
        // frames: [systems, particles, seq_len + 1, 3] = random-walk start + accumulated drift.
        Tensor start = (torch.randn(systems, particles, 3) * BondStep).cumsum(1).unsqueeze(2);
        Tensor drift = (torch.randn(systems, particles, seqLen + 1, 3) * FrameDrift).cumsum(2);
        Tensor frames = (start + drift).reshape(total, seqLen + 1, 3);
        long[] particleCounts = Enumerable.Repeat((long)particles, systems).ToArray();
        Tensor history = frames.narrow(1, 0, seqLen).contiguous();
        Tensor unitWeights = torch.ones(total, 1);
        Tensor rgLabels = torch.cat(Enumerable.Range(0, seqLen)
            .Select(t => RadiusOfGyration.Weighted(history.select(1, t), unitWeights, particleCounts.Select(c => (int)c).ToArray())), dim: 1);

        return new ModelBatch
        {
            PositionHistory = history,
            Target = frames.select(1, seqLen).contiguous(),
            ParticleTypes = torch.tensor(types),
            Weights = torch.ones(total),
            ParticleCounts = particleCounts,
            Bonds = torch.tensor(bonds.ToArray(), [bonds.Count / 2, 2]),
            Cluster = torch.tensor(cluster),
            BeadCounts = Enumerable.Repeat((long)beadsPerSystem, systems).ToArray(),
            CgBonds = torch.tensor(cgBonds.ToArray(), [cgBonds.Count / 2, 2]),
            RgLabels = rgLabels,
        };
    }

    /// <summary>The batch as named tensors for the PyTorch twin (counts as int64 vectors).</summary>
    public static Dictionary<string, Tensor> ToTensors(ModelBatch batch) => new()
    {
        ["position_history"] = batch.PositionHistory,
        ["target"] = batch.Target ?? throw new ArgumentException("the benchmark batch needs a target", nameof(batch)),
        ["particle_types"] = batch.ParticleTypes,
        ["particle_counts"] = torch.tensor(batch.ParticleCounts),
        ["bonds"] = batch.Bonds,
        ["cluster"] = batch.Cluster,
        ["bead_counts"] = torch.tensor(batch.BeadCounts),
        ["cg_bonds"] = batch.CgBonds,
        ["rg_labels"] = batch.RgLabels ?? throw new ArgumentException("the benchmark batch needs Rg labels", nameof(batch)),
    };
}
