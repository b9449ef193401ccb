using System.Diagnostics;
using MlCgMd.Batching;
using MlCgMd.Evaluation;
using MlCgMd.Lammps;
using MlCgMd.Model;
using MlCgMd.MolecularDynamics;
using MlCgMd.Simulation;
using MlCgMd.SystemKinds;
using MlCgMd.Systems;
using MlCgMd.Torch;

namespace MlCgMd.Benchmarks;

/// <summary>
/// Simulated time per wall-clock second on the same systems, measured in one run: the learned
/// simulator (batched, one model step = dilation recorded frames), the built-in Langevin MD
/// engine and, when `lmp` is installed, LAMMPS (both engines on one thread, one system after the other).
/// Chains run in open boundaries; electrolyte boxes are rebuilt from each system's properties.json
/// composition and run periodic with DSF electrostatics in both engines.
/// </summary>
public static class SpeedComparison
{
    /// <param name="frameInterval">τ per recorded reference frame</param>
    /// <param name="modelSteps">learned steps to time</param>
    /// <param name="mdSteps">MD steps per chain to time</param>
    /// <param name="dataDirectory">the dataset folder (electrolyte boxes read their composition there)</param>
    public static IReadOnlyList<SpeedMeasurement> Measure(GraphSimulator model, IReadOnlyList<CgSystem> systems, ForceField forceField,
        double frameInterval, long modelSteps, long mdSteps, bool refine, string workDirectory, string dataDirectory)
    {
        if (systems.Select(s => s.Kind).Distinct().Count() > 1)
            throw new InvalidDataException("speed comparison: the systems are of more than one kind");
        if (systems.Count > 0 && systems[0].Kind == SystemKind.Electrolyte)
            return MeasureElectrolyte(model, systems, forceField, frameInterval, modelSteps, mdSteps, refine, workDirectory, dataDirectory);
        var results = new List<SpeedMeasurement> { MeasureLearned(model, systems, frameInterval, modelSteps, refine) };
        var chains = systems.Select(s => (Polymer: ToPolymer(s), Start: LastFrame(s))).ToList();
        var options = EngineOptions(mdSteps);
        double tau = mdSteps * forceField.TimeStep;
        results.Add(Timed(chains, "C# MD engine", tau, chain =>
            new MdEngine(chain.Polymer, forceField, SimulationBox.Open, chain.Start, seed: 11).Run(options)));
        if (LammpsRunner.IsAvailable())
            results.Add(Timed(chains, "LAMMPS", tau, chain =>
                LammpsChainRun.Run(chain.Polymer, forceField, chain.Start, options, seed: 11, Path.Combine(workDirectory, "lammps-" + chain.Polymer.Name))));
        return results;
    }

    private static SpeedMeasurement MeasureLearned(GraphSimulator model, IReadOnlyList<CgSystem> systems, double frameInterval,
                                                   long steps, bool refine)
    {
        ModelConfig config = model.Config;
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        model.eval();
        ModelBatch batch = BatchAssembler.Build(systems, systems.Select((_, k) => new Window(k, 0)).ToList(),
            config.SeqLen, config.Dilation, withTarget: false, Device.CPU);
        var (history, state) = model.PrepareRollout(batch);
        var refinement = refine ? RefinementOptions.FromConfig(config) : RefinementOptions.Off;
        var clock = Stopwatch.StartNew();
        for (long step = 0; step < steps; step++)
        {
            using var stepScope = torch.NewDisposeScope();
            var (next, _) = model.Predict(history, state, deterministic: false, refinement);
            Tensor advanced = torch.cat([history.narrow(1, 1, history.size(1) - 1), next.unsqueeze(1)], dim: 1);
            stepScope.MoveToOuter(advanced);
            history = advanced;
        }
        double seconds = clock.Elapsed.TotalSeconds;
        string name = config.HasScoreGn && refine ? "learned + Score GNN" : "learned";
        return new SpeedMeasurement(name, systems.Count, steps * config.Dilation * frameInterval, seconds);
    }

