using System.Diagnostics;
using MlCgMd.MolecularDynamics;
using MlCgMd.Systems;

namespace MlCgMd.Generation;

/// <summary>
/// Production output of one electrolyte box. Positions: [FrameCount, Particles, 3] unwrapped,
/// sigma; frame f is at production step (f+1)*RecordEvery. MeanKineticTemperature is the mean
/// over frames of the mid-step kinetic temperature (epsilon); PushOffMaxForce the largest force left
/// by the push-off (epsilon/sigma); Seconds the wall time of packing, equilibration and production.
/// </summary>
public sealed record ElectrolyteTrajectory(double[] Positions, int FrameCount, int Particles, double BoxLength, double FrameInterval,
                                           double MeanKineticTemperature, double PushOffMaxForce, double Seconds)
{
    /// <summary>Positions folded into [0, BoxLength): [FrameCount, Particles, 3].</summary>
    public double[] Wrapped() => Positions.Select(x => x - BoxLength * Math.Floor(x / BoxLength)).ToArray();
}

/// <summary>Packs one composition, pushes it off, equilibrates and records a production run (NVT Langevin, periodic cube).</summary>
public static class ElectrolyteSimulation
{
    /// <param name="progress">MD steps done so far out of equilibration + production</param>
    public static ElectrolyteTrajectory Run(MolecularSystem system, ForceField forceField, double boxLength, MdRunOptions run, ulong seed,
                                            IProgress<long>? progress = null, CancellationToken cancel = default)
    {
        run.Validate();
        var clock = Stopwatch.StartNew();
        (double[] start, double pushOffForce) = ElectrolytePacking.Pack(system, forceField, boxLength, seed);
        var engine = new MdEngine(system, forceField, SimulationBox.PeriodicCube(boxLength), start, seed);
        long done = 0;
        const long chunk = 1000;
        for (long s = 0; s < run.EquilibrationSteps; s += chunk)
        {
            cancel.ThrowIfCancellationRequested();
            long n = Math.Min(chunk, run.EquilibrationSteps - s);
            engine.Step(n);
            progress?.Report(done += n);
        }
        int n3 = 3 * system.BeadCount;
        var frames = new double[(long)run.FrameCount * n3];
        double temperature = 0;
        for (int f = 0; f < run.FrameCount; f++)
        {
            cancel.ThrowIfCancellationRequested();
            engine.Step(run.RecordEvery);
            engine.Positions.CopyTo(frames.AsSpan(f * n3, n3));
            temperature += engine.KineticTemperature();
            progress?.Report(done += run.RecordEvery);
        }
        return new ElectrolyteTrajectory(frames, run.FrameCount, system.BeadCount, boxLength, run.RecordEvery * forceField.TimeStep,
            temperature / run.FrameCount, pushOffForce, clock.Elapsed.TotalSeconds);
    }
}
