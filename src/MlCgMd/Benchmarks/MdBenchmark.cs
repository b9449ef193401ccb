using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using MlCgMd.Lammps;
using MlCgMd.MolecularDynamics;
using MlCgMd.Systems;

namespace MlCgMd.Benchmarks;

/// <summary>
/// Timings of one MD benchmark: our engine and LAMMPS on the same chain and step count, one thread
/// each. Times are the fastest of the alternating repeats (the least disturbed by other load).
/// </summary>
public sealed record MdBenchmarkResult(
    int Beads,
    long Steps,
    int Repeats,
    double OursSeconds,
    double LammpsLoopSeconds,
    double LammpsProcessSeconds,
    int OursNeighborBuilds,
    string LammpsVersion)
{
    /// <summary>Our wall time over LAMMPS's own loop time (its setup and I/O excluded): the headline ratio.</summary>
    public double Ratio => OursSeconds / LammpsLoopSeconds;

    public double OursMicrosecondsPerBeadStep => 1e6 * OursSeconds / (Beads * (double)Steps);
    public double LammpsMicrosecondsPerBeadStep => 1e6 * LammpsLoopSeconds / (Beads * (double)Steps);
}

/// <summary>
/// `mlcgmd bench md`: a chain of about 1000 beads (random sequence, half solvophobic) is equilibrated
/// by our engine (untimed), then the same configuration runs the same number of Langevin steps in
/// our engine and in LAMMPS (fix nve + fix langevin, OMP_NUM_THREADS=1), alternating for a number
/// of repeats.
/// </summary>
public static class MdBenchmark
{
    /// <param name="withLammps">false: our engine only (LAMMPS times are NaN)</param>
    public static MdBenchmarkResult Run(ForceField forceField, int monomers, long steps, long equilibrationSteps, int repeats,
        ulong seed, string workDirectory, bool withLammps = true)
    {
        if (repeats < 1 || steps < 1)
            throw new ArgumentOutOfRangeException(nameof(repeats), $"Need at least one repeat ({repeats}) and one step ({steps}).");
        string sequence = new SequenceFamily(SequenceFamilyKind.Random, 0.5, 0.5, 0).Generate(monomers, 1, seed)[0];
        PolymerSystem system = PolymerSystem.FromSequence("bench", sequence);
        var warmup = new MdEngine(system, forceField, SimulationBox.Open, InitialConformation.RandomWalk(system, seed), seed);
        warmup.Step(equilibrationSteps);
        double[] start = warmup.Positions.ToArray();

        Directory.CreateDirectory(workDirectory);
        LammpsDataFile.Write(Path.Combine(workDirectory, "bench.data"), system, start, SimulationBox.Open);
        var options = new MdRunOptions(0, steps, (int)steps, (int)steps);
        string script = LammpsInputScript.LangevinRun(forceField, SimulationBox.Open, "bench.data", (int)(seed % 900_000_000) + 1,
            options, "bench.dump", "bench_rg.txt");

        double oursBest = double.PositiveInfinity, loopBest = withLammps ? double.PositiveInfinity : double.NaN;
        double processBest = loopBest;
        int builds = 0;
        string version = "unknown";
        for (int repeat = 0; repeat < repeats; repeat++)
        {
            var ours = new MdEngine(system, forceField, SimulationBox.Open, start, seed + 1);
            ours.Step(1); // JIT and first list build outside the clock, as LAMMPS's setup is outside its loop time
            int buildsBefore = ours.NeighborListBuilds;
            var clock = Stopwatch.StartNew();
            ours.Step(steps);
            clock.Stop();
            oursBest = Math.Min(oursBest, clock.Elapsed.TotalSeconds);
            builds = ours.NeighborListBuilds - buildsBefore;

            if (!withLammps) continue;
            LammpsRunResult lammps = LammpsRunner.Run(workDirectory, script);
            loopBest = Math.Min(loopBest, LoopTime(lammps.Log));
            processBest = Math.Min(processBest, lammps.WallTime.TotalSeconds);
            version = Version(lammps.Log);
        }
        return new MdBenchmarkResult(system.BeadCount, steps, repeats, oursBest, loopBest, processBest, builds, version);
    }

