using System.CommandLine;
using MlCgMd.Data;
using MlCgMd.Exports;

namespace MlCgMd.Cli.Commands;

/// <summary>`mlcgmd export --rollout DIR | --data DIR --format xyz|pdb|dcd|lammpstrj --out DIR`: files for OVITO, VMD, mdtraj.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var rollout = new Option<DirectoryInfo?>("--rollout") { Description = "rollout folder (from mlcgmd simulate): exports each system's rollout and its reference MD (default: none, --data alone)" };
        var data = new Option<DirectoryInfo?>("--data") { Description = "dataset folder (default with --rollout: the data_directory in rollout.json); alone: exports the reference trajectories of --split" };
        var split = new Option<string>("--split") { Description = "split file of the dataset naming the systems (without --rollout)", DefaultValueFactory = _ => SplitFiles.ChainTest };
        var systems = new Option<string[]>("--system") { Description = "export only this system (repeatable; default: all)", AllowMultipleArgumentsPerToken = false };
        var format = new Option<string>("--format") { Description = $"{ExportFormats.Choices}; every format but pdb gets a topology NAME.topology.pdb beside it", Required = true };
        var fine = new Option<bool>("--fine") { Description = "the reference at full resolution (every particle) instead of on the CG beads" };
        var cgLevel = new Option<int>("--cg-level") { Description = "fine particles per CG bead when a dataset is exported without a rollout", DefaultValueFactory = _ => 100 };
        var scale = new Option<double>("--angstrom-per-sigma")
        {
            Description = "length scale of xyz/pdb/dcd, whose readers take Å: σ × this is written (1: one σ as one Å; lammpstrj stays in σ)",
            DefaultValueFactory = _ => 1.0,
        };
        var overwrite = new Option<bool>("--overwrite") { Description = "replace files that already exist in --out" };
        var output = new Option<DirectoryInfo>("--out") { Description = "folder for the exported files", Required = true };
        var command = new Command("export",
            "Write rollouts and reference MD as XYZ, PDB (+CONECT), DCD or LAMMPS dumps for OVITO, VMD and mdtraj (lengths in σ; see docs/outputs.md).")
        {
            rollout, data, split, systems, format, fine, cgLevel, scale, overwrite, output,
        };
        command.SetAction(parse => CommandAction.Run(() =>
        {
            if (parse.GetValue(rollout) is null && parse.GetValue(data) is null)
                throw new ArgumentException("export needs --rollout DIR or --data DIR");
            var request = new ExportRequest
            {
                RolloutDirectory = parse.GetValue(rollout)?.FullName,
                DataDirectory = parse.GetValue(data)?.FullName,
                Split = parse.GetValue(split)!,
                Systems = parse.GetValue(systems) ?? [],
                Format = ExportFormats.Parse(parse.GetValue(format)!),
                Fine = parse.GetValue(fine),
                CgLevel = parse.GetValue(cgLevel),
                AngstromPerSigma = parse.GetValue(scale),
                Overwrite = parse.GetValue(overwrite),
                OutputDirectory = parse.GetValue(output)!.FullName,
            };
            var written = ExportJob.Run(request);
            foreach (var (trajectory, files) in written)
                Console.WriteLine($"{trajectory.Name}: {trajectory.FrameCount} frames, {trajectory.AtomCount} particles, " +
                                  $"{trajectory.Bonds.Length / 2} bonds -> {string.Join(", ", files.Select(Path.GetFileName))}");
            Console.WriteLine($"{written.Count} trajectories in {request.OutputDirectory}");
            return 0;
        }));
        return command;
    }
}
