using System.Globalization;

namespace MlCgMd.Benchmarks;

/// <summary>
/// training_benchmark.py (embedded in this assembly) running in a Python that has torch: an
/// independent PyTorch implementation of the chain model's training step, loading our weights
/// and our batch from safetensors files, driven over stdin/stdout so that its timed steps
/// alternate with ours one by one (same machine load on both sides).
/// </summary>
public sealed class PyTorchTrainingTwin : IDisposable
{
    private const string ScriptResource = "MlCgMd.Benchmarks.training_benchmark.py";

    private readonly PythonTwinProcess twin;

    private PyTorchTrainingTwin(PythonTwinProcess twin)
    {
        this.twin = twin;
        CheckLoss = twin.Header.GetProperty("check_loss").GetDouble();
        Threads = twin.Header.GetProperty("threads").GetInt32();
        TorchVersion = twin.Header.GetProperty("torch_version").GetString() ?? "";
    }

    /// <summary>PyTorch's loss for our weights and batch with noise augmentation off.</summary>
    public double CheckLoss { get; }

    /// <summary>PyTorch's intra-op thread count after torch.set_num_threads.</summary>
    public int Threads { get; }

    public string TorchVersion { get; }

    /// <summary>Inputs of the twin: files it reads and the settings of the step.</summary>
    /// <param name="WeightsPath">safetensors state_dict of the model</param>
    /// <param name="BatchPath">safetensors batch (<see cref="SyntheticChainBatch.ToTensors"/>)</param>
    public sealed record Inputs(string WeightsPath, string BatchPath, int Threads, ulong Seed, double Radius, double MinStd,
                                double NoiseBegin, double NoiseEnd, int NoiseLevel, double LearningRate, double GradientClip);

    /// <summary>Starts the twin, or returns null and why not (no such Python, no torch, script failure).</summary>
    public static (PyTorchTrainingTwin? Twin, string? Reason) TryStart(Inputs inputs, string pythonPath)
    {
        var (twin, reason) = PythonTwinProcess.TryStart(pythonPath, ScriptResource, Arguments(inputs), inputs.Threads);
        return twin is null ? (null, reason) : (new PyTorchTrainingTwin(twin), null);
    }

    /// <summary>Runs one training step in PyTorch; its wall time and the Python process's CPU time, in ms.</summary>
    public (double WallMs, double CpuMs) TimeStep()
    {
        string[] times = twin.Exchange("step").Split(' ');
        return (double.Parse(times[0], CultureInfo.InvariantCulture), double.Parse(times[1], CultureInfo.InvariantCulture));
    }

    public void Dispose() => twin.Dispose();

    private static IEnumerable<string> Arguments(Inputs i)
    {
        IEnumerable<string> Option(string name, IFormattable value) => ["--" + name, value.ToString(null, CultureInfo.InvariantCulture)];
        return new[] { "--weights", i.WeightsPath, "--batch", i.BatchPath }
            .Concat(Option("threads", i.Threads)).Concat(Option("seed", i.Seed)).Concat(Option("noise-level", i.NoiseLevel))
            .Concat(Option("radius", i.Radius)).Concat(Option("min-std", i.MinStd)).Concat(Option("noise-begin", i.NoiseBegin))
            .Concat(Option("noise-end", i.NoiseEnd)).Concat(Option("lr", i.LearningRate)).Concat(Option("clip", i.GradientClip));
    }
}
