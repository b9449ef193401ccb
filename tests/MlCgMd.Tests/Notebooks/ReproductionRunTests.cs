using MlCgMd.Workflows;

namespace MlCgMd.Tests.Notebooks;

/// <summary>The reproduction tier's inputs, as the notebooks ask for them: a missing one is named with the command that makes it.</summary>
public class ReproductionRunTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "mlcgmd-reproduction-run-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }

    [Fact]
    public void A_missing_input_is_named_with_the_command_that_makes_the_earliest_missing_step()
    {
        var run = new ReproductionRun(root);
        var error = Assert.Throws<FileNotFoundException>(() => run.Rollout);
        Assert.Contains("runs/reproduction/data/dataset.json", error.Message);
        Assert.Contains("generate --config data/configs/chain-reproduction.json --out runs/reproduction/data", error.Message);

        Directory.CreateDirectory(Path.Combine(run.Directory, "data"));
        File.WriteAllText(Path.Combine(run.Directory, "data", "dataset.json"), "{}");
        error = Assert.Throws<FileNotFoundException>(() => run.Rollout);
        Assert.Contains("train --config data/configs/train-reproduction-pnr.json", error.Message);

        Directory.CreateDirectory(Path.Combine(run.Directory, "model-pnr", "checkpoints", "best"));
        error = Assert.Throws<FileNotFoundException>(() => run.Ablation);
        Assert.Contains("--no-refine --out runs/reproduction/rollout-pnr-no-score", error.Message);

        Directory.CreateDirectory(Path.Combine(run.Directory, "rollout-pnr"));
        File.WriteAllText(Path.Combine(run.Directory, "rollout-pnr", "rollout.json"), "{}");
        Assert.Equal(Path.Combine(run.Directory, "rollout-pnr"), run.Rollout);
    }
}
