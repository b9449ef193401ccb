using System.Diagnostics;

namespace MlCgMd.Cli.Commands;

/// <summary>Prints a progress line at most every <c>interval</c>, and always for the last item (works in logs too).</summary>
internal sealed class ProgressLine(TimeSpan interval)
{
    private readonly Stopwatch sinceLast = Stopwatch.StartNew();
    private bool printedOnce;

    public void Report(bool last, Func<string> line)
    {
        if (!last && printedOnce && sinceLast.Elapsed < interval) return;
        Console.WriteLine(line());
        printedOnce = true;
        sinceLast.Restart();
    }

    public static string Format(TimeSpan t) => t.TotalHours >= 1 ? t.ToString(@"h\:mm\:ss") : t.ToString(@"mm\:ss");
}
