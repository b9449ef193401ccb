using MlCgMd.Data;
using MlCgMd.Simulation;

namespace MlCgMd.Workflows;

/// <summary>
/// The reproduction tier's results under runs/reproduction of a repository, laid out as the README's
/// "reproduction tier end to end" recipe makes them. Each path is checked when asked for: a missing one
/// throws a <see cref="FileNotFoundException"/> naming the command that makes it, so a notebook in
/// reproduction mode says what to run instead of failing further on. Each part asks for the parts it is
/// made from first (a rollout: the checkpoint, which needs the dataset), so the earliest missing step is named.
/// </summary>
public sealed class ReproductionRun(string repositoryRoot)
{
    private const string Cli = "dotnet run -c Release --project src/MlCgMd.Cli --";
    private const string Best = "runs/reproduction/model-pnr/checkpoints/best";

    public string Directory { get; } = Path.Combine(repositoryRoot, "runs", "reproduction");

    /// <summary>The reference dataset (120-bead chains); its dataset.json is written when generation completes.</summary>
    public string Data => RequireFolder("data", DatasetInfo.FileName, GenerateCommand);

    /// <summary>The training run folder of the PnR model (metrics.csv, validation.csv, checkpoints/).</summary>
    public string ModelRun
    {
        get { _ = Data; return RequireFolder("model-pnr", "metrics.csv", TrainCommand); }
    }

    public string Checkpoint
    {
        get { _ = Data; return Require("model-pnr/checkpoints/best", TrainCommand); }
    }

    /// <summary>Rollouts of the unseen test polymers with Score-GNN refinement.</summary>
    public string Rollout
    {
        get { _ = Checkpoint; return RequireFolder("rollout-pnr", RolloutManifest.FileName, SimulateCommand("rollout-pnr", "")); }
    }

    /// <summary>The same rollouts without refinement.</summary>
    public string Ablation
    {
        get
        {
            _ = Checkpoint;
            return RequireFolder("rollout-pnr-no-score", RolloutManifest.FileName, SimulateCommand("rollout-pnr-no-score", " --no-refine"));
        }
    }

    /// <summary>Speed measurements (bench speed), a JSON list of <see cref="Evaluation.SpeedMeasurement"/>.</summary>
    public string Speed
    {
        get { _ = Checkpoint; return Require("speed.json", $"{Cli} bench speed --model {Best} --data runs/reproduction/data --out runs/reproduction/speed.json"); }
    }

    /// <summary>τ between recorded frames of the dataset.</summary>
    public double FrameInterval => DatasetInfo.TryRead(Data)!.FrameInterval;

    private static string GenerateCommand => $"{Cli} generate --config data/configs/chain-reproduction.json --out runs/reproduction/data";

    private static string TrainCommand => $"{Cli} train --config data/configs/train-reproduction-pnr.json --run runs/reproduction/model-pnr";

    private static string SimulateCommand(string folder, string flags) =>
        $"{Cli} simulate --model {Best} --data runs/reproduction/data --steps 6000 --save-every 1 --threads 1{flags} --out runs/reproduction/{folder}";

    private string RequireFolder(string folder, string marker, string command)
    {
        Require(Path.Combine(folder, marker), command);
        return Path.Combine(Directory, folder);
    }

    private string Require(string relativePath, string command)
    {
        string path = Path.Combine(Directory, relativePath);
        if (!File.Exists(path) && !System.IO.Directory.Exists(path))
            throw new FileNotFoundException($"The reproduction tier needs runs/reproduction/{relativePath}, which is missing; make it with:\n  {command}", path);
        return path;
    }
}
