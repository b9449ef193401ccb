using MlCgMd.Batching;
using MlCgMd.Benchmarks;
using MlCgMd.Data;
using MlCgMd.Evaluation;
using MlCgMd.Generation;
using MlCgMd.Model;
using MlCgMd.Reports;
using MlCgMd.Simulation;
using MlCgMd.Systems;
using MlCgMd.Training;

namespace MlCgMd.Workflows;

/// <summary>
/// The main job on built-in defaults: generate a small dataset with the reference MD engine,
/// train a small PnR model, roll it out on the unseen test polymers with and without the
/// Score GNN for as long as their reference trajectories; with a shipped pretrained model
/// (<see cref="ShippedModel"/>), also generate fresh unseen test polymers at that model's tier and
/// roll it out on them with and without the Score GNN; measure speed against the MD engine (and
/// LAMMPS when present), analyse and write the HTML report. Every stage resumes.
/// Configs: data/configs/chain-quickstart.json and train-quickstart.json by default; the
/// notebooks' quick modes use the smaller chain-quick.json and train-quick.json and no shipped model.
/// </summary>
public sealed class QuickstartPipeline(string configDirectory, string runDirectory,
                                       string datasetConfig = QuickstartPipeline.DatasetConfig,
                                       string trainingConfig = QuickstartPipeline.TrainingConfigFile)
{
    public const string DatasetConfig = "chain-quickstart.json";
    public const string TrainingConfigFile = "train-quickstart.json";
    /// <summary>The pretrained model the main job rolls out (data/models/NAME) and the dataset config of its fresh test polymers.</summary>
    public const string ShippedModelName = "chain-reproduction-prior";
    public const string ShippedTestConfig = "chain-quickstart-shipped-test.json";

    /// <summary>A shipped pretrained model and the dataset config of its fresh test polymers; null: only the model trained here.</summary>
    public ShippedModelRun? ShippedModel { get; init; }

    /// <summary>A pretrained checkpoint folder (data/models/NAME) and the dataset config (in the config folder) of its test polymers.</summary>
    public sealed record ShippedModelRun(string CheckpointDirectory, string TestDatasetConfig);

    /// <summary>Model steps and MD steps per chain timed by the speed comparison.</summary>
    public (long ModelSteps, long MdSteps) SpeedSteps { get; init; } = (200, 20_000);

    /// <param name="Evaluation">the model trained here, with the Score GNN</param>
    /// <param name="Ablation">the model trained here, without the Score GNN</param>
    /// <param name="ShippedEvaluation">the shipped model on its fresh test polymers, with the Score GNN (null without one)</param>
    /// <param name="ShippedAblation">the same without the Score GNN</param>
    public sealed record Result(string ReportPath, string MetricsPath, EvaluationResult Evaluation,
                                EvaluationResult Ablation, IReadOnlyList<SpeedMeasurement> Speeds,
                                EvaluationResult? ShippedEvaluation = null, EvaluationResult? ShippedAblation = null);

    public string DataDirectory => Path.Combine(runDirectory, "data");
    public string ModelDirectory => Path.Combine(runDirectory, "model");
    public string RolloutDirectory => Path.Combine(runDirectory, "rollout");
    public string AblationDirectory => Path.Combine(runDirectory, "rollout-no-score");
    public string ShippedDataDirectory => Path.Combine(runDirectory, "shipped", "data");
    public string ShippedRolloutDirectory => Path.Combine(runDirectory, "shipped", "rollout");
    public string ShippedAblationDirectory => Path.Combine(runDirectory, "shipped", "rollout-no-score");

    public Result Run(Action<string> log, IProgress<GenerationProgress>? generation = null,
                      IProgress<TrainingProgress>? training = null, IProgress<RolloutRunner.Progress>? rollout = null)
    {
        int stages = ShippedModel is null ? 5 : 6;
        log($"1/{stages} reference MD: generating the dataset");
        ChainDatasetConfig datasetSettings = ChainDatasetConfigLoader.Load(Path.Combine(configDirectory, datasetConfig));
        DatasetInfo info = new DatasetGenerator(datasetSettings, DataDirectory, Environment.ProcessorCount).Run(generation);

        log($"2/{stages} training the learned simulator");
        TrainingConfig trainingSettings = TrainingConfig.Load(Path.Combine(configDirectory, trainingConfig));
        trainingSettings = trainingSettings with { Data = trainingSettings.Data with { Directory = Path.GetFullPath(DataDirectory) } };
        var trainer = new Trainer(trainingSettings, configDirectory, ModelDirectory);
        trainer.Run(resume: true, training);
        using TrainedModel trained = ModelCheckpoint.Load(trainer.BestCheckpoint);

        log($"3/{stages} rolling out the unseen test polymers, with and without the Score GNN");
        var (test, _) = RollOutBoth(trained, trainer.BestCheckpoint, DataDirectory, RolloutDirectory, AblationDirectory, rollout);

        GraphSimulator speedModel = trained.Model;
        IReadOnlyList<CgSystem> speedSystems = test;
        DatasetInfo speedInfo = info;
        string speedData = DataDirectory;
        TrainedModel? shipped = null;
        try
        {
            if (ShippedModel is { } run)
            {
                log($"4/{stages} the shipped model ({run.CheckpointDirectory}): fresh unseen test polymers, rolled out with and without the Score GNN");
                ChainDatasetConfig shippedTest = ChainDatasetConfigLoader.Load(Path.Combine(configDirectory, run.TestDatasetConfig));
                speedInfo = new DatasetGenerator(shippedTest, ShippedDataDirectory, Environment.ProcessorCount).Run(generation);
                shipped = ModelCheckpoint.Load(run.CheckpointDirectory);
                (speedSystems, _) = RollOutBoth(shipped, run.CheckpointDirectory, ShippedDataDirectory, ShippedRolloutDirectory,
                    ShippedAblationDirectory, rollout);
                speedModel = shipped.Model;
                speedData = ShippedDataDirectory;
            }

            log($"{stages - 1}/{stages} speed: learned simulator vs reference MD on the same systems");
            ForceField forceField = ForceFieldLoader.Load(Path.Combine(speedData, DatasetGenerator.ForceFieldFile));
            var speeds = SpeedComparison.Measure(speedModel, speedSystems, forceField, speedInfo.FrameInterval, SpeedSteps.ModelSteps,
                SpeedSteps.MdSteps, refine: true, Path.Combine(runDirectory, "speed"), speedData);

            log($"{stages}/{stages} analysis and report");
            EvaluationResult evaluation = RolloutEvaluator.Evaluate(RolloutDirectory, DataDirectory, info.FrameInterval);
            EvaluationResult ablation = RolloutEvaluator.Evaluate(AblationDirectory, DataDirectory, info.FrameInterval);
            string trainedContext =
                $"{datasetSettings.Splits.Sum(s => s.Chains)} chains of {2 * datasetSettings.MonomersPerChain} beads simulated with " +
                $"the built-in Langevin engine (frames every {info.FrameInterval:G3} τ); a small model " +
                $"({trained.Model.num_parameters():N0} parameters, cg_level {trained.Model.Config.CgLevel}) trained for " +
                $"{trainingSettings.Train.MaxSteps} steps; rollouts as long as the reference test trajectories.";
            string reportPath = Path.Combine(runDirectory, "report.html");
            string metricsPath = Path.Combine(runDirectory, "metrics.json");
            if (shipped is null)
            {
                EvaluationReport.Build("MlCgMd quickstart: learned CG rollouts vs reference MD", evaluation, ablation, speeds,
                    "Quickstart run: " + trainedContext).Save(reportPath);
                new MetricsFile(evaluation.Summary(), ablation.Summary(), speeds).Write(metricsPath);
                return new Result(reportPath, metricsPath, evaluation, ablation, speeds);
            }

            EvaluationResult shippedEvaluation = RolloutEvaluator.Evaluate(ShippedRolloutDirectory, ShippedDataDirectory, speedInfo.FrameInterval);
            EvaluationResult shippedAblation = RolloutEvaluator.Evaluate(ShippedAblationDirectory, ShippedDataDirectory, speedInfo.FrameInterval);
            string shippedContext =
                $"Quickstart run. The shipped pretrained model {Path.GetFileName(Path.TrimEndingDirectorySeparator(ShippedModel!.CheckpointDirectory))} " +
                $"({shipped.Model.num_parameters():N0} parameters, cg_level {shipped.Model.Config.CgLevel}; its model card says how it was " +
                $"trained) rolled out on {shippedEvaluation.SystemCount} test polymers generated fresh in this run with the built-in " +
                $"Langevin engine (frames every {speedInfo.FrameInterval:G3} τ), as long as their reference trajectories.";
            HtmlReport report = EvaluationReport.Build("MlCgMd quickstart: learned CG rollouts vs reference MD", shippedEvaluation,
                shippedAblation, speeds, shippedContext);
            EvaluationReport.AddTrainedHere(report, evaluation, ablation, trainedContext);
            report.Save(reportPath);
            new MetricsFile(shippedEvaluation.Summary(), shippedAblation.Summary(), speeds).Write(metricsPath);
            new MetricsFile(evaluation.Summary(), ablation.Summary()).Write(Path.Combine(runDirectory, "metrics-trained-here.json"));
            return new Result(reportPath, metricsPath, evaluation, ablation, speeds, shippedEvaluation, shippedAblation);
        }
        finally
        {
            shipped?.Dispose();
        }
    }

    /// <summary>Rolls a model out on a dataset's test split with and without the Score GNN, as long as the shortest reference.</summary>
    private static (List<CgSystem> Test, long Steps) RollOutBoth(TrainedModel trained, string checkpoint, string dataDirectory,
                                                                 string withScore, string withoutScore,
                                                                 IProgress<RolloutRunner.Progress>? rollout)
    {
        GraphSimulator model = trained.Model;
        var test = CgSystem.LoadSplit(dataDirectory, trained.Recipe.Kind.TestSplit, trained.Recipe, $"checkpoint '{checkpoint}'");
        var thresholds = StabilityThresholds.FromReference(test);
        long steps = test.Min(s => s.FrameCount) / model.Config.Dilation;
        var options = new RolloutOptions { Steps = steps, SaveEvery = 1, BatchSize = test.Count, Threads = 1, CheckpointEvery = 200 };
        new RolloutRunner(model, options).Run(test, thresholds, withScore, resume: true, checkpoint, rollout);
        new RolloutRunner(model, options with { Refine = false }).Run(test, thresholds, withoutScore, resume: true, checkpoint, rollout);
        return (test, steps);
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
