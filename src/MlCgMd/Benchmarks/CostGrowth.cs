using System.Diagnostics;
using MlCgMd.Model;
using MlCgMd.Systems;
using MlCgMd.Torch;

namespace MlCgMd.Benchmarks;

/// <summary>
/// Sizes of the cost-growth benchmark (`bench speed --sizes ... --batch ...`). Defaults: chains of
/// 120, 1,000 and 10,000 fine beads at the model's cg_level and at the paper's cg_level 100, one
/// system per batch; and the learned simulator on 1, 8 and 64 chains of the paper's size (1,000
/// beads, cg_level 100) per batch. One thread for every engine, so τ per second is τ per core.
/// </summary>
public sealed record CostGrowthOptions
{
    public int[] Sizes { get; init; } = [120, 1000, 10000];
    /// <summary>Fine beads per CG bead of each size series; 0 stands for the model's own cg_level.</summary>
    public int[] CgLevels { get; init; } = [0, 100];
    public int[] Batches { get; init; } = [1, 8, 64];
    /// <summary>Fine beads per chain of the batch series (the paper's chains).</summary>
    public int BatchParticles { get; init; } = 1000;
    public int BatchCgLevel { get; init; } = 100;
    /// <summary>Timed model steps per measurement (each from the same history, so the graph does not drift).</summary>
    public int ModelSteps { get; init; } = 5;
    /// <summary>Timed MD steps per chain and engine, after an untimed equilibration.</summary>
    public long MdSteps { get; init; } = 2000;
    public long EquilibrationSteps { get; init; } = 2000;
    /// <summary>Simulated time of one model step (τ): the paper's chain setting, 500 MD steps of 0.01 τ.</summary>
    public double ModelStepTau { get; init; } = 5;
    public ulong Seed { get; init; } = 0;

    public void Validate()
    {
        if (Sizes.Length + Batches.Length == 0) throw new ArgumentException("give --sizes, --batch or both");
        if (Sizes.Any(n => n < 2 || n % 2 != 0))
            throw new ArgumentException($"--sizes must be even bead counts of at least 2, got {string.Join(",", Sizes)}");
        if (CgLevels.Any(c => c < 0)) throw new ArgumentException("--cg-levels must be at least 1 (0: the model's)");
        if (Batches.Any(b => b < 1)) throw new ArgumentException($"--batch must be at least 1, got {string.Join(",", Batches)}");
        if (ModelSteps < 1 || MdSteps < 1 || EquilibrationSteps < 0 || ModelStepTau <= 0)
            throw new ArgumentException("model and MD steps must be at least 1, the model step's τ positive");
    }
}

/// <summary>
/// One engine on one configuration: wall seconds per step and simulated τ per wall second (all
/// systems of the batch); NaN with the reason in <paramref name="NotMeasured"/> when it could not run.
/// </summary>
public sealed record CostGrowthRow(string Series, string Engine, int FineBeads, int CgLevel, int CgBeads, int Systems,
                                   double SecondsPerStep, double TauPerSecond, string? NotMeasured = null);

/// <summary>
/// How the cost of each engine grows with system size, and the learned simulator's throughput with
/// the number of systems per batch, measured in one run on one thread. The MD rows come from
/// <see cref="MdBenchmark"/> (our engine and LAMMPS from the same equilibrated chain); the learned
/// rows time <see cref="GraphSimulator.Predict"/> with and without the Score GNN on synthetic chains
/// (<see cref="SyntheticChainBatch"/>: cost depends on the graph, not on trained weights).
/// </summary>
public static class CostGrowth
{
    public static IReadOnlyList<CostGrowthRow> Run(GraphSimulator model, ForceField forceField, CostGrowthOptions options,
                                                   bool withLammps, string workDirectory, Action<CostGrowthRow>? measured = null)
    {
        options.Validate();
        var rows = new List<CostGrowthRow>();
        void Add(CostGrowthRow row)
        {
            rows.Add(row);
            measured?.Invoke(row);
        }
        foreach (int n in options.Sizes)
        {
            foreach (int level in options.CgLevels.Select(c => c == 0 ? model.Config.CgLevel : c).Distinct())
                foreach (CostGrowthRow row in Learned(model, options, $"size, cg_level {level}", n, level, systems: 1))
                    Add(row);
            string[] engines = withLammps ? ["C# MD engine", "LAMMPS"] : ["C# MD engine"];
            MdBenchmarkResult md;
            try
            {
                md = MdBenchmark.Run(forceField, n / 2, options.MdSteps, options.EquilibrationSteps, repeats: 1,
                    options.Seed, Path.Combine(workDirectory, $"md-{n}"), withLammps);
            }
            catch (InvalidOperationException e)   // e.g. no self-avoiding starting conformation of this length
            {
                foreach (string engine in engines) Add(new CostGrowthRow("size", engine, n, 0, 0, 1, double.NaN, double.NaN, e.Message));
                continue;
            }
            double tau = options.MdSteps * forceField.TimeStep;
            Add(new CostGrowthRow("size", engines[0], n, 0, 0, 1, md.OursSeconds / options.MdSteps, tau / md.OursSeconds));
            if (withLammps)
                Add(new CostGrowthRow("size", engines[1], n, 0, 0, 1, md.LammpsLoopSeconds / options.MdSteps, tau / md.LammpsLoopSeconds));
        }
        foreach (int b in options.Batches)
            foreach (CostGrowthRow row in Learned(model, options, "batch", options.BatchParticles, options.BatchCgLevel, b))
                Add(row);
        return rows;
    }

    /// <summary>Learned rows (without, then with refinement when the model has a Score GNN) for one configuration.</summary>
    private static IEnumerable<CostGrowthRow> Learned(GraphSimulator model, CostGrowthOptions options, string series, int particles,
                                                      int cgLevel, int systems)
    {
        ModelConfig config = model.Config;
        var settings = new List<(string Engine, RefinementOptions Refinement)> { ("learned", RefinementOptions.Off) };
        if (config.HasScoreGn) settings.Add(("learned + Score GNN", RefinementOptions.FromConfig(config)));
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        model.eval();
        ModelBatch batch = SyntheticChainBatch.Build(systems, particles, cgLevel, config.SeqLen, options.Seed);
        var (history, state) = model.PrepareRollout(batch);
        int beads = (int)batch.BeadCounts[0];
        var results = new List<CostGrowthRow>();
        foreach (var (engine, refinement) in settings)
        {
            StepOnce(model, history, state, refinement);   // warm-up: JIT, allocator
            var clock = Stopwatch.StartNew();
            for (int step = 0; step < options.ModelSteps; step++) StepOnce(model, history, state, refinement);
            double perStep = clock.Elapsed.TotalSeconds / options.ModelSteps;
            results.Add(new CostGrowthRow(series, engine, particles, cgLevel, beads, systems, perStep,
                systems * options.ModelStepTau / perStep));
        }
        return results;
    }

    private static void StepOnce(GraphSimulator model, Tensor history, CoarseGrainedState state, RefinementOptions refinement)
    {
        using var step = torch.NewDisposeScope();
        model.Predict(history, state, deterministic: false, refinement);
    }
}
