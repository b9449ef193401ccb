#:project ../src/MlCgMd/MlCgMd.csproj
// Notebook 5 — the paper's figures: Rg and Rg² relaxation against reference MD, contacts, speed.
using System.Text.Json;
using MlCgMd.Data;
using MlCgMd.Evaluation;
using MlCgMd.Workflows;

bool full = args.Contains("--full");
string outDir = args.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault() ?? "notebooks/out";

EvaluationResult result, ablation;
IReadOnlyList<SpeedMeasurement>? speeds;
string context;
if (full)
{
    string data = "runs/reproduction/data";
    double interval = DatasetInfo.TryRead(data)!.FrameInterval;
    result = RolloutEvaluator.Evaluate("runs/reproduction/rollout-pnr", data, interval);
    ablation = RolloutEvaluator.Evaluate("runs/reproduction/rollout-pnr-no-score", data, interval);
    string speedFile = "runs/reproduction/speed.json";
    speeds = File.Exists(speedFile) ? JsonSerializer.Deserialize<List<SpeedMeasurement>>(File.ReadAllText(speedFile)) : null;
    context = "Full mode: the reproduction tier (runs/reproduction): 120-bead chains, 16 unseen blocky test polymers, model step 5 τ.";
}
else
{
    var pipeline = new QuickstartPipeline("data/configs", Path.Combine(Path.GetTempPath(), "mlcgmd-notebooks-quick"),
        "chain-quick.json", "train-quick.json") { SpeedSteps = (50, 2_000) };
    var run = pipeline.Run(_ => { });
    (result, ablation, speeds) = (run.Evaluation, run.Ablation, run.Speeds);
    context = "Quick mode: a tiny dataset (16-bead chains, 2 test polymers, 100 frames) and a model trained for a few hundred steps; " +
              "the figures show the machinery, not converged accuracy. Use --full for the reproduction tier.";
}

var report = EvaluationReport.Build("05 — The paper's figures: learned rollouts vs reference MD", result, ablation, speeds, context);
Directory.CreateDirectory(outDir);
string path = Path.Combine(outDir, "05_paper_figures.html");
report.Save(path);
Console.WriteLine($"report: {path}");
