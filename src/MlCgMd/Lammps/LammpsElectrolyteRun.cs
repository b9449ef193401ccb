using MlCgMd.MolecularDynamics;
using MlCgMd.Systems;

namespace MlCgMd.Lammps;

/// <summary>
/// Runs one electrolyte box in LAMMPS (fix nve + fix langevin, DSF or PPPM) from given positions and
/// reads back the unwrapped production frames: [FrameCount, N, 3], frame f at step (f+1)*RecordEvery.
/// </summary>
public static class LammpsElectrolyteRun
{
    /// <param name="positions">[N*3] start (e.g. after <see cref="ElectrolytePacking"/>), sigma</param>
    public static (double[] Positions, TimeSpan WallTime) Run(MolecularSystem system, ForceField forceField, double boxLength, double[] positions,
        MdRunOptions options, int seed, LammpsElectrostatics electrostatics, string workDirectory)
    {
        options.Validate();
        Directory.CreateDirectory(workDirectory);
        var box = SimulationBox.PeriodicCube(boxLength);
        LammpsDataFile.Write(Path.Combine(workDirectory, "system.data"), system, forceField, positions, box);
        LammpsRunResult result = LammpsRunner.Run(workDirectory,
            LammpsInputScript.ElectrolyteLangevinRun(forceField, box, "system.data", seed, options, "trajectory.dump", electrostatics));
        int n3 = 3 * system.BeadCount;
        var frames = new double[(long)options.FrameCount * n3];
        int f = 0;
        string dump = Path.Combine(workDirectory, "trajectory.dump");
        foreach (LammpsDumpFrame frame in LammpsDumpReader.Read(dump))
        {
            if (frame.Timestep == 0) continue; // LAMMPS also dumps the first step of the run
            if (f == options.FrameCount || frame.AtomCount != system.BeadCount)
                throw new FormatException($"{dump}: unexpected frame at step {frame.Timestep}.");
            frame.UnwrappedPositions().CopyTo(frames, (long)f * n3);
            f++;
        }
        if (f != options.FrameCount)
            throw new FormatException($"{dump}: LAMMPS wrote {f} frames, expected {options.FrameCount}.");
        return (frames, result.WallTime);
    }
}
