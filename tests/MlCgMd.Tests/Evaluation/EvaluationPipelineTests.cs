using System.Xml.Linq;
using MlCgMd.Batching;
using MlCgMd.Data;
using MlCgMd.Evaluation;
using MlCgMd.Model;
using MlCgMd.Simulation;
using MlCgMd.SystemKinds;
using MlCgMd.Tests.Training;
using MlCgMd.Torch;

namespace MlCgMd.Tests.Evaluation;

public class EvaluationPipelineTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "mlcgmd-eval-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }

    [Fact]
    public void A_rollout_is_evaluated_against_its_reference_and_reported_with_every_figure()
    {
        string data = TinyDataset.Write(Path.Combine(root, "data"), chains: 4, frames: 120);
        var systems = TrajectoryDataset.FromSplit(data, Path.Combine(data, "train.txt")).Folders
            .Select(f => CgSystem.Load(f, new CgRecipe { CgLevel = 6 }, "the test")).ToList();
        torch.manual_seed(2);
        using var model = new GraphSimulator(Tests.Model.SyntheticBatches.SmallConfig(seqLen: 4, score: true) with { CgLevel = 6 });
        var options = new RolloutOptions { Steps = 100, SaveEvery = 1, BatchSize = 8, Deterministic = true };
        var loose = new StabilityThresholds(1e-6, 1e6);
        string with = Path.Combine(root, "with"), without = Path.Combine(root, "without");
        new RolloutRunner(model, options).Run(systems, loose, with, resume: false);
        new RolloutRunner(model, options with { Refine = false }).Run(systems, loose, without, resume: false);

        EvaluationResult a = RolloutEvaluator.Evaluate(with, data, frameInterval: 5);
        EvaluationResult b = RolloutEvaluator.Evaluate(without, data, frameInterval: 5);
        Assert.Equal(3, a.Polymers.Count);
        Assert.True(a.Refined);
        Assert.False(b.Refined);
        foreach (PolymerEvaluation p in a.Polymers)
        {
            Assert.Equal(120, p.ReferenceRg2.Length);
            Assert.Equal(100, p.RolloutRg2.Length);
            Assert.Equal(5.0, p.ReferenceDt);
            Assert.All(p.ReferenceRg2, v => Assert.True(v > 0));
            Assert.NotNull(p.ReferenceTau);
        }
        Assert.NotNull(a.MeanRg);

        var speeds = new List<SpeedMeasurement> { new("learned", 3, 500, 2), new("reference MD", 3, 500, 20) };
        string html = EvaluationReport.Build("test", a, b, speeds).ToHtml();
        var document = XDocument.Parse(html);
        int figures = document.Descendants().Count(e => e.Name.LocalName == "svg");
        Assert.True(figures >= 8, $"expected the full figure set, found {figures} SVG figures");
        foreach (string title in new[] { "Mean Rg per test polymer", "Rg² distributions", "Autocorrelation of Rg²", "Relaxation time of Rg²", "Bead contact maps", "CG bond lengths", "Score-GNN ablation" })
            Assert.Contains(title, html);
        Assert.Contains("Speed on the same systems", html);
        Assert.Contains("id=\"metrics\"", html);
    }
}
