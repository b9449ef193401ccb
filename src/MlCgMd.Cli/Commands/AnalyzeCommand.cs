using System.CommandLine;
using MlCgMd.Data;
using MlCgMd.Evaluation;
using MlCgMd.Simulation;
using MlCgMd.SystemKinds;

namespace MlCgMd.Cli.Commands;

/// <summary>`mlcgmd analyze --rollout DIR --data DIR`: per-polymer metrics of a rollout against reference MD.</summary>
internal static class AnalyzeCommand
{
    public static Command Create()
    {
        var rollout = new Option<DirectoryInfo>("--rollout") { Description = "rollout folder (from mlcgmd simulate)", Required = true };
        var data = new Option<DirectoryInfo>("--data") { Description = "dataset folder with the reference trajectories", Required = true };
        var frameInterval = FrameIntervalOption();
        var output = new Option<FileInfo?>("--out") { Description = "metrics JSON (default: <rollout>/metrics.json)" };
        var overwrite = new Option<bool>("--overwrite") { Description = "replace the metrics file if it exists (default: refuse)" };
        var command = new Command("analyze", "Compare a rollout with reference MD: chains: Rg, Rg² relaxation, contacts, bonds, collisions; electrolytes: Li+ and anion diffusivity, Li+–anion coordination, collisions.")
        {
            rollout, data, frameInterval, output, overwrite,
        };
        command.SetAction(parse => CommandAction.Run(() =>
        {
            string rolloutDirectory = parse.GetValue(rollout)!.FullName;
            string dataDirectory = parse.GetValue(data)!.FullName;
            string path = parse.GetValue(output)?.FullName ?? Path.Combine(rolloutDirectory, MetricsFile.FileName);
            if (File.Exists(path) && !parse.GetValue(overwrite))
                throw new IOException($"'{path}' already exists; pass --overwrite to replace it");
            double interval = ResolveFrameInterval(parse.GetValue(frameInterval), dataDirectory);
            if (RolloutManifest.Read(rolloutDirectory).Kind == SystemKind.Electrolyte)
                return AnalyzeElectrolyte(rolloutDirectory, dataDirectory, interval, path);
            EvaluationResult result = RolloutEvaluator.Evaluate(rolloutDirectory, dataDirectory, interval);
            new MetricsFile(result.Summary()).Write(path);
            Console.WriteLine($"{result.SystemCount} polymers, {result.FailedSystems} stopped early " +
                              $"(mean steps before stopping {result.MeanStepsBeforeFailure:F0} of {result.Steps}); " +
                              $"frames with collisions {result.FramesWithCollisions}");
            Console.WriteLine(result.MeanRgStatement());
            Console.WriteLine(result.RelaxationTimeStatement());
            Console.WriteLine($"Rg² W1 median over {result.Polymers.Count} polymers: rollout vs MD {result.MedianRg2Wasserstein1:G3} σ², " +
                              $"MD half vs half {result.MedianHalvesRg2Wasserstein1:G3} σ²");
            Console.WriteLine($"metrics: {path}");
            return 0;
        }));
        return command;
    }

    /// <summary>Per composition D(Li+), D(anion) and the Li+–anion coordination, rollout against MD; the log10 D(Li+) agreement.</summary>
    private static int AnalyzeElectrolyte(string rolloutDirectory, string dataDirectory, double frameInterval, string path)
    {
        ElectrolyteEvaluationResult result = ElectrolyteRolloutEvaluator.Evaluate(rolloutDirectory, dataDirectory, frameInterval);
        result.Write(path);
        Console.WriteLine("| composition | steps | D(Li+) MD | D(Li+) rollout | D(anion) MD | D(anion) rollout | CN Li–An MD | CN rollout |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (ElectrolyteSystemEvaluation s in result.Systems)
            Console.WriteLine($"| {s.Name} | {s.StepsDone}{(s.FailedStep is null ? "" : " (stopped)")} | {Format(s.ReferenceLithium)} | " +
                              $"{Format(s.RolloutLithium)} | {Format(s.ReferenceAnion)} | {Format(s.RolloutAnion)} | " +
                              $"{s.ReferenceCoordination:F2} | {s.RolloutCoordination:F2} |");
        Console.WriteLine($"D in σ²/τ ± bootstrap standard error (resampling ions), fit window {result.Systems[0].FitStart:G4}–{result.Systems[0].FitEnd:G4} τ");
        Console.WriteLine();
        Console.WriteLine($"Li+ MSD over one model step ({result.StepTau:G4} τ), σ², MD / rollout: " +
                          string.Join(", ", result.Systems.Select(s => $"{s.Name} {s.ReferenceLithiumStepMsd:F2} / {s.RolloutLithiumStepMsd?.ToString("F2") ?? "–"}")));
        Console.WriteLine();
        Console.WriteLine($"| composition | CG bonds | mean CG bond MD | rollout | bonded displacement correlation per {result.Systems[0].RolloutDt:G4} τ MD | rollout |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (ElectrolyteSystemEvaluation s in result.Systems.Where(s => s.ReferenceBondedMotion is not null))
            Console.WriteLine($"| {s.Name} | {s.ReferenceBondedMotion!.Bonds} | {s.ReferenceBondedMotion.MeanBondLength:F2} | " +
                              $"{s.RolloutBondedMotion?.MeanBondLength.ToString("F2") ?? "–"} | {s.ReferenceBondedMotion.DisplacementCorrelation:F3} | " +
                              $"{s.RolloutBondedMotion?.DisplacementCorrelation.ToString("F3") ?? "–"} |");
        Console.WriteLine(result.DiffusivityStatement());
        Console.WriteLine(result.ChemistryBaselineStatement);
        Console.WriteLine(result.LithiumStepMsdStatement());
        Console.WriteLine($"metrics: {path}");
        return 0;
    }

    private static string Format(Analysis.BootstrapEstimate? d) => d is null ? "–" : $"{d.Value:G3} ± {d.StandardError:G2}";

    internal static Option<double?> FrameIntervalOption() =>
        new("--frame-interval") { Description = "τ between recorded reference frames (default: from the dataset's dataset.json)" };

    internal static double ResolveFrameInterval(double? given, string dataDirectory)
    {
        if (given is { } value) return value;
        DatasetInfo info = DatasetInfo.TryRead(dataDirectory)
                           ?? throw new InvalidDataException(
                               $"'{dataDirectory}' has no {DatasetInfo.FileName}; pass --frame-interval (τ between recorded frames)");
        return info.FrameInterval;
    }
}
