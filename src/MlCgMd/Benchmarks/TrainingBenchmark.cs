using MlCgMd.Model;
using MlCgMd.Training;
using MlCgMd.Torch;
using MlCgMd.Torch.Optim;
using MlCgMd.Torch.Serialization;

namespace MlCgMd.Benchmarks;

/// <summary>
/// Sizes and repetitions of the training benchmark. Defaults are the paper's chain setting:
/// 32 chains of 1000 fine beads, cg_level 100 (10 CG beads each), the paper's chain model.
/// One thread by default: the benchmark machine is shared, and both sides get the same count.
/// </summary>
public sealed record TrainingBenchmarkOptions
{
    /// <summary>Adam's learning rate (the paper's chain config).</summary>
    public const double LearningRate = 1e-4;

    /// <summary>Gradient-norm clipping as the trainer does it (gradient_clip_val).</summary>
    public const double GradientClip = 20;

    public int Batch { get; init; } = 32;
    public int Particles { get; init; } = 1000;
    public int CgLevel { get; init; } = 100;
    public int Threads { get; init; } = 1;
    public int Warmup { get; init; } = 1;
    public int Repetitions { get; init; } = 5;
    public ulong Seed { get; init; } = 0;

    public void Validate()
    {
        if (Batch < 1) throw new ArgumentException($"batch must be at least 1, got {Batch}");
        if (Particles < 2 || Particles % 2 != 0)
            throw new ArgumentException($"particles must be even (backbone + side bead per monomer) and at least 2, got {Particles}");
        if (CgLevel < 1) throw new ArgumentException($"cg level must be at least 1, got {CgLevel}");
        if (Threads < 1) throw new ArgumentException($"threads must be at least 1, got {Threads}");
        if (Warmup < 0 || Repetitions < 1)
            throw new ArgumentException($"warm-up must be >= 0 and repetitions >= 1, got {Warmup} and {Repetitions}");
    }
}

/// <summary>Loss of both implementations for the same weights and batch, noise augmentation off.</summary>
public sealed record LossAgreement(double Ours, double PyTorch)
{
    /// <summary>Largest relative difference accepted as "the same model" in float32.</summary>
    public const double Tolerance = 1e-4;

    public double RelativeDifference => Math.Abs(Ours - PyTorch) / Math.Max(Math.Abs(Ours), Math.Abs(PyTorch));
    public bool Agrees => RelativeDifference <= Tolerance;
}

/// <summary>
/// Samples of one training step, in ms: wall time, and CPU time of the whole process (all
/// threads), which a busy shared machine disturbs much less than wall time.
/// </summary>
public sealed record StepTimings(TimingSummary Wall, TimingSummary Cpu);

/// <summary>
/// Per-step times of one training step, ours and PyTorch's from the same run when available,
/// and the ratios ours / PyTorch as the medians of alternately taken pairs.
/// </summary>
public sealed record TrainingBenchmarkResult(
    TrainingBenchmarkOptions Options, long ParameterCount, long FineEdges, long CgEdges, StepTimings Ours, int Threads,
    StepTimings? PyTorch, LossAgreement? Check, string? PyTorchVersion, int? PyTorchThreads, string? PyTorchUnavailableReason)
{
    public double? Ratio => PyTorch is null ? null : Ours.Wall.PairedRatio(PyTorch.Wall);
    public double? CpuRatio => PyTorch is null ? null : Ours.Cpu.PairedRatio(PyTorch.Cpu);
    public double OursSamplesPerSecond => Options.Batch / (Ours.Wall.MedianMs / 1000);
    public double? PyTorchSamplesPerSecond => PyTorch is null ? null : Options.Batch / (PyTorch.Wall.MedianMs / 1000);
}

