using System.CommandLine;
using System.Text.Json;
using MlCgMd.Batching;
using MlCgMd.Benchmarks;
using MlCgMd.Data;
using MlCgMd.Evaluation;
using MlCgMd.Generation;
using MlCgMd.Lammps;
using MlCgMd.Model;
using MlCgMd.Systems;
using MlCgMd.Torch;

namespace MlCgMd.Cli.Commands;

/// <summary>
/// `mlcgmd bench speed`: simulated τ per second of the learned simulator vs the MD engines on the same
/// dataset systems (--model, --data), or, with --sizes / --batch, how each engine's cost grows with
/// chain size and the learned simulator's throughput with the systems per batch (<see cref="CostGrowth"/>).
/// </summary>
internal static class BenchSpeedCommand
{
    public static Command Create()
    {
        var modelOption = new Option<DirectoryInfo?>("--model")
        {
            Description = "checkpoint folder (with --sizes/--batch optional: default the paper chain model, seeded weights)",
        };
        var data = new Option<DirectoryInfo?>("--data") { Description = "dataset folder with dataset.json and forcefield.json (required without --sizes/--batch; default: none)" };
        var sizes = new Option<string?>("--sizes") { Description = "cost growth: fine beads per chain, e.g. 120,1000,10000 (default: none, the dataset's systems)" };
        var batches = new Option<string?>("--batch") { Description = "cost growth: chains per batch of the learned simulator, e.g. 1,8,64 (default: none)" };
        var cgLevels = new Option<string>("--cg-levels")
        {
            Description = "cost growth: cg_level of each size series (0: the model's)", DefaultValueFactory = _ => "0,100",
        };
        var forceFieldOption = new Option<FileInfo>("--force-field")
        {
            Description = "cost growth: force field of the MD engines", DefaultValueFactory = _ => new FileInfo("data/forcefields/amphiphilic-kg.json"),
        };
        var split = new Option<string?>("--split") { Description = "split file naming the systems (default: the test split of the model's system kind)" };
        var modelSteps = new Option<long>("--model-steps") { Description = "learned model steps to time (each dilation × frame interval τ)", DefaultValueFactory = _ => 200 };
        var mdSteps = new Option<long>("--md-steps") { Description = "MD steps per chain to time (of the dataset's MD time step, τ)", DefaultValueFactory = _ => 20_000 };
        var noRefine = new Option<bool>("--no-refine") { Description = "time the learned simulator without Score-GNN refinement" };
        var output = new Option<FileInfo?>("--out") { Description = "speed JSON: simulated τ per wall second per engine, for mlcgmd report --speed (default: none, printed only)" };
        var figure = new Option<FileInfo?>("--figure") { Description = "cost growth: SVG figure of τ per second against chain size and batch size (default: none)" };
        var command = new Command("speed", "Learned simulator vs reference MD (and LAMMPS) on the same systems, one thread each; " +
                                               "with --sizes/--batch, cost growth with system size and batch size.")
        {
            modelOption, data, split, modelSteps, mdSteps, noRefine, output, sizes, batches, cgLevels, forceFieldOption, figure,
        };
        command.SetAction(parse => CommandAction.Run(() =>
        {
            if (parse.GetValue(sizes) is not null || parse.GetValue(batches) is not null)
            {
                var options = new CostGrowthOptions
                {
                    Sizes = parse.GetValue(sizes) is { } n ? Integers(n, "--sizes") : [],
                    Batches = parse.GetValue(batches) is { } b ? Integers(b, "--batch") : [],
                    CgLevels = Integers(parse.GetValue(cgLevels)!, "--cg-levels"),
                };
                // Shorter defaults than the dataset comparison: a 10,000-bead step is expensive.
                if (parse.GetResult(modelSteps) is { Implicit: false }) options = options with { ModelSteps = (int)Math.Min(parse.GetValue(modelSteps), int.MaxValue) };
                if (parse.GetResult(mdSteps) is { Implicit: false }) options = options with { MdSteps = parse.GetValue(mdSteps) };
                return CostGrowthCommand(parse.GetValue(modelOption)?.FullName, ForceFieldLoader.Load(parse.GetValue(forceFieldOption)!.FullName),
                    options, parse.GetValue(output)?.FullName, parse.GetValue(figure)?.FullName);
            }
            string dataDirectory = (parse.GetValue(data) ?? throw new ArgumentException("bench speed needs --data (or --sizes/--batch)")).FullName;
            DatasetInfo info = DatasetInfo.TryRead(dataDirectory)
                               ?? throw new InvalidDataException($"'{dataDirectory}' has no {DatasetInfo.FileName}");
            ForceField forceField = ForceFieldLoader.Load(Path.Combine(dataDirectory, DatasetGenerator.ForceFieldFile));
            string modelDirectory = (parse.GetValue(modelOption) ?? throw new ArgumentException("bench speed needs --model (or --sizes/--batch)")).FullName;
            using TrainedModel trained = ModelCheckpoint.Load(modelDirectory);
            GraphSimulator model = trained.Model;
            var systems = CgSystem.LoadSplit(dataDirectory, parse.GetValue(split) ?? trained.Recipe.Kind.TestSplit, trained.Recipe,
                $"checkpoint '{modelDirectory}'");
            torch.set_num_threads(1);
            string work = Directory.CreateTempSubdirectory("mlcgmd-speed-").FullName;   // this run's own LAMMPS files
            IReadOnlyList<SpeedMeasurement> speeds;
            try
            {
                speeds = SpeedComparison.Measure(model, systems, forceField, info.FrameInterval, parse.GetValue(modelSteps),
                    parse.GetValue(mdSteps), !parse.GetValue(noRefine), work, dataDirectory);
            }
            finally
            {
                Directory.Delete(work, recursive: true);
            }
            double reference = speeds.First(s => s.Engine == "C# MD engine").TauPerSecond;
            foreach (SpeedMeasurement s in speeds)
                Console.WriteLine($"{s.Engine,-40} {s.TauPerSecond,12:G4} τ/s   ({s.TauPerSecond / reference:G3}x the C# MD engine)");
            if (parse.GetValue(output) is { } file)
                AtomicFile.WriteText(file.FullName, w => w.Write(JsonSerializer.Serialize(speeds, new JsonSerializerOptions { WriteIndented = true })));
            return 0;
        }));
        return command;
    }

