using System.CommandLine;
using MlCgMd.Data;
using MlCgMd.Exports;

namespace MlCgMd.Cli.Commands;

/// <summary>`mlcgmd render --rollout DIR [--system NAME] --out FILE.svg`: a rollout beside its reference MD, animated.</summary>
internal static class RenderCommand
{
    public static Command Create()
    {
        var rollout = new Option<DirectoryInfo>("--rollout") { Description = "rollout folder (from mlcgmd simulate)", Required = true };
        var data = new Option<DirectoryInfo?>("--data") { Description = "dataset folder (default: the data_directory in rollout.json)" };
        var system = new Option<string?>("--system") { Description = "system to draw (default: the one with the most valid frames)" };
        var frames = new Option<int>("--frames") { Description = "movie frames, spread evenly over the rollout's valid span", DefaultValueFactory = _ => 100 };
        var seconds = new Option<double>("--seconds-per-frame") { Description = "playback seconds per movie frame", DefaultValueFactory = _ => 0.1 };
        var fine = new Option<bool>("--fine") { Description = "also draw the reference MD at full resolution (larger file)" };
        var overwrite = new Option<bool>("--overwrite") { Description = "replace --out if it exists" };
        var output = new Option<FileInfo>("--out") { Description = "animated SVG to write (plays in browsers and GitHub READMEs)", Required = true };
        var command = new Command("render",
            "Draw a rollout beside its reference MD as an animated SVG: beads coloured by type, bonds drawn, one clock (τ).")
        {
            rollout, data, system, frames, seconds, fine, overwrite, output,
        };
        command.SetAction(parse => CommandAction.Run(() =>
        {
            string path = parse.GetValue(output)!.FullName;
            if (File.Exists(path) && !parse.GetValue(overwrite))
                throw new IOException($"'{path}' already exists; pass --overwrite to replace it");
            var (svg, drawn) = MovieJob.Render(parse.GetValue(rollout)!.FullName, parse.GetValue(data)?.FullName,
                parse.GetValue(system), parse.GetValue(fine), parse.GetValue(frames), parse.GetValue(seconds));
            AtomicFile.WriteText(path, w => w.Write(svg));
            Console.WriteLine($"{drawn.Name}: {drawn.FramesWritten} valid rollout frames drawn as {parse.GetValue(frames)} movie frames " +
                              $"({new FileInfo(path).Length / 1024.0:F0} KiB) -> {path}");
            return 0;
        }));
        return command;
    }
}
