using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

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

    private readonly Process process;
    private readonly string scriptPath;
    private readonly StringBuilder errors;

    private PyTorchTrainingTwin(Process process, string scriptPath, StringBuilder errors, JsonElement header)
    {
        this.process = process;
        this.scriptPath = scriptPath;
        this.errors = errors;
        CheckLoss = header.GetProperty("check_loss").GetDouble();
        Threads = header.GetProperty("threads").GetInt32();
        TorchVersion = header.GetProperty("torch_version").GetString() ?? "";
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
        if (!File.Exists(pythonPath)) return (null, $"{pythonPath} does not exist");
        string script = Path.Combine(Path.GetTempPath(), $"mlcgmd-training-benchmark-{Environment.ProcessId}.py");
        using (Stream resource = typeof(PyTorchTrainingTwin).Assembly.GetManifestResourceStream(ScriptResource)
                                 ?? throw new InvalidOperationException($"resource {ScriptResource} is missing"))
        using (FileStream file = File.Create(script))
        {
            resource.CopyTo(file);
        }
        Process process = Process.Start(StartInfo(pythonPath, script, inputs))
                          ?? throw new InvalidOperationException($"could not start {pythonPath}");
        // stderr is drained continuously so a chatty Python can never block on a full pipe.
        var errors = new StringBuilder();
        process.ErrorDataReceived += (_, e) => { lock (errors) errors.AppendLine(e.Data); };
        process.BeginErrorReadLine();
        string? header = process.StandardOutput.ReadLine();
        if (header is null)
        {
            process.WaitForExit();
            int exitCode = process.ExitCode;
            process.Dispose();
            File.Delete(script);
            return (null, $"{pythonPath} exited with code {exitCode}: {LastLine(errors)}");
        }
        using JsonDocument json = JsonDocument.Parse(header);
        return (new PyTorchTrainingTwin(process, script, errors, json.RootElement), null);
    }

    /// <summary>Runs one training step in PyTorch; its wall time and the Python process's CPU time, in ms.</summary>
    public (double WallMs, double CpuMs) TimeStep()
    {
        process.StandardInput.WriteLine("step");
        process.StandardInput.Flush();
        string line = process.StandardOutput.ReadLine()
                      ?? throw new InvalidOperationException($"the PyTorch twin stopped: {LastLine(errors)}");
        string[] times = line.Split(' ');
        return (double.Parse(times[0], CultureInfo.InvariantCulture), double.Parse(times[1], CultureInfo.InvariantCulture));
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.StandardInput.WriteLine("quit");
            process.StandardInput.Close();
            process.WaitForExit();
        }
        process.Dispose();
        File.Delete(scriptPath);
    }

    private static string LastLine(StringBuilder text)
    {
        lock (text)
        {
            return text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .LastOrDefault() ?? "";
        }
    }

    private static ProcessStartInfo StartInfo(string python, string script, Inputs i)
    {
        var start = new ProcessStartInfo(python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        void Add(string name, IFormattable value)
        {
            start.ArgumentList.Add("--" + name);
            start.ArgumentList.Add(value.ToString(null, CultureInfo.InvariantCulture));
        }
        start.ArgumentList.Add("--weights");
        start.ArgumentList.Add(i.WeightsPath);
        start.ArgumentList.Add("--batch");
        start.ArgumentList.Add(i.BatchPath);
        Add("threads", i.Threads);
        Add("seed", i.Seed);
        Add("noise-level", i.NoiseLevel);
        Add("radius", i.Radius);
        Add("min-std", i.MinStd);
        Add("noise-begin", i.NoiseBegin);
        Add("noise-end", i.NoiseEnd);
        Add("lr", i.LearningRate);
        Add("clip", i.GradientClip);
        return start;
    }
}