    /// <summary>Wall time of <paramref name="run"/> over every prepared system, one after the other (preparation untimed).</summary>
    private static SpeedMeasurement Timed<T>(IReadOnlyList<T> systems, string name, double tauPerSystem, Action<T> run)
    {
        var clock = new Stopwatch();
        foreach (T system in systems)
        {
            clock.Start();
            run(system);
            clock.Stop();
        }
        return new SpeedMeasurement(name, systems.Count, tauPerSystem, clock.Elapsed.TotalSeconds);
    }

    /// <summary>An MD run of <paramref name="steps"/> steps without equilibration that records nothing in between.</summary>
    private static MdRunOptions EngineOptions(long steps) => new(0, steps, RecordEvery: (int)steps, RgEvery: (int)steps);

    /// <summary>The system's last recorded frame, the MD engines' start: [particles * 3].</summary>
    private static double[] LastFrame(CgSystem system) => system.ReadFrames(system.FrameCount - 1, 1, 1).Select(v => (double)v).ToArray();

    private static IReadOnlyList<SpeedMeasurement> MeasureElectrolyte(GraphSimulator model, IReadOnlyList<CgSystem> systems,
        ForceField forceField, double frameInterval, long modelSteps, long mdSteps, bool refine, string workDirectory, string dataDirectory)
    {
        var boxes = systems.Select(s => ElectrolyteBox(s, forceField, dataDirectory)).ToList();
        var results = new List<SpeedMeasurement> { MeasureLearned(model, systems, frameInterval, modelSteps, refine) };
        var options = EngineOptions(mdSteps);
        double tau = mdSteps * forceField.TimeStep;
        results.Add(Timed(boxes, "C# MD engine", tau, box =>
            new MdEngine(box.System, box.Field, SimulationBox.PeriodicCube(box.BoxLength), box.Start, seed: 11).Step(mdSteps)));
        if (LammpsRunner.IsAvailable())
            results.Add(Timed(boxes, "LAMMPS", tau, box =>
                LammpsElectrolyteRun.Run(box.System, box.Field, box.BoxLength, box.Start, options, seed: 11,
                    LammpsElectrostatics.DampedShiftedForce, Path.Combine(workDirectory, "lammps-" + box.System.Name))));
        return results;
    }

    /// <summary>
    /// The MD box of an electrolyte dataset system: its composition from properties.json rebuilt with the dataset's force
    /// field (checked against the stored particle types), started from the last recorded frame.
    /// </summary>
    private static (MolecularSystem System, ForceField Field, double BoxLength, double[] Start) ElectrolyteBox(CgSystem system,
        ForceField forceField, string dataDirectory)
    {
        var properties = Generation.ElectrolyteSystemProperties.Read(dataDirectory, system.Name,
            "the electrolyte speed comparison rebuilds each box from its composition");
        string path = Path.Combine(dataDirectory, system.Name, Generation.ElectrolyteDatasetGenerator.PropertiesFile);
        ElectrolyteComposition composition = properties.Properties.Composition;
        (MolecularSystem box, ForceField field) = ElectrolyteSystem.Build(composition, forceField);
        if (!box.Types.SequenceEqual(system.Topology.ParticleTypes))
            throw new InvalidDataException($"'{path}': composition {composition.Name} builds other particle types than '{system.Name}' holds");
        return (box, field, composition.BoxLength, LastFrame(system));
    }

    /// <summary>The MD topology of a dataset system (types and bonds; unit masses as in the polymer model).</summary>
    private static PolymerSystem ToPolymer(CgSystem system)
    {
        int[] bonds = system.Topology.Bonds;
        var pairs = Enumerable.Range(0, bonds.Length / 2).Select(b => (bonds[2 * b], bonds[2 * b + 1])).ToArray();
        return new PolymerSystem(system.Name, "", system.Topology.ParticleTypes, pairs,
            Enumerable.Repeat(1.0, system.ParticleCount).ToArray());
    }
}
