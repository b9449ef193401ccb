using System.Globalization;
using MlCgMd.MolecularDynamics;
using MlCgMd.Systems;

namespace MlCgMd.Lammps;

/// <summary>
/// Runs one chain in LAMMPS (fix nve + fix langevin) from given positions and reads back the
/// same trajectory layout as <see cref="MdEngine.Run"/>: frames from the dump, Rg from compute gyration.
/// </summary>
public static class LammpsChainRun
{
    /// <param name="positions">[N*3] start, sigma</param>
    public static MdTrajectory Run(PolymerSystem system, ForceField forceField, double[] positions, MdRunOptions options, int seed, string workDirectory)
    {
        options.Validate();
        Directory.CreateDirectory(workDirectory);
        LammpsDataFile.Write(Path.Combine(workDirectory, "chain.data"), system, positions, SimulationBox.Open);
        LammpsRunner.Run(workDirectory, LammpsInputScript.LangevinRun(forceField, SimulationBox.Open, "chain.data", seed, options, "chain.dump", "rg.txt"));

        int n3 = 3 * system.BeadCount;
        var frames = new float[(long)options.FrameCount * n3];
        int f = 0;
        foreach (LammpsDumpFrame frame in LammpsDumpReader.Read(Path.Combine(workDirectory, "chain.dump")))
        {
            if (frame.Timestep == 0) continue; // LAMMPS also dumps the first step of the run
            if (f == options.FrameCount || frame.AtomCount != system.BeadCount)
                throw new FormatException($"{workDirectory}/chain.dump: unexpected frame at step {frame.Timestep}.");
            double[] unwrapped = frame.UnwrappedPositions();
            for (int k = 0; k < n3; k++)
                frames[(long)f * n3 + k] = (float)unwrapped[k];
            f++;
        }
        double[] rg = ReadAveTime(Path.Combine(workDirectory, "rg.txt")).Where(row => row.Step > 0).Select(row => row.Value).ToArray();
        if (f != options.FrameCount || rg.Length != options.RgCount)
            throw new FormatException($"{workDirectory}: LAMMPS wrote {f} frames and {rg.Length} Rg values, expected {options.FrameCount} and {options.RgCount}.");
        return new MdTrajectory(frames, rg, options.FrameCount, system.BeadCount, options.RecordEvery, options.RgEvery,
            forceField.TimeStep, MeanKineticTemperature: null);
    }

    /// <summary>Rows "step value" of a fix ave/time file, comment lines skipped.</summary>
    public static IEnumerable<(long Step, double Value)> ReadAveTime(string path)
    {
        foreach (string line in File.ReadLines(path))
        {
            if (line.StartsWith('#') || line.Trim().Length == 0) continue;
            string[] tokens = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (tokens.Length < 2)
                throw new FormatException($"{path}: line '{line}' is not 'step value'.");
            yield return (long.Parse(tokens[0], CultureInfo.InvariantCulture), double.Parse(tokens[1], CultureInfo.InvariantCulture));
        }
    }
}
