#:project ../src/MlCgMd/MlCgMd.csproj
// Notebook 3 — training the learned simulator: windows, losses, validation, checkpoints.
using MlCgMd.Generation;
using MlCgMd.Model;
using MlCgMd.Reports;
using MlCgMd.Systems;
using MlCgMd.Training;

bool full = args.Contains("--full");
string outDir = args.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault() ?? "notebooks/out";
var report = new HtmlReport("03 — Training the multi-scale graph-network simulator");

report.Section("What is trained");
report.Paragraph("A sample is a window of seq_len history frames plus one target frame of a training trajectory. The Embedding GNN " +
                 "reads the fine bond graph; its outputs are averaged into METIS beads; the Dynamics GNN reads the beads' velocity " +
                 "history and predicts a Gaussian over each bead's acceleration, trained by its negative log-likelihood (acc_loss). " +
                 "The Score GNN learns the score of noisy next positions by denoising score matching (score_loss), and the Rg head " +
                 "the fine-chain radius of gyration (property_loss). The history is augmented with Gaussian position noise, one σ per " +
                 "system from a geometric grid. Adam with the official decay-to-floor schedule, gradient clipping at 20.");

string runDirectory;
if (full)
{
    runDirectory = "runs/reproduction/model-pnr";
    report.Paragraph("Full mode shows the reproduction-tier run made by `mlcgmd train --config data/configs/train-reproduction-pnr.json " +
                     "--run runs/reproduction/model-pnr`.");
}
else
{
    string root = Path.Combine(Path.GetTempPath(), "mlcgmd-notebook-03");
    string data = Path.Combine(root, "data");
    new DatasetGenerator(ChainDatasetConfigLoader.Load("data/configs/chain-quick.json"), data, Environment.ProcessorCount).Run();
    TrainingConfig config = TrainingConfig.Load("data/configs/train-quick.json");
    config = config with { Data = config.Data with { Directory = data } };
    runDirectory = Path.Combine(root, "model");
    if (Directory.Exists(runDirectory)) Directory.Delete(runDirectory, recursive: true);
    var result = new Trainer(config, "data/configs", runDirectory).Run(resume: false);
    report.Paragraph($"Quick mode: the quick dataset (16-bead chains) and data/configs/train-quick.json, {config.Train.MaxSteps} steps. " +
                     $"Validation acc_loss went from {result.FirstValAccLoss:F3} to {result.FinalValAccLoss:F3} (best {result.BestValAccLoss:F3} at step {result.BestStep}).");
}

using (GraphSimulator model = ModelCheckpoint.Load(Path.Combine(runDirectory, "checkpoints", "last")).Model)
{
    report.Table(["network", "parameters"], model.named_children()
        .Select(c => (IReadOnlyList<object?>)[c.name, c.module.num_parameters()])
        .Append(["total", model.num_parameters()]), "Parameter counts by sub-network (official state_dict names).");
}

var metrics = MetricsLog.Read(Path.Combine(runDirectory, "metrics.csv"));
var validation = MetricsLog.Read(Path.Combine(runDirectory, "validation.csv"));
var losses = new Axes { Title = "Training and validation loss", XLabel = "step", YLabel = "loss (nats)" };
losses.Add(new LineSeries(metrics.Select(m => (double)m.Step).ToList(), metrics.Select(m => m.Values["acc_loss"]).ToList()) { Label = "train acc_loss" });
if (metrics.All(m => double.IsFinite(m.Values["score_loss"])))
    losses.Add(new LineSeries(metrics.Select(m => (double)m.Step).ToList(), metrics.Select(m => m.Values["score_loss"]).ToList()) { Label = "train score_loss" });
losses.Add(new LineSeries(validation.Select(v => (double)v.Step).ToList(), validation.Select(v => v.Values["val_acc_loss"]).ToList())
    { Label = "val acc_loss", Dashed = true });
var schedule = new Axes { Title = "Learning rate", XLabel = "step", YLabel = "lr", YScale = AxisScale.Log };
schedule.Add(new LineSeries(metrics.Select(m => (double)m.Step).ToList(), metrics.Select(m => m.Values["lr"]).ToList()));
var ratio = new Axes { Title = "|μ| / |σ| of the predicted acceleration", XLabel = "step", YLabel = "ratio" };
ratio.Add(new LineSeries(metrics.Select(m => (double)m.Step).ToList(), metrics.Select(m => m.Values["mean_std_ratio"]).ToList()));
report.Figure(new Figure(losses, schedule, ratio) { Columns = 3, PanelWidth = 330 }, "Loss curves, learning rate and the mean/std ratio, from metrics.csv and validation.csv.");

Directory.CreateDirectory(outDir);
string path = Path.Combine(outDir, "03_training.html");
report.Save(path);
Console.WriteLine($"report: {path}");