    /// <summary>
    /// The electrolyte variant: one composition is packed, pushed off and equilibrated by our engine
    /// (untimed), then the same configuration runs the same number of Langevin steps in our engine
    /// and in LAMMPS lj/cut/coul/dsf (the same force field), alternating for a number of repeats.
    /// </summary>
    public static MdBenchmarkResult RunElectrolyte(ElectrolyteComposition composition, ForceField forceField, long steps, long equilibrationSteps,
        int repeats, ulong seed, string workDirectory)
    {
        if (repeats < 1 || steps < 1)
            throw new ArgumentOutOfRangeException(nameof(repeats), $"Need at least one repeat ({repeats}) and one step ({steps}).");
        (MolecularSystem system, ForceField field) = ElectrolyteSystem.Build(composition, forceField);
        var box = SimulationBox.PeriodicCube(composition.BoxLength);
        (double[] packed, _) = ElectrolytePacking.Pack(system, field, composition.BoxLength, seed);
        var warmup = new MdEngine(system, field, box, packed, seed);
        warmup.Step(equilibrationSteps);
        double[] start = warmup.Positions.ToArray();

        Directory.CreateDirectory(workDirectory);
        LammpsDataFile.Write(Path.Combine(workDirectory, "bench.data"), system, field, start, box);
        var options = new MdRunOptions(0, steps, (int)steps, (int)steps);
        string script = LammpsInputScript.ElectrolyteLangevinRun(field, box, "bench.data", (int)(seed % 900_000_000) + 1, options, "bench.dump",
            LammpsElectrostatics.DampedShiftedForce);
        double oursBest = double.PositiveInfinity, loopBest = double.PositiveInfinity, processBest = double.PositiveInfinity;
        int builds = 0;
        string version = "unknown";
        for (int repeat = 0; repeat < repeats; repeat++)
        {
            var ours = new MdEngine(system, field, box, start, seed + 1);
            ours.Step(1);
            int buildsBefore = ours.NeighborListBuilds;
            var clock = Stopwatch.StartNew();
            ours.Step(steps);
            clock.Stop();
            oursBest = Math.Min(oursBest, clock.Elapsed.TotalSeconds);
            builds = ours.NeighborListBuilds - buildsBefore;
            LammpsRunResult lammps = LammpsRunner.Run(workDirectory, script);
            loopBest = Math.Min(loopBest, LoopTime(lammps.Log));
            processBest = Math.Min(processBest, lammps.WallTime.TotalSeconds);
            version = Version(lammps.Log);
        }
        return new MdBenchmarkResult(system.BeadCount, steps, repeats, oursBest, loopBest, processBest, builds, version);
    }

    /// <summary>LAMMPS's "Loop time of T on 1 procs for N steps" of the last run.</summary>
    private static double LoopTime(string log)
    {
        MatchCollection matches = Regex.Matches(log, @"Loop time of ([0-9.eE+-]+) on");
        if (matches.Count == 0)
            throw new FormatException("The LAMMPS log has no 'Loop time' line.");
        return double.Parse(matches[^1].Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static string Version(string log) =>
        Regex.Match(log, @"LAMMPS \(([^)]*)\)") is { Success: true } match ? match.Groups[1].Value : "unknown";

    /// <summary>Writes the result as JSON (atomically).</summary>
    public static void WriteJson(MdBenchmarkResult result, string path, string system = "chain")
    {
        string full = Path.GetFullPath(path);
        var metrics = new
        {
            benchmark = "md",
            system,
            beads = result.Beads,
            steps = result.Steps,
            repeats = result.Repeats,
            ours_seconds = result.OursSeconds,
            lammps_loop_seconds = result.LammpsLoopSeconds,
            lammps_process_seconds = result.LammpsProcessSeconds,
            ratio_ours_over_lammps = result.Ratio,
            ours_us_per_bead_step = result.OursMicrosecondsPerBeadStep,
            lammps_us_per_bead_step = result.LammpsMicrosecondsPerBeadStep,
            ours_neighbor_builds = result.OursNeighborBuilds,
            lammps_version = result.LammpsVersion,
            threads = 1,
        };
        Data.AtomicFile.WriteText(full, w => w.Write(JsonSerializer.Serialize(metrics, new JsonSerializerOptions { WriteIndented = true })));
    }
}
