using System.Diagnostics;

namespace MlCgMd.Tests.Data;

/// <summary>
/// A fact that needs Debian's /usr/bin/python3 with h5py (package python3-h5py); it is
/// reported as skipped, with the reason, on machines without them.
/// </summary>
public sealed class H5pyFactAttribute : FactAttribute
{
    public const string Python = "/usr/bin/python3";

    private static readonly Lazy<bool> Available = new(Probe);

    public H5pyFactAttribute()
    {
        if (!Available.Value)
            Skip = $"needs {Python} with h5py (Debian package python3-h5py; environment/setup.sh --peers)";
    }

    private static bool Probe()
    {
        if (!File.Exists(Python))
            return false;
        try
        {
            using var process = Process.Start(new ProcessStartInfo(Python, ["-c", "import h5py"])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            })!;
            process.WaitForExit(30_000);
            return process.HasExited && process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
