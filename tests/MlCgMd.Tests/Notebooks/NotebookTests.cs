using System.Diagnostics;
using System.Text.Json;
using System.Xml.Linq;

namespace MlCgMd.Tests.Notebooks;

/// <summary>
/// Every notebook executes headless in quick mode on the .NET Interactive C# kernel (`jupyter nbconvert --execute`,
/// as environment/setup.sh installs it), each in a temporary folder of its own that is also its TMPDIR, on this test
/// run's build of the library. It must raise no error and show its figures as image/svg+xml outputs that parse as SVG.
/// </summary>
public class NotebookTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);

    [Theory]
    [InlineData("01_reference_md_and_data", 2)]
    [InlineData("02_coarse_graining", 2)]
    [InlineData("03_training", 1)]
    [InlineData("04_score_gnn_ablation", 3)]
    [InlineData("05_paper_figures", 7)]
    [InlineData("06_electrolyte", 3)]
    public async Task Notebook_runs_in_quick_mode_without_errors_and_shows_its_figures(string notebook, int minimumFigures)
    {
        string root = RepositoryRoot();
        string folder = Path.Combine(Path.GetTempPath(), $"mlcgmd-notebook-{notebook}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(folder, "tmp"));
        try
        {
            // A copy outside the repository: the notebook must find the repository through MLCGMD_ROOT, not its folder.
            File.Copy(Path.Combine(root, "notebooks", notebook + ".ipynb"), Path.Combine(folder, notebook + ".ipynb"));
            var (exitCode, output) = await Execute(folder, notebook, root);
            Assert.True(exitCode == 0, $"{notebook} failed ({exitCode}):\n{output}");

            using JsonDocument executed = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "executed.ipynb")));
            var outputs = executed.RootElement.GetProperty("cells").EnumerateArray()
                .Where(c => c.GetProperty("cell_type").GetString() == "code")
                .SelectMany(c => c.GetProperty("outputs").EnumerateArray()).ToList();
            Assert.DoesNotContain(outputs, o => o.GetProperty("output_type").GetString() == "error");
            var svgs = outputs.Where(o => o.TryGetProperty("data", out var data) && data.TryGetProperty("image/svg+xml", out _))
                .Select(o => Text(o.GetProperty("data").GetProperty("image/svg+xml"))).ToList();
            Assert.True(svgs.Count >= minimumFigures, $"{notebook}: {svgs.Count} SVG figures, expected at least {minimumFigures}");
            Assert.All(svgs, svg => Assert.Equal("svg", XElement.Parse(svg).Name.LocalName));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Output)> Execute(string folder, string notebook, string root)
    {
        string jupyter = File.Exists("/usr/bin/jupyter") ? "/usr/bin/jupyter" : "jupyter";
        var start = new ProcessStartInfo(jupyter,
            ["nbconvert", "--to", "notebook", "--execute", "--output", "executed.ipynb", "--ExecutePreprocessor.timeout=600", notebook + ".ipynb"])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["MLCGMD_ROOT"] = root;
        start.Environment["MLCGMD_BIN"] = AppContext.BaseDirectory;   // this test run's build of MlCgMd.Core, Torch and the shim
        start.Environment["MLCGMD_TIER"] = "quick";
        start.Environment["TMPDIR"] = Path.Combine(folder, "tmp");
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"cannot start '{jupyter}' ({e.Message}): run environment/setup.sh", e);
        }
        using (process)
        {
            using var timeout = new CancellationTokenSource(Limit);
            Task<string> stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            Task<string> stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"{notebook} did not finish in {Limit.TotalMinutes} minutes");
            }
            return (process.ExitCode, await stdout + await stderr);
        }
    }

    /// <summary>A notebook's multi-line string: one string or an array of lines.</summary>
    private static string Text(JsonElement value) =>
        value.ValueKind == JsonValueKind.Array ? string.Concat(value.EnumerateArray().Select(v => v.GetString())) : value.GetString() ?? "";

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MlCgMd.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("the repository root (MlCgMd.sln) is not above the test assembly");
    }
}
