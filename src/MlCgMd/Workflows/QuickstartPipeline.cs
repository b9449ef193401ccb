using MlCgMd.Batching;
using MlCgMd.Benchmarks;
using MlCgMd.Data;
using MlCgMd.Evaluation;
using MlCgMd.Generation;
using MlCgMd.Model;
using MlCgMd.Simulation;
using MlCgMd.Systems;
using MlCgMd.Training;

namespace MlCgMd.Workflows;

/// <summary>
/// The main job on built-in defaults: generate a small dataset with the reference MD engine,
/// train a small PnR model, roll it out on the unseen test polymers with and without the
/// Score GNN for as long as their reference trajectories, measure speed against the MD engine
/// (and LAMMPS when present), analyse and write the HTML report. Every stage resumes.
/// Configs: data/configs/chain-quickstart.json and train-quickstart.json by default; the
/// notebooks' quick modes use the smaller chain-quick.json and train-quick.json.
/// </summary>
public sealed class QuickstartPipeline(string configDirectory, string runDirectory,
                                       string datasetConfig = QuickstartPipeline.DatasetConfig,
                                       string trainingConfig = QuickstartPipeline.TrainingConfigFile)
{
    public const string DatasetConfig = "chain-quickstart.json";
    public const string TrainingConfigFile = "train-quickstart.json";

    /// <summary>Model steps and MD steps per chain timed by the speed comparison.</summary>
    public (long ModelSteps, long MdSteps) SpeedSteps { get; init; } = (200, 20_000);

    public sealed record Result(string ReportPath, string MetricsPath, EvaluationResult Evaluation,
                                EvaluationResult Ablation, IReadOnlyList<SpeedMeasurement> Speeds);

    public string DataDirectory => Path.Combine(runDirectory, "data");
    public string ModelDirectory => Path.Combine(runDirectory, "model");
    public string RolloutDirectory => Path.Combine(runDirectory, "rollout");
    public string AblationDirectory => Path.Combine(runDirectory, "rollout-no-score");

    public Result Run(Action<string> log, IProgress<GenerationProgress>? generation = null,
                      IProgress<TrainingProgress>? training = null, IProgress<RolloutRunner.Progress>? rollout = null)
    {
        log("1/5 reference MD: generating the dataset");
        ChainDatasetConfig datasetSettings = ChainDatasetConfigLoader.Load(Path.Combine(configDirectory, datasetConfig));
        DatasetInfo info = new DatasetGenerator(datasetSettings, DataDirectory, Environment.ProcessorCount).Run(generation);

        log("2/5 training the learned simulator");
        TrainingConfig trainingSettings = TrainingConfig.Load(Path.Combine(configDirectory, trainingConfig));
        trainingSettings = trainingSettings with { Data = trainingSettings.Data with { Directory = Path.GetFullPath(DataDirectory) } };
        var trainer = new Trainer(trainingSettings, configDirectory, ModelDirectory);
        trainer.Run(resume: true, training);
        using TrainedModel trained = ModelCheckpoint.Load(trainer.BestCheckpoint);
        GraphSimulator model = trained.Model;

        log("3/5 rolling out the unseen test polymers, with and without the Score GNN");
        var test = CgSystem.LoadSplit(DataDirectory, trained.Recipe.Kind.TestSplit, trained.Recipe,
            $"checkpoint '{trainer.BestCheckpoint}'");
        var thresholds = StabilityThresholds.FromReference(test);
        long steps = test.Min(s => s.FrameCount) / model.Config.Dilation;
        var options = new RolloutOptions { Steps = steps, SaveEvery = 1, BatchSize = test.Count, Threads = 1, CheckpointEvery = 200 };
        string withScore = RolloutDirectory;
        string withoutScore = AblationDirectory;
        new RolloutRunner(model, options).Run(test, thresholds, withScore, resume: true, trainer.BestCheckpoint, rollout);
        new RolloutRunner(model, options with { Refine = false }).Run(test, thresholds, withoutScore, resume: true,
            trainer.BestCheckpoint, rollout);

        log("4/5 speed: learned simulator vs reference MD on the same systems");
        ForceField forceField = ForceFieldLoader.Load(Path.Combine(DataDirectory, DatasetGenerator.ForceFieldFile));
        var speeds = SpeedComparison.Measure(model, test, forceField, info.FrameInterval, SpeedSteps.ModelSteps, SpeedSteps.MdSteps,
            refine: true, Path.Combine(runDirectory, "speed"));

        log("5/5 analysis and report");
        EvaluationResult evaluation = RolloutEvaluator.Evaluate(withScore, DataDirectory, info.FrameInterval);
        EvaluationResult ablation = RolloutEvaluator.Evaluate(withoutScore, DataDirectory, info.FrameInterval);
        string context = $"Quickstart run: {datasetSettings.Splits.Sum(s => s.Chains)} chains of {2 * datasetSettings.MonomersPerChain} beads " +
                         $"simulated with the built-in Langevin engine (frames every {info.FrameInterval:G3} τ); a small model " +
                         $"({model.num_parameters():N0} parameters, cg_level {model.Config.CgLevel}) trained for " +
                         $"{trainingSettings.Train.MaxSteps} steps; rollouts as long as the reference test trajectories.";
        string reportPath = Path.Combine(runDirectory, "report.html");
        EvaluationReport.Build("MlCgMd quickstart: learned CG rollouts vs reference MD", evaluation, ablation, speeds, context)
            .Save(reportPath);
        string metricsPath = Path.Combine(runDirectory, "metrics.json");
        new MetricsFile(evaluation.Summary(), ablation.Summary(), speeds).Write(metricsPath);
        return new Result(reportPath, metricsPath, evaluation, ablation, speeds);
    }

    /// <summary>data/configs of the repository: searched from the working folder, then from the program's folder upwards.</summary>
    public static string LocateConfigDirectory()
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "data", "configs");
                if (File.Exists(Path.Combine(candidate, DatasetConfig))) return candidate;
            }
        }
        throw new DirectoryNotFoundException(
            $"could not find data/configs/{DatasetConfig}; run from the repository or pass --configs");
    }
}
