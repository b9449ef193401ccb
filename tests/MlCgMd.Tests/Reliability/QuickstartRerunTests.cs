using System.Security.Cryptography;
using MlCgMd.Simulation;
using MlCgMd.Workflows;

namespace MlCgMd.Tests.Reliability;

/// <summary>The main job run a second time in the same folder: every stage finds its work done and changes nothing.</summary>
public class QuickstartRerunTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "mlcgmd-quickstart-rerun-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }

    private static Dictionary<string, string> Hashes(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetExtension(f) is ".h5" or ".safetensors" || Path.GetFileName(f) is "state.json" or "metrics.csv")
            .ToDictionary(f => Path.GetRelativePath(folder, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    [Fact]
    public void Running_the_quick_pipeline_twice_leaves_data_model_and_rollouts_as_the_first_run_wrote_them()
    {
        var pipeline = new QuickstartPipeline(Path.Combine(RepositoryFolder.Root, "data", "configs"), root, "chain-quick.json", "train-quick.json")
            { SpeedSteps = (10, 500) };
        QuickstartPipeline.Result result = pipeline.Run(_ => { });
        var first = Hashes(root);
        // The report's rollout wall time (metrics.json rollout_wall_seconds), measured whether or not systems stop early.
        Assert.True(result.Evaluation.RolloutWallSeconds > 0 && result.Ablation.RolloutWallSeconds > 0);
        foreach (string rollout in new[] { pipeline.RolloutDirectory, pipeline.AblationDirectory })
        {
            RolloutManifest manifest = RolloutManifest.Read(rollout);
            Assert.True(manifest.Completed);
            Assert.True(manifest.WallSeconds > 0, $"{rollout}: wall_seconds {manifest.WallSeconds}");
        }

        QuickstartPipeline.Result again = pipeline.Run(_ => { });
        Assert.True(File.Exists(again.ReportPath));
        Assert.Equal(first, Hashes(root));
    }
}
