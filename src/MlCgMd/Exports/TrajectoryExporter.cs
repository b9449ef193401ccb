using System.Globalization;
using MlCgMd.Lammps;

namespace MlCgMd.Exports;

/// <summary>
/// Writes an <see cref="ExportedTrajectory"/> in one viewer format into a folder:
/// <c>NAME.xyz|.pdb|.dcd|.lammpstrj</c>, and beside every format other than PDB a one-model
/// <c>NAME.topology.pdb</c> topology (names, residue, CONECT bonds) that VMD and mdtraj load first.
/// Lengths follow <see cref="ExportFormat"/>: σ × <c>angstromPerSigma</c> where readers expect Å,
/// σ in the LAMMPS dump. Existing files are kept unless <c>overwrite</c> is set.
/// </summary>
public static class TrajectoryExporter
{
    public const string TopologySuffix = ".topology.pdb";

    /// <returns>The files written, trajectory first.</returns>
    public static IReadOnlyList<string> Write(ExportedTrajectory trajectory, ExportFormat format, string directory,
                                              double angstromPerSigma = 1, bool overwrite = false)
    {
        if (!(double.IsFinite(angstromPerSigma) && angstromPerSigma > 0))
            throw new ArgumentException($"angstrom_per_sigma must be positive and finite, got {angstromPerSigma}");
        if (trajectory.FrameCount == 0)
            throw new ArgumentException($"trajectory '{trajectory.Name}' has no frames to export");
        string trajectoryPath = Path.Combine(directory, trajectory.Name + format.Extension());
        string topologyPath = Path.Combine(directory, trajectory.Name + TopologySuffix);
        var paths = format == ExportFormat.Pdb ? new[] { trajectoryPath } : [trajectoryPath, topologyPath];
        if (!overwrite && paths.FirstOrDefault(File.Exists) is { } existing)
            throw new IOException($"'{existing}' already exists; choose another --out folder or pass --overwrite");
        Directory.CreateDirectory(directory);

        double scale = format.IsAngstrom() ? angstromPerSigma : 1;
        string[] remarks = Remarks(trajectory, angstromPerSigma);
        double? box = trajectory.CubicBox * scale;
        switch (format)
        {
            case ExportFormat.Xyz:
                XyzWriter.Write(trajectoryPath, trajectory.Frames(scale), trajectory.AtomNames, box);
                break;
            case ExportFormat.Pdb:
                PdbWriter.Write(trajectoryPath, trajectory.Frames(scale), trajectory.AtomNames, trajectory.Bonds, box, remarks: remarks);
                break;
            case ExportFormat.Dcd:
                var (timeStep, stepsPerFrame) = DcdTime(trajectory);
                DcdWriter.Write(trajectoryPath, trajectory.Frames(scale), trajectory.AtomCount, box,
                    title: Invariant($"MlCgMd {trajectory.Name}: sigma x {angstromPerSigma:G6} as Angstrom"),
                    timeStep: timeStep, stepsPerFrame: stepsPerFrame);
                break;
            case ExportFormat.Lammpstrj:
                LammpsDumpWriter.Write(trajectoryPath, trajectory.Positions, trajectory.AtomTypes, trajectory.MdSteps, box);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, null);
        }
        if (format != ExportFormat.Pdb)
            PdbWriter.Write(topologyPath, [trajectory.Frame(0, angstromPerSigma)], trajectory.AtomNames, trajectory.Bonds,
                trajectory.CubicBox * angstromPerSigma,
                remarks: [.. remarks, Fit($"topology (first frame) of {Path.GetFileName(trajectoryPath)}")]);
        return paths;
    }

    private static string[] Remarks(ExportedTrajectory trajectory, double angstromPerSigma)
    {
        long[] steps = trajectory.MdSteps;
        string unit = trajectory.MdTimeStep is { } dt ? Invariant($"MD steps of {dt:G6} tau") : "recorded reference frames";
        return
        [
            Fit($"MlCgMd {trajectory.Name}"),
            Invariant($"lengths: sigma (LJ units) x {angstromPerSigma:G6} written as Angstrom"),
            Fit(Invariant($"{steps.Length} frames at times {steps[0]}..{steps[^1]} in {unit}")),
        ];
    }

    /// <summary>PDB REMARK text holds 68 characters; longer names are cut.</summary>
    private static string Fit(string remark) => remark.Length <= 68 ? remark : remark[..68];

    /// <summary>DCD header time: τ per MD step (DELTA) and MD steps between frames (NSAVC) when they are evenly spaced.</summary>
    private static (float TimeStep, int StepsPerFrame) DcdTime(ExportedTrajectory trajectory)
    {
        long[] steps = trajectory.MdSteps;
        long spacing = steps.Length > 1 ? steps[1] - steps[0] : 1;
        bool even = spacing is > 0 and <= int.MaxValue && steps.Zip(steps.Skip(1), (a, b) => b - a).All(d => d == spacing);
        return ((float)(trajectory.MdTimeStep ?? 1), even ? (int)spacing : 1);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
