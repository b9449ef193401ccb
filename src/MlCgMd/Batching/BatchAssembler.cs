using MlCgMd.Model;
using MlCgMd.Torch;

namespace MlCgMd.Batching;

/// <summary>
/// Builds a <see cref="ModelBatch"/> from windows of several systems, as the official collate does:
/// positions transposed to [particles, time, 3], bonds (and their types) in both directions, every
/// index offset per system, particle weights from the system kind, and for periodic kinds the box
/// of each window's last frame (the official battery loader's <c>lattices[-1]</c>).
/// </summary>
public static class BatchAssembler
{
    /// <param name="withTarget">training: seq_len history frames plus a target; rollout: seq_len history frames</param>
    /// <param name="targetSteps">with a target, how many model steps after the history it lies (pushforward training);
    /// the Rg labels then follow the history as the model's own steps shift it</param>
    public static ModelBatch Build(IReadOnlyList<CgSystem> systems, IReadOnlyList<Window> windows, int seqLen, int dilation,
                                   bool withTarget, Device device, int targetSteps = 1)
    {
        RequireOneRecipe(systems, windows);
        if (targetSteps < 1 || (!withTarget && targetSteps != 1))
            throw new ArgumentOutOfRangeException(nameof(targetSteps), "target steps need a target and must be at least 1");
        int frames = seqLen + (withTarget ? targetSteps : 0);
        long particles = windows.Sum(w => (long)systems[w.System].ParticleCount);
        var history = new float[particles * seqLen * 3];
        var target = withTarget ? new float[particles * 3] : null;
        var types = new long[particles];
        var weights = new float[particles];
        var cluster = new long[particles];
        var bonds = new List<long>();
        var cgBonds = new List<long>();
        var rgs = new List<float>();
        bool allHaveRgs = windows.All(w => systems[w.System].HasRgs);
        bool withBondTypes = systems[windows[0].System].BondTypes is not null;
        var bondTypes = new List<long>();
        bool periodic = systems[windows[0].System].Kind.IsPeriodic;
        var lattices = new List<float>();
        long particleOffset = 0, beadOffset = 0;

        foreach (Window window in windows)
        {
            CgSystem system = systems[window.System];
            int n = system.ParticleCount;
            float[] block = system.ReadFrames(window.Start, frames, dilation);            // [frames, n, 3]
            for (int t = 0; t < seqLen; t++)
                for (int i = 0; i < n; i++)
                    for (int d = 0; d < 3; d++)
                        history[((particleOffset + i) * seqLen + t) * 3 + d] = block[((long)t * n + i) * 3 + d];
            if (target is not null)
                Array.Copy(block, (long)(frames - 1) * n * 3, target, particleOffset * 3, n * 3);
            for (int i = 0; i < n; i++)
            {
                types[particleOffset + i] = system.Topology.ParticleTypes[i];
                weights[particleOffset + i] = (float)system.Map.AtomWeights[i];
                cluster[particleOffset + i] = beadOffset + system.Map.Cluster[i];
            }
            int[] fine = system.Topology.Bonds;
            for (int b = 0; b < fine.Length; b += 2)
                bonds.AddRange([particleOffset + fine[b], particleOffset + fine[b + 1]]);
            for (int b = 0; b < fine.Length; b += 2)
                bonds.AddRange([particleOffset + fine[b + 1], particleOffset + fine[b]]);
            if (withBondTypes)
            {
                bondTypes.AddRange(system.BondTypes!);
                bondTypes.AddRange(system.BondTypes!);
            }
            foreach (int bead in system.Map.CgBonds) cgBonds.Add(beadOffset + bead);
            if (allHaveRgs)
                rgs.AddRange(system.ReadRgs(window.Start + (targetSteps - 1) * dilation, seqLen, dilation).Select(r => (float)r));
            if (periodic)
                lattices.AddRange(system.BoxAt(window.Start + (frames - 1) * dilation)!);
            particleOffset += n;
            beadOffset += system.Map.BeadCount;
        }

        return new ModelBatch
        {
            PositionHistory = torch.tensor(history, [particles, seqLen, 3], device: device),
            Target = target is null ? null : torch.tensor(target, [particles, 3], device: device),
            TargetSteps = targetSteps,
            ParticleTypes = torch.tensor(types, device: device),
            Weights = torch.tensor(weights, device: device),
            ParticleCounts = windows.Select(w => (long)systems[w.System].ParticleCount).ToArray(),
            Bonds = torch.tensor(bonds.ToArray(), [bonds.Count / 2, 2], device: device),
            BondTypes = withBondTypes ? torch.tensor(bondTypes.ToArray(), device: device) : null,
            Cluster = torch.tensor(cluster, device: device),
            BeadCounts = windows.Select(w => (long)systems[w.System].Map.BeadCount).ToArray(),
            CgBonds = torch.tensor(cgBonds.ToArray(), [cgBonds.Count / 2, 2], device: device),
            Lattices = periodic ? torch.tensor(lattices.ToArray(), [windows.Count, 3], device: device) : null,
            RgLabels = allHaveRgs ? torch.tensor(rgs.ToArray(), [windows.Count, seqLen], device: device) : null,
        };
    }

    /// <summary>A batch mixes systems of one recipe only: weights, bond types and boxes mean one thing across it.</summary>
    private static void RequireOneRecipe(IReadOnlyList<CgSystem> systems, IReadOnlyList<Window> windows)
    {
        if (windows.Count == 0) throw new ArgumentException("a batch needs at least one window", nameof(windows));
        CgSystem first = systems[windows[0].System];
        foreach (Window w in windows)
            first.Recipe.RequireSame(systems[w.System].Recipe, $"system '{first.Name}'", $"system '{systems[w.System].Name}'");
    }
}
