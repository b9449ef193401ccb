using MlCgMd.MolecularDynamics;
using MlCgMd.Systems;

namespace MlCgMd.Tests.Electrolyte;

/// <summary>erfc, the damped shifted-force pair term in closed form, and forces as the exact gradient of the energy.</summary>
public class CoulombTests
{
    // Reference values: Python's math.erfc (C libm), printed with repr.
    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(0.1, 0.8875370839817152)]
    [InlineData(0.5, 0.4795001221869535)]
    [InlineData(1.0, 0.15729920705028513)]
    [InlineData(1.5, 0.033894853524689274)]
    [InlineData(1.8, 0.010909498364269285)]
    [InlineData(1.99, 0.004888586800383003)]
    [InlineData(2.0, 0.004677734981047265)]
    [InlineData(2.01, 0.004475150644751763)]
    [InlineData(2.5, 0.0004069520174449589)]
    [InlineData(3.0, 2.2090496998585438e-05)]
    [InlineData(4.0, 1.541725790028002e-08)]
    [InlineData(5.0, 1.5374597944280351e-12)]
    [InlineData(5.9, 7.190409783550478e-17)]
    public void Erfc_matches_libm_to_1e_14_relative_exact_and_tabulated(double x, double expected)
    {
        Assert.True(Math.Abs(ComplementaryErrorFunction.Exact(x) / expected - 1) < 1e-14,
            $"exact erfc({x}) = {ComplementaryErrorFunction.Exact(x):R}, libm {expected:R}");
        double tabulated = ComplementaryErrorFunction.Scaled(x) * Math.Exp(-x * x);
        Assert.True(Math.Abs(tabulated / expected - 1) < 1e-13, $"tabulated erfc({x}) = {tabulated:R}, libm {expected:R}");
    }

    [Fact]
    public void Tabulated_erfc_agrees_with_the_exact_one_everywhere_between_nodes()
    {
        double worst = 0;
        for (int k = 0; k <= 60_000; k++)
        {
            double x = k * (ComplementaryErrorFunction.TableEnd / 60_000) * 0.999999;
            double scaled = ComplementaryErrorFunction.Exact(x) * Math.Exp(x * x);
            worst = Math.Max(worst, Math.Abs(ComplementaryErrorFunction.Scaled(x) / scaled - 1));
        }
        Assert.True(worst < 1e-13, $"largest relative error of the table {worst:G3}");
        Assert.Equal(2.0 - 0.15729920705028513, ComplementaryErrorFunction.Exact(-1.0), 14);
    }

    [Theory]
    [InlineData(0.6, 1.3)]
    [InlineData(0.6, 2.999)]
    [InlineData(0.0, 2.0)]
    public void Two_opposite_charges_have_the_closed_form_dsf_energy_and_force(double alpha, double distance)
    {
        ForceField forceField = IonPair(alpha);
        CoulombParameters coulomb = forceField.Coulomb!;
        var system = new MolecularSystem("pair", [0, 1], [], [], [1, 1], [1, -1], [0, 1]);
        double[] positions = [1, 1, 1, 1 + distance, 1, 1];
        var engine = new MdEngine(system, forceField, SimulationBox.PeriodicCube(10), positions, 1);

        double c = coulomb.Prefactor(forceField.Temperature), rc = coulomb.Cutoff;
        double Erfc(double x) => ComplementaryErrorFunction.Exact(x);
        double forceShift = Erfc(alpha * rc) / (rc * rc) + 2 * alpha / Math.Sqrt(Math.PI) * Math.Exp(-alpha * alpha * rc * rc) / rc;
        double pairEnergy = -c * (Erfc(alpha * distance) / distance - Erfc(alpha * rc) / rc + (distance - rc) * forceShift);
        double selfEnergy = -2 * c * ((Erfc(alpha * rc) / rc + rc * forceShift) / 2 + alpha / Math.Sqrt(Math.PI));
        double attraction = c * (Erfc(alpha * distance) / (distance * distance)
                                 + 2 * alpha / Math.Sqrt(Math.PI) * Math.Exp(-alpha * alpha * distance * distance) / distance - forceShift);

        Assert.Equal(pairEnergy + selfEnergy, engine.PotentialEnergy(), 12);
        Assert.Equal(attraction, engine.Forces[0], 12);   // particle 0 is pulled towards +x
        Assert.Equal(-attraction, engine.Forces[3], 12);
    }

    [Fact]
    public void Dsf_energy_and_force_vanish_continuously_at_the_cutoff()
    {
        ForceField forceField = IonPair(0.6);
        double rc = forceField.Coulomb!.Cutoff;
        var system = new MolecularSystem("pair", [0, 1], [], [], [1, 1], [1, -1], [0, 1]);
        double Self() => new MdEngine(system, forceField, SimulationBox.PeriodicCube(10), [0, 0, 0, 5, 0, 0], 1).PotentialEnergy();
        var inside = new MdEngine(system, forceField, SimulationBox.PeriodicCube(10), [0, 0, 0, rc - 1e-6, 0, 0], 1);
        Assert.True(Math.Abs(inside.PotentialEnergy() - Self()) < 1e-10);
        Assert.True(Math.Abs(inside.Forces[0]) < 1e-5);
    }

    [Fact]
    public void Forces_are_the_negative_gradient_of_the_energy_in_a_thermal_box()
    {
        var (system, forceField, box, positions) = ElectrolyteTestSystems.Thermalised(ElectrolyteTestSystems.Small(), 300, 5);
        double[] forces = new MdEngine(system, forceField, box, positions, 1).Forces.ToArray();
        const double h = 1e-6;
        // Every Li and anion bead and some polymer beads, all three components.
        int[] particles = [0, 7, 101, 199, 200, 201, 215, 230, 232, 240, 247];
        foreach (int i in particles)
            for (int d = 0; d < 3; d++)
            {
                double Energy(double shift)
                {
                    double[] moved = (double[])positions.Clone();
                    moved[3 * i + d] += shift;
                    return new MdEngine(system, forceField, box, moved, 1).PotentialEnergy();
                }
                double numeric = -(Energy(h) - Energy(-h)) / (2 * h);
                double analytic = forces[3 * i + d];
                Assert.True(Math.Abs(numeric - analytic) <= 1e-5 * Math.Max(1, Math.Abs(analytic)),
                    $"particle {i} (type {system.Types[i]}) component {d}: -dE/dx = {numeric:R}, force {analytic:R}");
            }
    }

    /// <summary>Two types of charge +1 and -1, WCA only, DSF with cutoff 3 and l_B = 2.5 at T = 1.2.</summary>
    private static ForceField IonPair(double alpha)
    {
        var wca = new PairParameters(1, 1, Math.Pow(2, 1.0 / 6.0));
        return new ForceField("ion-pair", [new ParticleSpecies("P", 1, 1), new ParticleSpecies("M", 1, -1)],
            new[,] { { wca, wca }, { wca, wca } }, [new BondParameters(BondStyle.Harmonic, 1, 0, 0, 0, 1)],
            new CoulombParameters(2.5, alpha, 3.0), true, 1.2, 1, 0.005, 0.3);
    }
}
