using System.Diagnostics;
using System.Globalization;

namespace MlCgMd.Lammps;

/// <summary>Outcome of one lmp run: wall time of the process and its log.</summary>
public sealed record LammpsRunResult(TimeSpan WallTime, string Log)
{
    /// <summary>The value printed after <see cref="LammpsInputScript.EnergyMarker"/>.</summary>
    public double PrintedPotentialEnergy()
    {
        foreach (string line in Log.Split('\n'))
            if (line.StartsWith(LammpsInputScript.EnergyMarker + " ", StringComparison.Ordinal))
                return double.Parse(line[(LammpsInputScript.EnergyMarker.Length + 1)..].Trim(), CultureInfo.InvariantCulture);
        throw new FormatException($"The LAMMPS log has no '{LammpsInputScript.EnergyMarker}' line.");
    }
}

/// <summary>
/// Runs the LAMMPS binary (Debian package lammps: `lmp`; override with MLCGMD_LMP) on one input
/// script in a working directory, single-threaded (OMP_NUM_THREADS=1), and returns its log.
/// </summary>
public static class LammpsRunner
{
    public static string Executable => Environment.GetEnvironmentVariable("MLCGMD_LMP") is { Length: > 0 } custom ? custom : "lmp";

    /// <summary>True when the LAMMPS binary can be started.</summary>
    public static bool IsAvailable()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(Executable, "-h")
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            });
            if (process is null) return false;
            process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            process.WaitForExit();
            return true;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    /// <summary>Writes the script into workDirectory and runs lmp there; throws with the log tail if LAMMPS fails.</summary>
    public static LammpsRunResult Run(string workDirectory, string inputScript, string scriptName = "in.lammps")
    {
        Directory.CreateDirectory(workDirectory);
        MlCgMd.Data.AtomicFile.WriteText(Path.Combine(workDirectory, scriptName), w => w.Write(inputScript));
        var start = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = workDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { "-in", scriptName, "-log", "log.lammps", "-screen", "none", "-nocite" })
            start.ArgumentList.Add(argument);
        start.Environment["OMP_NUM_THREADS"] = "1";
        var clock = Stopwatch.StartNew();
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start LAMMPS ('{Executable}').");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"LAMMPS binary '{Executable}' not found: install the Debian package 'lammps' (environment/setup.sh) or set MLCGMD_LMP.", e);
        }
        using (process)
        {
            Task<string> stdout = process.StandardOutput.ReadToEndAsync();
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            clock.Stop();
            string logPath = Path.Combine(workDirectory, "log.lammps");
            string log = File.Exists(logPath) ? File.ReadAllText(logPath) : "";
            if (process.ExitCode != 0 || log.Contains("ERROR", StringComparison.Ordinal))
            {
                string tail = string.Join('\n', (log + stdout.Result + stderr.Result).Split('\n').TakeLast(20));
                throw new InvalidOperationException($"LAMMPS failed (exit {process.ExitCode}) in '{workDirectory}':\n{tail}");
            }
            return new LammpsRunResult(clock.Elapsed, log);
        }
    }
}
