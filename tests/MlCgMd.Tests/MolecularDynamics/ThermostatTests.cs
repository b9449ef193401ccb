using MlCgMd.MolecularDynamics;
using MlCgMd.Systems;

namespace MlCgMd.Tests.MolecularDynamics;

public class ThermostatTests
{
    [Fact]
    public void Mean_kinetic_temperature_is_within_one_percent_of_target_and_velocities_are_maxwell_boltzmann()
    {
        ForceField forceField = MdTestSystems.KremerGrest;
        PolymerSystem system = PolymerSystem.FromSequence("thermostat", new string('A', 50) + new string('B', 50));
        var engine = new MdEngine(system, forceField, SimulationBox.Open, InitialConformation.RandomWalk(system, 3), 3);
        engine.Step(2000);
        double temperatureSum = 0;
        int samples = 0;
        var components = new List<double>();
        for (int block = 0; block < 100; block++)
        {
            for (int s = 0; s < 10; s++)
            {
                engine.Step(30);
                temperatureSum += engine.KineticTemperature();
                samples++;
            }
            // Every 300 steps (3 damping times) take all components of every bead, scaled to unit variance.
            var velocities = new double[3 * system.BeadCount];
            engine.MidStepVelocities(velocities);
            components.AddRange(velocities.Select(v => v / Math.Sqrt(forceField.Temperature)));
        }
        double meanTemperature = temperatureSum / samples;
        Assert.InRange(meanTemperature, 0.99 * forceField.Temperature, 1.01 * forceField.Temperature);

        double ks = KolmogorovSmirnovAgainstStandardNormal(components);
        double critical = 1.95 / Math.Sqrt(components.Count); // alpha = 0.001
        Assert.True(ks < critical, $"KS statistic {ks:G4} exceeds {critical:G4} (n = {components.Count})");
    }

    private static double KolmogorovSmirnovAgainstStandardNormal(List<double> values)
    {
        double[] sorted = values.Order().ToArray();
        double worst = 0;
        for (int i = 0; i < sorted.Length; i++)
        {
            double cdf = 0.5 * (1 + Erf(sorted[i] / Math.Sqrt(2)));
            worst = Math.Max(worst, Math.Max(cdf - (double)i / sorted.Length, (i + 1.0) / sorted.Length - cdf));
        }
        return worst;
    }

    /// <summary>Error function by its Taylor series (accurate to ~1e-10 for |x| &lt;= 4; erf(4) = 1 - 1.5e-8).</summary>
    private static double Erf(double x)
    {
        if (Math.Abs(x) > 4) return Math.Sign(x);
        double sum = x, term = x;
        for (int n = 1; n < 200; n++)
        {
            term *= -x * x / n;
            double contribution = term / (2 * n + 1);
            sum += contribution;
            if (Math.Abs(contribution) < 1e-17) break;
        }
        return 2 / Math.Sqrt(Math.PI) * sum;
    }
}
