using MlCgMd.MolecularDynamics;
using MlCgMd.Systems;
using MlCgMd.Tests.MolecularDynamics;

namespace MlCgMd.Tests.Electrolyte;

/// <summary>Small electrolyte boxes of the shipped force field (data/forcefields/electrolyte-peo.json), packed and thermalised.</summary>
internal static class ElectrolyteTestSystems
{
    public static ForceField PeoForceField => ForceFieldLoader.Load(Path.Combine(MdTestSystems.RepositoryRoot, "data/forcefields/electrolyte-peo.json"));

    /// <summary>10 chains of 20 beads (half solvating), 16 ion pairs: 248 particles in a 6.63 sigma box at density 0.85.</summary>
    public static ElectrolyteComposition Small(double liSolvatingEpsilon = 2.0) =>
        new("small", Chains: 10, ChainLength: 20, SolvatingFraction: 0.5, IonPairs: 16, liSolvatingEpsilon, Density: 0.85);

    /// <summary>The system, its force field (Li-O depth set), box and a configuration after push-off and <paramref name="steps"/> Langevin steps.</summary>
    public static (MolecularSystem System, ForceField ForceField, SimulationBox Box, double[] Positions) Thermalised(
        ElectrolyteComposition composition, int steps, ulong seed, ForceField? forceField = null)
    {
        (MolecularSystem system, ForceField field) = ElectrolyteSystem.Build(composition, forceField ?? PeoForceField);
        var box = SimulationBox.PeriodicCube(composition.BoxLength);
        (double[] positions, _) = ElectrolytePacking.Pack(system, field, composition.BoxLength, seed);
        var engine = new MdEngine(system, field, box, positions, seed);
        engine.Step(steps);
        return (system, field, box, engine.Positions.ToArray());
    }
}