/// <summary>
/// Times one training step of the paper's chain model as <see cref="Training.Trainer"/> runs it
/// (zero_grad, <see cref="GraphSimulator.ComputeLoss"/> with noise augmentation, backward,
/// gradient-norm clipping, Adam) on a fixed synthetic batch, data loading excluded. When a
/// Python with torch is available, <see cref="PyTorchTrainingTwin"/> loads our weights and
/// batch, first shows that its loss equals ours with noise off, then its timed steps alternate
/// with ours.
/// </summary>
public static class TrainingBenchmark
{
    public static TrainingBenchmarkResult Run(TrainingBenchmarkOptions options, string? pythonPath)
    {
        options.Validate();
        int previousThreads = torch.get_num_threads();
        torch.set_num_threads(options.Threads);
        string files = Path.Combine(Path.GetTempPath(), $"mlcgmd-training-benchmark-{Environment.ProcessId}-{Guid.NewGuid():N}");
        PyTorchTrainingTwin? twin = null;
        string? reason = "no Python given";
        try
        {
            using var scope = torch.NewDisposeScope();
            ModelConfig config = ModelConfig.PaperChain();
            ModelBatch batch = SyntheticChainBatch.Build(options.Batch, options.Particles, options.CgLevel, config.SeqLen,
                options.Seed);
            torch.manual_seed(options.Seed);
            using var model = new GraphSimulator(config);
            double oursCheckLoss = DeterministicLoss(model, batch);

            if (pythonPath is not null)
            {
                Directory.CreateDirectory(files);
                var inputs = new PyTorchTrainingTwin.Inputs(Path.Combine(files, "weights.safetensors"),
                    Path.Combine(files, "batch.safetensors"), options.Threads, options.Seed, config.Radius, config.MinStd,
                    config.NoiseBegin, config.NoiseEnd, config.NoiseLevel, TrainingBenchmarkOptions.LearningRate,
                    TrainingBenchmarkOptions.GradientClip);
                SafeTensors.Save(inputs.WeightsPath, model.state_dict());
                SafeTensors.Save(inputs.BatchPath, SyntheticChainBatch.ToTensors(batch));
                (twin, reason) = PyTorchTrainingTwin.TryStart(inputs, pythonPath);
            }

            Parameter[] parameters = model.parameters().ToArray();
            using var optimizer = new Adam(parameters, TrainingBenchmarkOptions.LearningRate);
            torch.manual_seed(options.Seed);
            void Step()
            {
                using var step = torch.NewDisposeScope();
                optimizer.zero_grad();
                model.ComputeLoss(batch).Loss.backward();
                nn.utils.clip_grad_norm_(parameters, TrainingBenchmarkOptions.GradientClip);
                optimizer.step();
            }
            var (ours, pytorch) = Alternate(options, Step, twin is null ? null : twin.TimeStep);

            return new TrainingBenchmarkResult(options, parameters.Sum(p => p.numel()), batch.Bonds.size(0),
                CgEdgeCount(batch, config.Radius), ours,
                torch.get_num_threads(), pytorch, twin is null ? null : new LossAgreement(oursCheckLoss, twin.CheckLoss),
                twin?.TorchVersion, twin?.Threads, twin is null ? reason : null);
        }
        finally
        {
            twin?.Dispose();
            if (Directory.Exists(files)) Directory.Delete(files, recursive: true);
            torch.set_num_threads(previousThreads);
        }
    }

