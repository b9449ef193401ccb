using System.Text.Json;
using MlCgMd.Systems;
using MlCgMd.Tests.MolecularDynamics;

namespace MlCgMd.Tests.Systems;

public class ForceFieldLoaderTests
{
    [Fact]
    public void Solvophobic_pairs_attract_and_all_others_are_wca()
    {
        ForceField forceField = MdTestSystems.KremerGrest;
        int[] solvophobic = [(int)BeadType.B1, (int)BeadType.S1];
        for (int a = 0; a < 4; a++)
            for (int b = 0; b < 4; b++)
            {
                double expected = solvophobic.Contains(a) && solvophobic.Contains(b) ? 2.5 : Math.Pow(2, 1.0 / 6.0);
                Assert.Equal(expected, forceField.Pair(a, b).Cutoff, 12);
            }
        Assert.Equal(BondStyle.Fene, forceField.Bond.Style);
        Assert.Equal(1.0, forceField.Temperature);
        Assert.Equal(0.01, forceField.TimeStep);
    }

    [Theory]
    [InlineData("""{"temperature":1}""", "name")]
    [InlineData("""{"name":"x","temperature":-1,"timestep":0.01,"langevin_damping":1,"neighbor_skin":0.3}""", "temperature")]
    [InlineData("""{"name":"x","temperature":1,"timestep":0.01,"langevin_damping":1,"neighbor_skin":0.3,"bond":{"style":"morse"}}""", "bond.style")]
    [InlineData("""{"name":"x","temperature":1,"timestep":0.01,"langevin_damping":1,"neighbor_skin":0.3,"bond":{"style":"harmonic","k":1,"r0":1},"pair":{"shift":true,"default":{"epsilon":1,"sigma":1,"cutoff":2},"pairs":[{"types":["B1","Q"],"epsilon":1,"sigma":1,"cutoff":2}]}}""", "pair.pairs[0].types")]
    public void Bad_fields_are_named_in_the_error(string json, string field)
    {
        using var document = JsonDocument.Parse(json);
        var error = Assert.Throws<FormatException>(() => ForceFieldLoader.Parse(document.RootElement, "bad.json"));
        Assert.Contains("bad.json", error.Message);
        Assert.Contains(field, error.Message);
    }
}
