using System.Diagnostics;

namespace MlCgMd.Tests.Data;

/// <summary>
/// Debian's /usr/bin/python3 with the peer packages the interop tests compare against
/// (python3-h5py, python3-mdtraj, python3-torch, python3-omegaconf; environment/setup.sh --peers).
/// </summary>
internal static class DebianPython
{
    public const string Interpreter = "/usr/bin/python3";

    private static readonly Dictionary<string, bool> Probed = [];

    /// <summary>Whether <c>import <paramref name="modules"/></c> succeeds (cached per module list).</summary>
    public static bool Has(string modules)
    {
        lock (Probed)
        {
            if (!Probed.TryGetValue(modules, out bool available))
                Probed[modules] = available = File.Exists(Interpreter) && TryRun($"import {modules}");
            return available;
        }
    }

    public static string SkipReason(string modules, string packages) =>
        $"needs {Interpreter} with {modules} (Debian packages {packages}; environment/setup.sh --peers)";

    /// <summary>Runs a script file or <c>-c</c> code and returns its standard output; fails the test with stderr otherwise.</summary>
    public static string Run(IEnumerable<string> arguments, int timeoutMs = 120_000)
    {
        using var process = Process.Start(new ProcessStartInfo(Interpreter, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(timeoutMs), $"{Interpreter} did not finish within {timeoutMs / 1000} s");
        Assert.True(process.ExitCode == 0, $"{Interpreter} failed: {stderr.Result}");
        return stdout.Result;
    }

    private static bool TryRun(string code)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(Interpreter, ["-c", code])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            })!;
            process.WaitForExit(60_000);
            return process.HasExited && process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}

/// <summary>A fact that needs mdtraj (python3-mdtraj); skipped with the reason where it is absent.</summary>
public sealed class MdtrajFactAttribute : FactAttribute
{
    public MdtrajFactAttribute()
    {
        if (!DebianPython.Has("mdtraj, h5py, numpy"))
            Skip = DebianPython.SkipReason("mdtraj and h5py", "python3-mdtraj python3-h5py");
    }
}

/// <summary>A fact that needs PyTorch and OmegaConf (python3-torch, python3-omegaconf) to write Lightning-layout checkpoints.</summary>
public sealed class TorchFactAttribute : FactAttribute
{
    public TorchFactAttribute()
    {
        if (!DebianPython.Has("torch, omegaconf"))
            Skip = DebianPython.SkipReason("torch and omegaconf", "python3-torch python3-omegaconf");
    }
}
