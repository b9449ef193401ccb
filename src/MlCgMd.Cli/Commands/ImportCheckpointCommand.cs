using System.CommandLine;
using MlCgMd.Training;

namespace MlCgMd.Cli.Commands;

/// <summary>`mlcgmd import-checkpoint --ckpt last.ckpt [--config chain.yaml] --out DIR`: an official Lightning checkpoint as ours.</summary>
internal static class ImportCheckpointCommand
{
    public static Command Create()
    {
        var checkpoint = new Option<FileInfo>("--ckpt") { Description = "PyTorch Lightning checkpoint (.ckpt, e.g. the official ckpts/chain/last.ckpt)", Required = true };
        var config = new Option<FileInfo?>("--config")
        {
            Description = "hyperparameters: official YAML (graphwm/conf/model/chain.yaml), our model.json or train-*.json (default: the checkpoint's hyper_parameters)",
        };
        var overwrite = new Option<bool>("--overwrite") { Description = "replace a model already in --out" };
        var output = new Option<DirectoryInfo>("--out") { Description = "checkpoint folder to write (model.safetensors, model.json, import.json)", Required = true };
        var command = new Command("import-checkpoint",
            "Convert an official PyTorch Lightning checkpoint into this project's safetensors + JSON, without Python " +
            "(a restricted unpickler: tensors and hyperparameters only, never code).")
        {
            checkpoint, config, overwrite, output,
        };
        command.SetAction(parse => CommandAction.Run(() =>
        {
            string outDirectory = parse.GetValue(output)!.FullName;
            CheckpointImport.Result result = CheckpointImport.Run(parse.GetValue(checkpoint)!.FullName, parse.GetValue(config)?.FullName,
                outDirectory, parse.GetValue(overwrite));
            Console.WriteLine($"{result.Source.StateDict.Count} tensors, {result.Parameters:N0} parameters " +
                              $"({(result.Config.HasScoreGn ? "PnR" : "GNS")}, cg_level {result.Config.CgLevel}, seq_len {result.Config.SeqLen}); " +
                              $"Lightning {result.Source.LightningVersion ?? "?"}, epoch {result.Source.Epoch?.ToString() ?? "?"}, " +
                              $"step {result.Source.GlobalStep?.ToString() ?? "?"}");
            foreach (string note in result.Notes) Console.WriteLine($"  note: {note}");
            Console.WriteLine($"model: {outDirectory} (use with mlcgmd simulate --model)");
            return 0;
        }));
        return command;
    }
}
