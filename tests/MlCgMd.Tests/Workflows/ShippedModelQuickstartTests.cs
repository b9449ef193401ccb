using MlCgMd.Workflows;

namespace MlCgMd.Tests.Workflows;

/// <summary>The main job with the shipped pretrained model: fresh test polymers at its tier, rolled out, in the report.</summary>
public class ShippedModelQuickstartTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "mlcgmd-shipped-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }

    [Fact]
    public void The_shipped_model_is_rolled_out_on_fresh_polymers_and_reported_beside_the_model_trained_here()
    {
        // The repository's configs and force fields, plus a smaller test set for the shipped model (2 polymers of 1,000 τ).
        string configs = Path.Combine(root, "data", "configs");
        Directory.CreateDirectory(configs);
        foreach (string file in Directory.GetFiles(Path.Combine(RepositoryFolder.Root, "data", "configs"), "*.json"))
            File.Copy(file, Path.Combine(configs, Path.GetFileName(file)));
        string forceFields = Path.Combine(root, "data", "forcefields");
        Directory.CreateDirectory(forceFields);
        foreach (string file in Directory.GetFiles(Path.Combine(RepositoryFolder.Root, "data", "forcefields"), "*.json"))
            File.Copy(file, Path.Combine(forceFields, Path.GetFileName(file)));
        File.WriteAllText(Path.Combine(configs, "shipped-test-small.json"), """
            { "tier": "reproduction", "force_field": "../forcefields/amphiphilic-kg.json", "monomers_per_chain": 60, "seed": 5,
              "splits": [ { "name": "test", "family": "blocky", "chains": 2, "composition_min": 0.2, "composition_max": 0.8,
                            "mean_block_length": 6, "equilibration_steps": 20000, "production_steps": 100000,
                            "record_every": 500, "rg_every": 100 } ] }
            """);
        string shipped = Path.Combine(RepositoryFolder.Root, "data", "models", QuickstartPipeline.ShippedModelName);
        var pipeline = new QuickstartPipeline(configs, Path.Combine(root, "run"), "chain-quick.json", "train-quick.json")
        {
            SpeedSteps = (10, 500),
            ShippedModel = new QuickstartPipeline.ShippedModelRun(shipped, "shipped-test-small.json"),
        };
        QuickstartPipeline.Result result = pipeline.Run(_ => { });

        Assert.NotNull(result.ShippedEvaluation);
        Assert.Equal(2, result.ShippedEvaluation!.SystemCount);
        Assert.Equal(2, result.ShippedAblation!.SystemCount);
        Assert.True(result.ShippedEvaluation.Steps >= 190);                 // about 200 frames of 5 τ, one model step each
        Assert.Equal(5.0, result.ShippedEvaluation.StepTau, 9);
        Assert.True(result.ShippedEvaluation.Refined);
        Assert.False(result.ShippedAblation.Refined);
        string report = File.ReadAllText(result.ReportPath);
        Assert.Contains("chain-reproduction-prior", report);
        Assert.Contains("A model trained in this run", report);
        Assert.True(File.Exists(Path.Combine(root, "run", "metrics-trained-here.json")));
    }
}
