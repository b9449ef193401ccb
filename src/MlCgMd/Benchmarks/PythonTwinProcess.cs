using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace MlCgMd.Benchmarks;

/// <summary>
/// A benchmark script embedded in this assembly, running in a Python subprocess and driven
/// line by line over stdin/stdout: the script prints one JSON header line when ready, then
/// answers each command line with one reply line, and exits on "quit". stderr is drained
/// continuously so a chatty Python can never block on a full pipe.
/// </summary>
internal sealed class PythonTwinProcess : IDisposable
{
    private readonly Process process;
    private readonly string scriptPath;
    private readonly StringBuilder errors;

    private PythonTwinProcess(Process process, string scriptPath, StringBuilder errors, JsonElement header)
    {
        this.process = process;
        this.scriptPath = scriptPath;
        this.errors = errors;
        Header = header;
    }

    /// <summary>The script's first output line, parsed.</summary>
    public JsonElement Header { get; }

    /// <summary>
    /// Starts the script, or returns null and why not (no such Python, no torch, script failure).
    /// OpenBLAS's pool gets <paramref name="threads"/> threads, as ours does: Python's
    /// torch.set_num_threads does not reach it.
    /// </summary>
    public static (PythonTwinProcess? Twin, string? Reason) TryStart(string pythonPath, string scriptResource, IEnumerable<string> arguments,
                                                                     int threads)
    {
        if (!File.Exists(pythonPath)) return (null, $"{pythonPath} does not exist");
        string script = Path.Combine(Path.GetTempPath(), $"mlcgmd-{scriptResource}-{Environment.ProcessId}-{Guid.NewGuid():N}.py");
        using (Stream resource = typeof(PythonTwinProcess).Assembly.GetManifestResourceStream(scriptResource)
                                 ?? throw new InvalidOperationException($"resource {scriptResource} is missing"))
        using (FileStream file = File.Create(script))
        {
            resource.CopyTo(file);
        }
        var start = new ProcessStartInfo(pythonPath)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["OPENBLAS_NUM_THREADS"] = threads.ToString();
        start.ArgumentList.Add(script);
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        Process process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {pythonPath}");
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
        return (new PythonTwinProcess(process, script, errors, json.RootElement.Clone()), null);
    }

    /// <summary>Sends one command line and returns the script's reply line.</summary>
    public string Exchange(string command)
    {
        process.StandardInput.WriteLine(command);
        process.StandardInput.Flush();
        return process.StandardOutput.ReadLine()
               ?? throw new InvalidOperationException($"the PyTorch twin stopped: {LastLine(errors)}");
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
}