    /// <summary>
    /// One rank's part of a data-parallel training step, run in every process of the default group:
    /// each rank steps its share of the batch's chains (built from seed + rank: same sizes, other
    /// conformations) with the trainer's <see cref="DataParallel"/> calls (weighted loss, summed
    /// gradients, parameters from rank 0). Every step starts on all ranks together (a barrier);
    /// per step, wall is the slowest rank's and CPU the sum over ranks.
    /// </summary>
    public static StepTimings RunRank(TrainingBenchmarkOptions options)
    {
        options.Validate();
        var parallel = DataParallel.FromDefaultGroup();
        torch.set_num_threads(options.Threads);
        using var scope = torch.NewDisposeScope();
        ModelConfig config = ModelConfig.PaperChain();
        int chains = parallel.ShareOf(options.Batch).Count;
        ModelBatch batch = SyntheticChainBatch.Build(chains, options.Particles, options.CgLevel, config.SeqLen,
            options.Seed + (ulong)parallel.Rank);
        torch.manual_seed(options.Seed);
        using var model = new GraphSimulator(config);
        parallel.BroadcastFromMain(model);
        Parameter[] parameters = model.parameters().ToArray();
        using var optimizer = new Adam(parameters, TrainingBenchmarkOptions.LearningRate);
        torch.manual_seed(parallel.NoiseSeed(options.Seed));
        void Step()
        {
            using var step = torch.NewDisposeScope();
            optimizer.zero_grad();
            parallel.Weighted(model.ComputeLoss(batch), batch).Loss.backward();
            parallel.SumGradients(parameters);
            nn.utils.clip_grad_norm_(parameters, TrainingBenchmarkOptions.GradientClip);
            optimizer.step();
        }
        for (int i = 0; i < options.Warmup; i++) Step();
        double[] wall = new double[options.Repetitions], cpu = new double[options.Repetitions];
        for (int i = 0; i < options.Repetitions; i++)
        {
            torch.distributed.barrier();
            CpuClock clock = CpuClock.Start();
            Step();
            CpuSample sample = clock.Elapsed;
            (wall[i], cpu[i]) = (sample.Wall.TotalMilliseconds, sample.ProcessCpu.TotalMilliseconds);
        }
        Tensor slowest = torch.tensor(wall), total = torch.tensor(cpu);   // [repetitions] float64
        torch.distributed.all_reduce(slowest, torch.distributed.ReduceOp.MAX);
        torch.distributed.all_reduce(total);
        return new StepTimings(new TimingSummary(slowest.ToArray<double>()), new TimingSummary(total.ToArray<double>()));
    }

    /// <summary>The loss with noise augmentation off (a copy of the model's weights in a noise-free model).</summary>
    private static double DeterministicLoss(GraphSimulator model, ModelBatch batch)
    {
        using var scope = torch.NewDisposeScope();
        using var noiseFree = new GraphSimulator(model.Config with { NoiseMethod = "none" });
        noiseFree.load_state_dict(model.state_dict());
        using var noGrad = torch.no_grad();
        return noiseFree.ComputeLoss(batch).Loss.item<double>();
    }

    /// <summary>Edges of the CG graph of the batch's last history frame (radius graph ∪ CG bonds).</summary>
    private static long CgEdgeCount(ModelBatch batch, double radius)
    {
        using var scope = torch.NewDisposeScope();
        // Last history frame of each particle, pooled to unit-weight bead centres: [M, 3].
        Tensor last = batch.PositionHistory.select(1, -1);
        long beads = batch.BeadCounts.Sum();
        Tensor sums = torch.zeros(beads, 3).index_add(0, batch.Cluster, last);
        Tensor members = torch.zeros(beads).index_add(0, batch.Cluster, torch.ones(batch.Cluster.size(0)));
        return Connectivity.Compute(sums / members.unsqueeze(1), batch.BeadCounts, radius, batch.CgBonds).Senders.size(0);
    }

    /// <summary>Warm-up, then repetitions of (our step, PyTorch's step) back to back.</summary>
    private static (StepTimings Ours, StepTimings? PyTorch) Alternate(TrainingBenchmarkOptions options, Action ours,
                                                                      Func<(double WallMs, double CpuMs)>? pytorch)
    {
        for (int i = 0; i < options.Warmup; i++)
        {
            ours();
            pytorch?.Invoke();
        }
        int n = options.Repetitions;
        double[] oursWall = new double[n], oursCpu = new double[n], pytorchWall = new double[n], pytorchCpu = new double[n];
        for (int i = 0; i < n; i++)
        {
            CpuClock clock = CpuClock.Start();
            ours();
            CpuSample sample = clock.Elapsed;
            oursWall[i] = sample.Wall.TotalMilliseconds;
            oursCpu[i] = sample.ProcessCpu.TotalMilliseconds;
            if (pytorch is not null) (pytorchWall[i], pytorchCpu[i]) = pytorch();
        }
        return (new StepTimings(new TimingSummary(oursWall), new TimingSummary(oursCpu)),
            pytorch is null ? null : new StepTimings(new TimingSummary(pytorchWall), new TimingSummary(pytorchCpu)));
    }
}
