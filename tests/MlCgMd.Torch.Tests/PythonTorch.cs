using System.Diagnostics;

namespace MlCgMd.Torch.Tests;

/// <summary>
/// Runs scripts under the Debian Python that has PyTorch (/usr/bin/python3), the independent
/// implementation our results are compared with.
/// </summary>
internal static class PythonTorch
{
    public const string Interpreter = "/usr/bin/python3";

    private static readonly Lazy<string?> unavailableReason = new(Probe);

    /// <summary>Why the comparison tests cannot run here, or null when python with torch is present.</summary>
    public static string? UnavailableReason => unavailableReason.Value;

    private static string? Probe()
    {
        if (!File.Exists(Interpreter)) return $"{Interpreter} is not installed";
        try
        {
            Run("import torch");
            return null;
        }
        catch (Exception e)
        {
            return $"{Interpreter} cannot import torch: {e.Message}";
        }
    }

    /// <summary>Runs <paramref name="script"/> and returns its standard output; throws with stderr on failure.</summary>
    public static string Run(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo(Interpreter)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        foreach (string a in arguments) start.ArgumentList.Add(a);
        start.Environment["OMP_NUM_THREADS"] = "1";
        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {Interpreter}");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill();
            throw new TimeoutException($"{Interpreter} did not finish within 60 s");
        }
        if (process.ExitCode != 0) throw new InvalidOperationException($"python exited with {process.ExitCode}: {stderr.Result}");
        return stdout.Result;
    }
}

/// <summary>A fact that is skipped, with the reason, where /usr/bin/python3 lacks torch.</summary>
public sealed class PythonTorchFactAttribute : FactAttribute
{
    public PythonTorchFactAttribute()
    {
        if (PythonTorch.UnavailableReason is { } reason) Skip = reason;
    }
}
