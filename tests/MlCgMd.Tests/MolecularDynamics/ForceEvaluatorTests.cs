using MlCgMd.MolecularDynamics;
using MlCgMd.Systems;

namespace MlCgMd.Tests.MolecularDynamics;

public class ForceEvaluatorTests
{
    [Fact]
    public void Two_attractive_beads_have_the_shifted_lennard_jones_energy()
    {
        var system = new PolymerSystem("pair", "", [0, 0], [], [1, 1]);
        double r = 1.3;
        var engine = new MdEngine(system, MdTestSystems.KremerGrest, SimulationBox.Open, [0, 0, 0, r, 0, 0], 1);
        double shift = 4 * (Math.Pow(2.5, -12) - Math.Pow(2.5, -6));
        double expected = 4 * (Math.Pow(r, -12) - Math.Pow(r, -6)) - shift;
        Assert.Equal(expected, engine.PotentialEnergy(), 12);
        double force = 24 * (2 * Math.Pow(r, -13) - Math.Pow(r, -7));
        Assert.Equal(force, engine.Forces[3], 10);
        Assert.Equal(-force, engine.Forces[0], 10);
    }

    [Fact]
    public void Fene_bond_energy_matches_the_kremer_grest_formula()
    {
        var system = new PolymerSystem("bond", "", [1, 3], [(0, 1)], [1, 1]);
        double r = 0.95;
        var engine = new MdEngine(system, MdTestSystems.KremerGrest, SimulationBox.Open, [0, 0, 0, 0, 0, r], 1);
        double expected = -0.5 * 30 * 1.5 * 1.5 * Math.Log(1 - r * r / (1.5 * 1.5)) + 4 * (Math.Pow(r, -12) - Math.Pow(r, -6)) + 1;
        Assert.Equal(expected, engine.PotentialEnergy(), 12);
    }

    [Theory]
    [InlineData("fene", false)]
    [InlineData("harmonic", false)]
    [InlineData("fene", true)]
    public void Forces_are_minus_the_gradient_of_the_energy(string bond, bool periodic)
    {
        ForceField forceField = bond == "fene" ? MdTestSystems.KremerGrest : MdTestSystems.Harmonic;
        var (system, positions, box) = periodic
            ? MdTestSystems.ThermalisedDimers(2, 3.0, 300, 11)
            : (PolymerSystem.FromSequence("fd", "AABABBAAABAB"), null!, SimulationBox.Open);
        if (!periodic)
            positions = MdTestSystems.Thermalised(system, forceField, box, 300, 11);
        double[] forces = new MdEngine(system, forceField, box, positions, 1).Forces.ToArray();
        const double h = 1e-6;
        double worst = 0, scale = forces.Max(Math.Abs);
        for (int k = 0; k < positions.Length; k++)
        {
            double[] plus = (double[])positions.Clone(), minus = (double[])positions.Clone();
            plus[k] += h;
            minus[k] -= h;
            double numeric = -(new MdEngine(system, forceField, box, plus, 1).PotentialEnergy()
                             - new MdEngine(system, forceField, box, minus, 1).PotentialEnergy()) / (2 * h);
            worst = Math.Max(worst, Math.Abs(numeric - forces[k]));
        }
        Assert.True(worst < 1e-5 * Math.Max(1, scale), $"largest force error {worst} (force scale {scale})");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Verlet_list_energy_equals_an_all_pairs_sum_along_a_trajectory(bool periodic)
    {
        ForceField forceField = MdTestSystems.KremerGrest;
        var (system, start, box) = periodic
            ? MdTestSystems.DimerLattice(4, 2.2)
            : (PolymerSystem.FromSequence("brute", "AAAAABBBBBAAAAABBBBBAAAAAB"), null!, SimulationBox.Open);
        var engine = new MdEngine(system, forceField, box, start ?? InitialConformation.RandomWalk(system, 5), 5);
        for (int check = 0; check < 5; check++)
        {
            engine.Step(200);
            double[] positions = engine.Positions.ToArray();
            double listEnergy = new MdEngine(system, forceField, box, positions, 1).PotentialEnergy();
            Assert.Equal(AllPairsEnergy(system, forceField, box, positions), listEnergy, 9);
        }
        Assert.True(engine.NeighborListBuilds > 1, "the trajectory should have forced Verlet-list rebuilds");
    }

    /// <summary>Independent O(N^2) reference: every non-bonded pair, minimum image when periodic, plus FENE bonds.</summary>
    private static double AllPairsEnergy(PolymerSystem system, ForceField forceField, SimulationBox box, double[] x)
    {
        var bonded = system.Bonds.Select(b => (Math.Min(b.I, b.J), Math.Max(b.I, b.J))).ToHashSet();
        double Distance(int i, int j)
        {
            double sum = 0;
            for (int d = 0; d < 3; d++)
            {
                double delta = x[3 * i + d] - x[3 * j + d];
                if (box.IsPeriodic) delta -= box.Length * Math.Round(delta / box.Length);
                sum += delta * delta;
            }
            return Math.Sqrt(sum);
        }
        double Lj(double eps, double sigma, double r) => 4 * eps * (Math.Pow(sigma / r, 12) - Math.Pow(sigma / r, 6));
        double energy = 0;
        for (int i = 0; i < system.BeadCount; i++)
            for (int j = i + 1; j < system.BeadCount; j++)
            {
                if (bonded.Contains((i, j))) continue;
                PairParameters p = forceField.Pair(system.Types[i], system.Types[j]);
                double r = Distance(i, j);
                if (r < p.Cutoff) energy += Lj(p.Epsilon, p.Sigma, r) - Lj(p.Epsilon, p.Sigma, p.Cutoff);
            }
        BondParameters bond = forceField.Bond;
        foreach (var (i, j) in system.Bonds)
        {
            double r = Distance(i, j);
            energy += -0.5 * bond.K * bond.MaxExtension * bond.MaxExtension * Math.Log(1 - r * r / (bond.MaxExtension * bond.MaxExtension));
            if (r < Math.Pow(2, 1.0 / 6.0) * bond.Sigma) energy += Lj(bond.Epsilon, bond.Sigma, r) + bond.Epsilon;
        }
        return energy;
    }
}
