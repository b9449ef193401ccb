using System.Diagnostics;
using System.Xml.Linq;

namespace MlCgMd.Tests.Notebooks;

/// <summary>Every notebook runs in quick mode (`dotnet run notebooks/NN.cs`) and writes a report with its figures.</summary>
public class NotebookTests : IDisposable
{
    private readonly string output = Path.Combine(Path.GetTempPath(), "mlcgmd-notebook-reports-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
    }

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MlCgMd.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("the repository root (MlCgMd.sln) is not above the test assembly");
    }

    [Theory]
    [InlineData("01_reference_md_and_data", 1)]
    [InlineData("02_coarse_graining", 2)]
    [InlineData("03_training", 1)]
    [InlineData("04_score_gnn_ablation", 1)]
    [InlineData("05_paper_figures", 5)]
    public async Task Notebook_quick_mode_writes_a_report_with_its_figures(string notebook, int minimumFigures)
    {
        var start = new ProcessStartInfo("dotnet", ["run", $"notebooks/{notebook}.cs", "--", "--out", output])
        {
            WorkingDirectory = RepositoryRoot(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        Task<string> stdoutTask = process.StandardOutput.ReadToEndAsync(timeout.Token);
        Task<string> stderrTask = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{notebook} did not finish in 5 minutes");
        }
        string stdout = await stdoutTask, stderr = await stderrTask;
        Assert.True(process.ExitCode == 0, $"{notebook} failed ({process.ExitCode}):\n{stdout}\n{stderr}");

        string report = Path.Combine(output, notebook + ".html");
        Assert.True(File.Exists(report), $"{notebook} wrote no report; output:\n{stdout}");
        XDocument html = XDocument.Parse(File.ReadAllText(report));
        int figures = html.Descendants().Count(e => e.Name.LocalName == "svg");
        Assert.True(figures >= minimumFigures, $"{notebook}: {figures} figures, expected at least {minimumFigures}");
        Assert.Contains(html.Descendants(), e => e.Name.LocalName == "figcaption");
    }
}
