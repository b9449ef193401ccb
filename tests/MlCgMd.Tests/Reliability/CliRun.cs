using System.Diagnostics;

namespace MlCgMd.Tests.Reliability;

/// <summary>
/// The real mlcgmd (the apphost next to the tests) in a process of its own, so native crashes, signals and
/// hangs show as what they are. <paramref name="Shell"/>, when given, is a bash prefix such as `ulimit -f 64;`.
/// </summary>
internal sealed record CliRun(int ExitCode, string Output, string Errors, bool TimedOut, TimeSpan Elapsed)
{
    /// <param name="defaultInterrupt">start with SIGINT's default disposition: a test run started in the background (where the
    /// shell ignores SIGINT, and children inherit that) can still interrupt mlcgmd as a terminal's Ctrl-C does</param>
    public static CliRun Start(IReadOnlyList<string> arguments, TimeSpan limit, string? shell = null, Action<Process>? whileRunning = null,
                               Dictionary<string, string>? environment = null, bool defaultInterrupt = false)
    {
        // MLCGMD_SUITE_CLI runs the cases against another build (e.g. an older commit, to measure the change).
        string mlcgmd = Environment.GetEnvironmentVariable("MLCGMD_SUITE_CLI") ?? Path.Combine(AppContext.BaseDirectory, "mlcgmd");
        ProcessStartInfo start = (shell, defaultInterrupt) switch
        {
            (null, false) => new ProcessStartInfo(mlcgmd, arguments),
            (null, true) => new ProcessStartInfo("env", ["--default-signal=INT", mlcgmd, .. arguments]),
            _ => new ProcessStartInfo("bash", ["-c", $"{shell} exec \"$0\" \"$@\"", mlcgmd, .. arguments]),
        };
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        start.Environment["OPENBLAS_NUM_THREADS"] = "1";
        start.Environment.Remove("MLCGMD_VERBOSE");
        // Under a file-size limit the runtime's double-mapped code pages would count against it.
        start.Environment["DOTNET_EnableWriteXorExecute"] = "0";
        foreach (var (name, value) in environment ?? []) start.Environment[name] = value;
        var clock = Stopwatch.StartNew();
        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync(), errors = process.StandardError.ReadToEndAsync();
        whileRunning?.Invoke(process);
        bool finished = process.WaitForExit(limit);
        if (!finished)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        return new CliRun(finished ? process.ExitCode : -1, output.Result, errors.Result, !finished, clock.Elapsed);
    }

    /// <summary>Runs a command that must succeed (the set-up of a case).</summary>
    public static CliRun Succeed(params string[] arguments)
    {
        CliRun run = Start(arguments, TimeSpan.FromMinutes(3));
        Assert.True(run.ExitCode == 0, $"mlcgmd {string.Join(' ', arguments)} exited {run.ExitCode}:\n{run.Output}\n{run.Errors}");
        return run;
    }
}
