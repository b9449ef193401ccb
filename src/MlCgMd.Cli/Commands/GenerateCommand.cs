using System.CommandLine;
using MlCgMd.Configuration;
using MlCgMd.Data;
using MlCgMd.Generation;
using MlCgMd.Systems;

namespace MlCgMd.Cli.Commands;

/// <summary>
/// `mlcgmd generate --config data/configs/chain-TIER.json --out DIR`: reference MD datasets; a config
/// whose "system" is "electrolyte" (data/configs/electrolyte-TIER.json) writes the battery layout.
/// </summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var config = new Option<FileInfo>("--config") { Description = "dataset tier config (data/configs/chain-*.json or electrolyte-*.json)", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "dataset folder to write (resumes if it exists)", Required = true };
        var threads = new Option<int>("--threads") { Description = "chains simulated in parallel (0: all cores)", DefaultValueFactory = _ => 0 };
        var overrides = OverrideOption.Create("splits.test.production_steps=200000", "a value of the dataset config (keys the file has)");
        var shardOption = new Option<string?>("--shard")
        {
            Description = "i/n: generate shard i (from 0) of n into the same folder; the last shard to finish writes the split files and dataset.json (default: the whole dataset)",
        };
        var command = new Command("generate", "Run the reference MD and write a dataset in the original layout (resumable).")
        {
            config, output, threads, shardOption, overrides,
        };
        command.SetAction(parse => CommandAction.Run(() =>
        {
            string outDirectory = parse.GetValue(output)!.FullName;
            // The effective config (with --set applied) is written into the dataset and read from there.
            string effective = EffectiveConfig.ForDataset(parse.GetValue(config)!.FullName,
                OverrideOption.Parse(parse.GetValue(overrides)), outDirectory);
            int workers = parse.GetValue(threads) is > 0 and var t ? t : Environment.ProcessorCount;
            Shard shard = parse.GetValue(shardOption) is { } text ? Shard.Parse(text) : Shard.Whole;
            if (IsElectrolyte(effective))
                return GenerateElectrolyte(ElectrolyteDatasetConfigLoader.Load(effective), outDirectory, workers, shard);
            ChainDatasetConfig settings = ChainDatasetConfigLoader.Load(effective);
            Console.WriteLine($"generating the '{settings.Tier}' tier into {outDirectory} on {workers} threads");
            var line = new ProgressLine(TimeSpan.FromSeconds(5));
            var generator = new DatasetGenerator(settings, outDirectory, workers);
            var progress = new InlineProgress<GenerationProgress>(p =>
                line.Report(p.ChainsDone == p.ChainsTotal, () =>
                    $"{p.Split}: {p.ChainsDone}/{p.ChainsTotal} chains ({p.ChainsSkipped} already done)  " +
                    $"{p.MdStepsPerSecond / 1e3:F1}k MD steps/s  elapsed {ProgressLine.Format(p.Elapsed)}  ETA {ProgressLine.Format(p.Remaining)}"));
            DatasetInfo? info = shard.IsWhole ? generator.Run(progress, CommandAction.Cancellation)
                : generator.RunShard(shard, progress, CommandAction.Cancellation);
            if (info is null)
            {
                Console.WriteLine(ShardPending(shard));
                return 0;
            }
            Console.WriteLine($"done: frames every {info.FrameInterval:G4} τ; " +
                              string.Join(", ", info.Frames.Select(f => $"{f.Key} {f.Value} frames")));
            return 0;
        }, "run the same command again: finished chains are kept, the others are generated"));
        return command;
    }

    private static string ShardPending(Shard shard) =>
        $"shard {shard} done; the last of the {shard.Count} shards to finish writes the split files and dataset.json";

    private static bool IsElectrolyte(string configPath)
    {
        using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(configPath));
        return document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
               && document.RootElement.TryGetProperty("system", out var system)
               && system.ValueKind == System.Text.Json.JsonValueKind.String
               && system.GetString() == ElectrolyteDatasetConfig.SystemName;
    }

    private static int GenerateElectrolyte(ElectrolyteDatasetConfig settings, string outDirectory, int workers, Shard shard)
    {
        Console.WriteLine($"generating the electrolyte '{settings.Tier}' tier into {outDirectory} on {workers} threads" +
                          (shard.IsWhole ? "" : $", shard {shard}"));
        var line = new ProgressLine(TimeSpan.FromSeconds(5));
        var progress = new InlineProgress<GenerationProgress>(p =>
            line.Report(p.ChainsDone == p.ChainsTotal, () =>
                $"{p.Split}: {p.ChainsDone}/{p.ChainsTotal} systems ({p.ChainsSkipped} already done)  " +
                $"{p.MdStepsPerSecond / 1e3:F2}k MD steps/s  elapsed {ProgressLine.Format(p.Elapsed)}  ETA {ProgressLine.Format(p.Remaining)}"));
        DatasetInfo? info = new ElectrolyteDatasetGenerator(settings, outDirectory, workers).RunShard(shard, progress, CommandAction.Cancellation);
        if (info is null)
        {
            Console.WriteLine(ShardPending(shard));
            return 0;
        }
        Console.WriteLine($"done: frames every {info.FrameInterval:G4} τ; " +
                          string.Join(", ", info.Frames.Select(f => $"{f.Key} {f.Value} frames")) +
                          $"; MD {info.MdSeconds.Values.Sum():F1} s; properties in {Path.Combine(outDirectory, ElectrolyteDatasetGenerator.PropertiesFile)}");
        return 0;
    }
}
