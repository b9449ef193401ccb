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
    [InlineData("""{"name":"x","temperature":1,"timestep":0.01,"langevin_damping":1,"neighbor_skin":0.3,"bond":{"style":"harmonic","k":1,"r0":1},"pair":{"shift":true,"default":{"epsilon":1,"sigma":1,"cutoff":2}},"temprature":1}""", "'temprature'")]
    [InlineData("""{"name":"x","temperature":1,"timestep":0.01,"langevin_damping":1,"neighbor_skin":0.3,"bond":{"style":"harmonic","k":1,"r0":1,"r_0":2},"pair":{"shift":true,"default":{"epsilon":1,"sigma":1,"cutoff":2}}}""", "'bond.r_0'")]
    [InlineData("""{"name":"x","temperature":1,"timestep":0.01,"langevin_damping":1,"neighbor_skin":0.3,"bond":{"style":"harmonic","k":1,"r0":1},"bonds":[],"pair":{"shift":true,"default":{"epsilon":1,"sigma":1,"cutoff":2}}}""", "'bonds'")]
    [InlineData("""{"name":"x","temperature":1,"timestep":0.01,"langevin_damping":1,"neighbor_skin":0.3,"types":[{"name":"A","mass":1,"charge":1},{"name":"B","mass":1,"charge":-1}],"bond":{"style":"harmonic","k":1,"r0":1},"pair":{"shift":true,"default":{"epsilon":1,"sigma":1,"cutoff":2}}}""", "'coulomb'")]
    [InlineData("""{"name":"x","temperature":1,"timestep":0.01,"langevin_damping":1,"neighbor_skin":0.3,"types":[{"name":"A","mass":0,"charge":1}],"bond":{"style":"harmonic","k":1,"r0":1},"pair":{"shift":true,"default":{"epsilon":1,"sigma":1,"cutoff":2}}}""", "types[0].mass")]
    [InlineData("""{"name":"x","temperature":1,"timestep":0.01,"langevin_damping":1,"neighbor_skin":0.3,"types":[{"name":"A","mass":1,"charge":0,"colour":"red"}],"bond":{"style":"harmonic","k":1,"r0":1},"pair":{"shift":true,"default":{"epsilon":1,"sigma":1,"cutoff":2}}}""", "types[0].colour")]
    [InlineData("""{"name":"x","temperature":1,"timestep":0.01,"langevin_damping":1,"neighbor_skin":0.3,"types":[{"name":"A","mass":1,"charge":1}],"bond":{"style":"harmonic","k":1,"r0":1},"pair":{"shift":true,"default":{"epsilon":1,"sigma":1,"cutoff":2}},"coulomb":{"style":"ewald","bjerrum_length":1,"alpha":0,"cutoff":3}}""", "coulomb.style")]
    [InlineData("""{"name":"x","temperature":1,"timestep":0.01,"langevin_damping":1,"neighbor_skin":0.3,"types":[{"name":"A","mass":1,"charge":1}],"bond":{"style":"harmonic","k":1,"r0":1},"pair":{"shift":true,"default":{"epsilon":1,"sigma":1,"cutoff":2}},"coulomb":{"style":"dsf","bjerrum_length":1,"alpha":3,"cutoff":3}}""", "coulomb.alpha")]
    [InlineData("""{"name":"x","temperature":1,"timestep":0.01,"langevin_damping":1,"neighbor_skin":0.3,"types":[{"name":"A","mass":1,"charge":0}],"bond":{"style":"harmonic","k":1,"r0":1},"pair":{"shift":true,"default":{"epsilon":1,"sigma":1,"cutoff":2},"pairs":[{"types":["A","B1"],"epsilon":1,"sigma":1,"cutoff":2}]}}""", "pair.pairs[0].types")]
    public void Bad_fields_are_named_in_the_error(string json, string field)
    {
        using var document = JsonDocument.Parse(json);
        var error = Assert.Throws<FormatException>(() => ForceFieldLoader.Parse(document.RootElement, "bad.json"));
        Assert.Contains("bad.json", error.Message);
        Assert.Contains(field, error.Message);
    }

    [Fact]
    public void Any_number_of_types_with_masses_charges_bond_types_and_coulomb()
    {
        const string json = """
            {"name":"salt","temperature":1.2,"timestep":0.005,"langevin_damping":1,"neighbor_skin":0.3,
             "types":[{"name":"P","mass":1,"charge":0},{"name":"O","mass":1,"charge":0},{"name":"Li","mass":0.5,"charge":1},
                      {"name":"An","mass":2,"charge":-1},{"name":"X","mass":1.5,"charge":0}],
             "bonds":[{"name":"backbone","style":"fene","k":30,"r0":1.5,"epsilon":1,"sigma":1},{"name":"anion","style":"fene","k":40,"r0":1.4,"epsilon":1,"sigma":0.9}],
             "pair":{"shift":true,"default":{"epsilon":1,"sigma":1,"cutoff":1.122462048309373},
                     "pairs":[{"types":["Li","O"],"epsilon":3,"sigma":0.75,"cutoff":2.5}]},
             "coulomb":{"style":"dsf","bjerrum_length":3,"alpha":0.5,"cutoff":3.5}}
            """;
        using var document = JsonDocument.Parse(json);
        ForceField forceField = ForceFieldLoader.Parse(document.RootElement, "salt.json");
        Assert.Equal(5, forceField.TypeCount);
        Assert.Equal(new ParticleSpecies("Li", 0.5, 1), forceField.Species[2]);
        Assert.Equal(2, forceField.BondTypes.Count);
        Assert.Equal(0.9, forceField.BondTypes[1].Sigma);
        Assert.Equal(3.0, forceField.Pair(forceField.TypeId("O"), forceField.TypeId("Li")).Epsilon);
        Assert.Equal(1.0, forceField.Pair(0, 4).Epsilon);
        Assert.Equal(3.6, forceField.Coulomb!.Prefactor(forceField.Temperature), 12);
        Assert.Equal(3.5, forceField.MaxCutoff);
        Assert.Equal(2.5, forceField.MaxPairCutoff);
        Assert.True(forceField.IsCharged);
    }

    [Fact]
    public void A_chain_file_without_types_gets_the_four_neutral_chain_types()
    {
        ForceField forceField = MdTestSystems.KremerGrest;
        Assert.Equal(["B1", "B2", "S1", "S2"], forceField.Species.Select(s => s.Name));
        Assert.All(forceField.Species, s => Assert.Equal((1.0, 0.0), (s.Mass, s.Charge)));
        Assert.Null(forceField.Coulomb);
    }
}
