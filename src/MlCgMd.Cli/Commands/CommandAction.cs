using System.Runtime.InteropServices;
using System.Text.Json;
using MlCgMd.CoarseGraining;
using MlCgMd.Data.Hdf5;
using MlCgMd.Torch;

namespace MlCgMd.Cli.Commands;

/// <summary>
/// Runs a verb's body. Every failure is one line on stderr, <c>mlcgmd: error: ...</c> (exit 2 for bad input or a
/// failed step, 3 for an internal error); <c>--verbose</c> or MLCGMD_VERBOSE=1 adds the stack. Ctrl-C (or SIGTERM)
/// asks the running loop to stop at its next step through <see cref="Cancellation"/>, then says how to go on.
/// </summary>
internal static class CommandAction
{
    public const int BadInput = 2, InternalError = 3, Interrupted = 130;

    public const string VerboseVariable = "MLCGMD_VERBOSE";

    private const int MaxMessage = 800;

    private static readonly CancellationTokenSource Interrupt = new();

    /// <summary>Set from --verbose (or MLCGMD_VERBOSE=1) before the verb runs: print stack traces.</summary>
    public static bool Verbose { get; set; } = Environment.GetEnvironmentVariable(VerboseVariable) is "1" or "true";

    private static bool stopsAtSteps;
    private static string interruptAdvice = "";

    /// <summary>
    /// Cancelled by Ctrl-C or SIGTERM; the verbs pass it to the library's long loops. A verb that never asks for it
    /// ends at the first signal (there is no loop to stop cleanly).
    /// </summary>
    public static CancellationToken Cancellation
    {
        get
        {
            stopsAtSteps = true;
            return Interrupt.Token;
        }
    }

    /// <param name="onInterrupt">how to continue after Ctrl-C, e.g. "run the same command with --resume"</param>
    public static int Run(Func<int> body, string onInterrupt = "nothing was left half-done; run the command again")
    {
        interruptAdvice = onInterrupt;
        // Past a file-size limit (ulimit -f) a write then fails with EFBIG, an error naming the file, instead of
        // SIGXFSZ ending the process with half-written files.
        if (OperatingSystem.IsLinux()) signal(FileSizeLimitSignal, IgnoreSignal);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        try
        {
            return body();
        }
        catch (Exception e) when (Interrupt.IsCancellationRequested && IsCancellation(e))
        {
            Console.Error.WriteLine($"mlcgmd: interrupted; {onInterrupt}");
            return Interrupted;
        }
        catch (Exception e)
        {
            Exception cause = Innermost(e);
            bool expected = IsExpected(cause);
            Console.Error.WriteLine($"mlcgmd: error: {OneLine(cause, expected)}");
            if (Verbose) Console.Error.WriteLine(e);
            else if (!expected) Console.Error.WriteLine($"mlcgmd: this is a bug in mlcgmd; run with --verbose (or {VerboseVariable}=1) for the stack trace and report it");
            return expected ? BadInput : InternalError;
        }
    }

    /// <summary>The first signal asks the loops to stop at the next step; a second one ends the process at once.</summary>
    private static void Stop(PosixSignalContext context)
    {
        if (Interrupt.IsCancellationRequested || !stopsAtSteps)
        {
            Console.Error.WriteLine($"\nmlcgmd: interrupted; {interruptAdvice}");
            return;   // default handling: the process ends
        }
        context.Cancel = true;
        Console.Error.WriteLine("\nmlcgmd: stopping after the current step (press Ctrl-C again to stop at once)");
        Interrupt.Cancel();
    }

    private static bool IsCancellation(Exception e) =>
        e is OperationCanceledException || e is AggregateException a && a.Flatten().InnerExceptions.All(IsCancellation);

    /// <summary>The exception that says what went wrong: the one inside aggregates (parallel loops), type initialisers and targets of reflection.</summary>
    private static Exception Innermost(Exception e) => e switch
    {
        AggregateException a when a.Flatten().InnerExceptions.Count >= 1 => Innermost(a.Flatten().InnerExceptions[0]),
        TypeInitializationException { InnerException: { } inner } => Innermost(inner),
        System.Reflection.TargetInvocationException { InnerException: { } inner } => Innermost(inner),
        _ => e,
    };

    /// <summary>Failures caused by the input or the environment, whose message says what is wrong, rather than bugs.</summary>
    private static bool IsExpected(Exception e) =>
        e is InvalidDataException or IOException or UnauthorizedAccessException or ArgumentException or FormatException
            or OverflowException or JsonException or TorchException or Hdf5Exception or MetisException
            or InvalidOperationException or NotSupportedException or DllNotFoundException or OutOfMemoryException
            or TimeoutException or System.ComponentModel.Win32Exception;

    private static string OneLine(Exception e, bool expected)
    {
        string message = string.Join(" ", e.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        if (message.Length > MaxMessage)
            message = $"{message[..MaxMessage]}... ({message.Length - MaxMessage} more characters: --verbose shows them)";
        return e switch
        {
            OutOfMemoryException => $"out of memory ({message}); use a smaller batch or fewer systems",
            DllNotFoundException => $"a native library is missing ({message}); run environment/setup.sh",
            _ when expected => message,
            _ => $"{e.GetType().Name}: {message}",
        };
    }

    private const int FileSizeLimitSignal = 25;          // SIGXFSZ on Linux
    private static readonly nint IgnoreSignal = 1;       // SIG_IGN

    [DllImport("libc")]
    private static extern nint signal(int signal, nint handler);
}