    private static int[] Integers(string list, string option)
    {
        try
        {
            return list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(x => int.Parse(x, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        }
        catch (FormatException)
        {
            throw new ArgumentException($"{option} '{list}': expected comma-separated whole numbers, e.g. 120,1000,10000");
        }
    }

    private static int CostGrowthCommand(string? modelDirectory, ForceField forceField, CostGrowthOptions options, string? output,
                                         string? figurePath)
    {
        options.Validate();
        torch.set_num_threads(1);
        torch.manual_seed(options.Seed);
        using TrainedModel? trained = modelDirectory is null ? null : ModelCheckpoint.Load(modelDirectory);
        using GraphSimulator? seeded = trained is null ? new GraphSimulator(ModelConfig.PaperChain()) : null;
        GraphSimulator model = trained?.Model ?? seeded!;
        bool lammps = LammpsRunner.IsAvailable();
        Console.WriteLine($"cost growth, one thread each: model {(trained is null ? "the paper chain model (seeded weights)" : modelDirectory)}, " +
                          $"{options.ModelSteps} model steps of {options.ModelStepTau} τ per measurement, {options.MdSteps} MD steps of " +
                          $"{forceField.TimeStep} τ per chain{(lammps ? "" : "; LAMMPS (lmp) not installed: not timed")}; one measurement per row");
        Console.WriteLine($"{"series",-20} {"engine",-20} {"fine beads",10} {"cg_level",8} {"CG beads",8} {"systems",7} {"ms/step",10} {"τ/s per core",13}");
        IReadOnlyList<CostGrowthRow> rows = CostGrowth.Run(model, forceField, options, lammps,
            Path.Combine(Path.GetTempPath(), $"mlcgmd-cost-growth-{Environment.ProcessId}"), r =>
                Console.WriteLine($"{r.Series,-20} {r.Engine,-20} {r.FineBeads,10} {(r.CgLevel > 0 ? r.CgLevel.ToString() : "-"),8} " +
                                  $"{(r.CgBeads > 0 ? r.CgBeads.ToString() : "-"),8} {r.Systems,7} {r.SecondsPerStep * 1e3,10:G4} {r.TauPerSecond,13:G4}" +
                                  (r.NotMeasured is { } why ? $"  not measured: {why}" : "")));
        foreach (var size in rows.Where(r => r.Series.StartsWith("size")).GroupBy(r => r.FineBeads))
        {
            CostGrowthRow? reference = size.FirstOrDefault(r => r.Engine == "LAMMPS" && r.NotMeasured is null)
                                       ?? size.FirstOrDefault(r => r.Engine == "C# MD engine" && r.NotMeasured is null);
            if (reference is null) continue;
            foreach (CostGrowthRow r in size.Where(r => r.Engine.StartsWith("learned")))
                Console.WriteLine($"{size.Key} fine beads, {r.Series}, {r.Engine}: {r.TauPerSecond / reference.TauPerSecond:G3}x {reference.Engine} per core");
        }
        CostGrowthRow? batchReference = rows.FirstOrDefault(r => r.Series == "size" && r.FineBeads == options.BatchParticles && r.Engine == "LAMMPS" && r.NotMeasured is null);
        foreach (CostGrowthRow r in rows.Where(r => r.Series == "batch" && batchReference is not null))
            Console.WriteLine($"batch of {r.Systems} chains of {r.FineBeads} fine beads, {r.Engine}: {r.TauPerSecond / batchReference!.TauPerSecond:G3}x LAMMPS " +
                              "per core (LAMMPS on one chain of that size, one core)");
        if (figurePath is not null)
        {
            CostGrowthFigure.Draw(rows).Save(figurePath);
            Console.WriteLine($"figure: {figurePath}");
        }
        if (output is not null)
            AtomicFile.WriteText(output, w => w.Write(JsonSerializer.Serialize(new { benchmark = "cost_growth", options, threads = 1, rows },
                new JsonSerializerOptions { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals })));
        return 0;
    }
}
