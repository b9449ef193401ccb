using MlCgMd.MolecularDynamics;
using MlCgMd.Systems;

namespace MlCgMd.Tests.MolecularDynamics;

/// <summary>Shared inputs of the MD tests: repository data files and small seeded configurations.</summary>
internal static class MdTestSystems
{
    public static string RepositoryRoot
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
                if (File.Exists(Path.Combine(directory.FullName, "MlCgMd.sln")))
                    return directory.FullName;
            throw new DirectoryNotFoundException("MlCgMd.sln not found above the test output directory.");
        }
    }

    public static ForceField KremerGrest => ForceFieldLoader.Load(Path.Combine(RepositoryRoot, "data/forcefields/amphiphilic-kg.json"));

    public static ForceField Harmonic => ForceFieldLoader.Load(Path.Combine(RepositoryRoot, "data/forcefields/amphiphilic-harmonic.json"));

    /// <summary>A thermal configuration: random-walk start followed by some Langevin steps.</summary>
    public static double[] Thermalised(PolymerSystem system, ForceField forceField, SimulationBox box, int steps, ulong seed)
    {
        var engine = new MdEngine(system, forceField, box, InitialConformation.RandomWalk(system, seed), seed);
        engine.Step(steps);
        return engine.Positions.ToArray();
    }

    /// <summary>
    /// Three dimers placed so that one B1-B1 pair sits just inside the attractive cutoff (2.5 - 1e-4)
    /// and one S1-B2 pair just inside the WCA cutoff (2^(1/6) - 1e-5); all other pairs are out of range.
    /// positions: [6*3].
    /// </summary>
    public static (PolymerSystem System, double[] Positions) NearCutoffContacts()
    {
        var system = new PolymerSystem("near_cutoff", "", [0, 2, 0, 3, 1, 3], [(0, 1), (2, 3), (4, 5)], [1, 1, 1, 1, 1, 1]);
        double attractive = 2.5 - 1e-4, wca = Math.Pow(2, 1.0 / 6.0) - 1e-5;
        double[] positions =
        [
            0, 0, 0,
            0, 0.97, 0,
            attractive, 0, 0,
            attractive, 0.97, 0,
            -wca, 0.97, 0,
            -wca, 1.94, 0,
        ];
        return (system, positions);
    }

    /// <summary>
    /// A periodic "melt" of perSide^3 dimers (B1-S1 and B2-S2 alternating) on a cubic lattice of the
    /// given spacing, box edge perSide*spacing: beads interact with images across every face.
    /// positions: [perSide^3*2*3].
    /// </summary>
    public static (PolymerSystem System, double[] Positions, SimulationBox Box) DimerLattice(int perSide, double spacing)
    {
        int dimers = perSide * perSide * perSide;
        var types = new int[2 * dimers];
        var bonds = new (int, int)[dimers];
        var positions = new double[6 * dimers];
        for (int d = 0; d < dimers; d++)
        {
            bool solvophobic = d % 2 == 0;
            types[2 * d] = solvophobic ? 0 : 1;
            types[2 * d + 1] = solvophobic ? 2 : 3;
            bonds[d] = (2 * d, 2 * d + 1);
            double x = d % perSide * spacing, y = d / perSide % perSide * spacing, z = d / (perSide * perSide) * spacing;
            positions[6 * d] = x; positions[6 * d + 1] = y; positions[6 * d + 2] = z;
            positions[6 * d + 3] = x + 0.97; positions[6 * d + 4] = y; positions[6 * d + 5] = z;
        }
        var masses = Enumerable.Repeat(1.0, 2 * dimers).ToArray();
        return (new PolymerSystem("dimer_lattice", "", types, bonds, masses), positions, SimulationBox.PeriodicCube(perSide * spacing));
    }

    /// <summary>The dimer lattice after some Langevin steps in its periodic box.</summary>
    public static (PolymerSystem System, double[] Positions, SimulationBox Box) ThermalisedDimers(int perSide, double spacing, int steps, ulong seed)
    {
        var (system, start, box) = DimerLattice(perSide, spacing);
        var engine = new MdEngine(system, KremerGrest, box, start, seed);
        engine.Step(steps);
        return (system, engine.Positions.ToArray(), box);
    }
}
