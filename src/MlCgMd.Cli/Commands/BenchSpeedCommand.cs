using System.CommandLine;
using System.Text.Json;
using MlCgMd.Batching;
using MlCgMd.Benchmarks;
using MlCgMd.Data;
using MlCgMd.Evaluation;
using MlCgMd.Generation;
using MlCgMd.Model;
using MlCgMd.Systems;
using MlCgMd.Torch;

namespace MlCgMd.Cli.Commands;

/// <summary>`mlcgmd bench speed`: simulated τ per second of the learned simulator vs the MD engines on the same systems.</summary>
internal static class BenchSpeedCommand
{
    public static Command Create()
    {
        var modelOption = new Option<DirectoryInfo>("--model") { Description = "checkpoint folder", Required = true };
        var data = new Option<DirectoryInfo>("--data") { Description = "dataset folder (with dataset.json and forcefield.json)", Required = true };
        var split = new Option<string?>("--split") { Description = "split file naming the systems (default: the test split of the model's system kind)" };
        var modelSteps = new Option<long>("--model-steps") { Description = "learned steps to time", DefaultValueFactory = _ => 200 };
        var mdSteps = new Option<long>("--md-steps") { Description = "MD steps per chain to time", DefaultValueFactory = _ => 20_000 };
        var noRefine = new Option<bool>("--no-refine") { Description = "time the learned simulator without Score-GNN refinement" };
        var output = new Option<FileInfo?>("--out") { Description = "speed JSON (for mlcgmd report --speed)" };
        var command = new Command("speed", "Learned simulator vs reference MD (and LAMMPS) on the same systems, one thread each.")
        {
            modelOption, data, split, modelSteps, mdSteps, noRefine, output,
        };
        command.SetAction(parse => CommandAction.Run(() =>
        {
            string dataDirectory = parse.GetValue(data)!.FullName;
            DatasetInfo info = DatasetInfo.TryRead(dataDirectory)
                               ?? throw new InvalidDataException($"'{dataDirectory}' has no {DatasetInfo.FileName}");
            ForceField forceField = ForceFieldLoader.Load(Path.Combine(dataDirectory, DatasetGenerator.ForceFieldFile));
            string modelDirectory = parse.GetValue(modelOption)!.FullName;
            using TrainedModel trained = ModelCheckpoint.Load(modelDirectory);
            GraphSimulator model = trained.Model;
            var systems = CgSystem.LoadSplit(dataDirectory, parse.GetValue(split) ?? trained.Recipe.Kind.TestSplit, trained.Recipe,
                $"checkpoint '{modelDirectory}'");
            torch.set_num_threads(1);
            var speeds = SpeedComparison.Measure(model, systems, forceField, info.FrameInterval, parse.GetValue(modelSteps),
                parse.GetValue(mdSteps), !parse.GetValue(noRefine), Path.Combine(Path.GetTempPath(), "mlcgmd-speed"));
            double reference = speeds.First(s => s.Engine == "C# MD engine").TauPerSecond;
            foreach (SpeedMeasurement s in speeds)
                Console.WriteLine($"{s.Engine,-40} {s.TauPerSecond,12:G4} τ/s   ({s.TauPerSecond / reference:G3}x the C# MD engine)");
            if (parse.GetValue(output) is { } file)
                AtomicFile.WriteText(file.FullName, w => w.Write(JsonSerializer.Serialize(speeds, new JsonSerializerOptions { WriteIndented = true })));
            return 0;
        }));
        return command;
    }
}
