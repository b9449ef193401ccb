using MlCgMd.Generation;
using MlCgMd.MolecularDynamics;
using MlCgMd.Systems;

namespace MlCgMd.Tests.Electrolyte;

/// <summary>Electrolyte configs and compositions: what is refused, with the file and field named; packing.</summary>
public sealed class ElectrolyteConfigTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("mlcgmd-electrolyte-config-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private const string Good = """
        { "system": "electrolyte", "tier": "quick", "force_field": "FF", "seed": 1,
          "defaults": { "chains": 10, "chain_length": 20, "solvating_fraction": 0.5, "ion_pairs": 16, "li_solvating_epsilon": 2.0, "density": 0.85 },
          "splits": [
            { "name": "train", "equilibration_steps": 10, "production_steps": 30, "record_every": 10, "compositions": [ { "name": "a" } ] },
            { "name": "test", "equilibration_steps": 10, "production_steps": 30, "record_every": 10, "compositions": [ { "name": "b", "ion_pairs": 18 } ] } ] }
        """;

    private string Write(string json)
    {
        string path = Path.Combine(root, "electrolyte-test.json");
        string forceField = Path.Combine(RepositoryFolder.Root, "data", "forcefields", "electrolyte-peo.json");
        File.WriteAllText(path, json.Replace("FF", forceField));
        return path;
    }

    public static TheoryData<string> ShippedConfigs() =>
        new(Directory.GetFiles(Path.Combine(RepositoryFolder.Root, "data", "configs"), "electrolyte-*.json").Select(Path.GetFileName).Select(n => n!));

    [Theory]
    [MemberData(nameof(ShippedConfigs))]
    public void Shipped_configs_load_and_every_composition_builds_a_neutral_box(string file)
    {
        ElectrolyteDatasetConfig config = ElectrolyteDatasetConfigLoader.Load(RepositoryFolder.Config(file));
        Assert.Equal(file, $"electrolyte-{config.Tier}.json");
        Assert.Equal(["train", "val", "test"], config.Splits.Select(s => s.Name));
        ForceField forceField = config.LoadForceField();
        foreach (ElectrolyteComposition composition in config.Splits.SelectMany(s => s.Compositions))
            Assert.Equal(0.0, ElectrolyteSystem.Build(composition, forceField).System.NetCharge, 9);
    }

    [Fact]
    public void A_solvating_type_per_chemistry_labels_the_solvating_beads_and_sets_its_li_well_depth()
    {
        string path = Write(Good.Replace("\"ion_pairs\": 18 }", "\"ion_pairs\": 18, \"solvating_type\": \"O3\", \"li_solvating_epsilon\": 3.0 }"));
        File.WriteAllText(path, File.ReadAllText(path).Replace("electrolyte-peo.json", "electrolyte-peo-chemistries.json"));
        ElectrolyteDatasetConfig config = ElectrolyteDatasetConfigLoader.Load(path);
        ForceField forceField = config.LoadForceField();
        ElectrolyteComposition b = config.Split("test").Compositions[0];
        Assert.Equal("O3", b.SolvatingType);
        var (system, field) = ElectrolyteSystem.Build(b, forceField);
        int o3 = forceField.TypeId("O3"), li = forceField.TypeId("Li");
        Assert.Equal(b.SolvatingBeads, system.Types.Count(t => t == o3));
        Assert.Equal(3.0, field.Pair(li, o3).Epsilon);
        Assert.Equal(1.0, field.Pair(li, forceField.TypeId("O1")).Epsilon);
        // The default chemistry "O" is not in this force field: the error names the composition and the type.
        var error = Assert.Throws<ArgumentException>(() => ElectrolyteSystem.Build(config.Split("train").Compositions[0], forceField));
        Assert.Contains("no type 'O'", error.Message);
        Assert.Contains("composition 'a'", error.Message);
    }

    [Fact]
    public void A_good_config_loads_with_defaults_and_overrides()
    {
        ElectrolyteDatasetConfig config = ElectrolyteDatasetConfigLoader.Load(Write(Good));
        Assert.Equal(16, config.Split("train").Compositions[0].IonPairs);
        Assert.Equal(18, config.Split("test").Compositions[0].IonPairs);
        Assert.Equal(3, config.Split("test").Run.FrameCount);
        Assert.NotEqual(config.SystemSeed(config.Splits[0], 0), config.SystemSeed(config.Splits[1], 0));
    }

    [Theory]
    [InlineData("\"seed\": 1,", "\"seed\": 1, \"sead\": 2,", "'sead'")]
    [InlineData("\"system\": \"electrolyte\"", "\"system\": \"chain\"", "'system'")]
    [InlineData("{ \"name\": \"b\", \"ion_pairs\": 18 }", "{ \"name\": \"b\" }", "splits must hold distinct compositions")]
    [InlineData("{ \"name\": \"b\", \"ion_pairs\": 18 }", "{ \"name\": \"a\", \"ion_pairs\": 18 }", "splits[1].compositions[0].name")]
    [InlineData("\"chain_length\": 20,", "", "splits[0].compositions[0].chain_length")]
    [InlineData("\"density\": 0.85", "\"density\": 0.85, \"salt\": 3", "defaults.salt")]
    [InlineData("\"ion_pairs\": 18 }", "\"ion_pairs\": 0 }", "'ion_pairs'")]
    [InlineData("\"ion_pairs\": 18 }", "\"ion_pairs\": 18, \"solvating_type\": 3 }", "splits[1].compositions[0].solvating_type")]
    [InlineData("\"ion_pairs\": 18 }", "\"ion_pairs\": 18, \"solvating_type\": \"Li\" }", "'solvating_type'")]
    [InlineData("\"record_every\": 10, \"compositions\": [ { \"name\": \"b\"", "\"record_every\": 5, \"compositions\": [ { \"name\": \"b\"", "record_every")]
    public void Bad_configs_are_refused_naming_the_file_and_field(string find, string replace, string expected)
    {
        Assert.Contains(find, Good);
        string path = Write(Good.Replace(find, replace));
        var error = Assert.Throws<FormatException>(() => ElectrolyteDatasetConfigLoader.Load(path));
        Assert.Contains(path, error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void A_box_too_small_for_the_cutoffs_is_refused_before_any_md()
    {
        ElectrolyteDatasetConfig config = ElectrolyteDatasetConfigLoader.Load(Write(Good.Replace("\"ion_pairs\": 18 }", "\"ion_pairs\": 18, \"chains\": 5 }")));
        var error = Assert.Throws<ArgumentException>(() => new ElectrolyteDatasetGenerator(config, Path.Combine(root, "out"), 1).Run());
        Assert.Contains("'b'", error.Message);
        Assert.Contains("shorter than 2 x (largest cutoff 3", error.Message);
        Assert.False(Directory.Exists(Path.Combine(root, "out", "a")));
    }

    [Fact]
    public void A_force_field_whose_charges_do_not_cancel_is_refused()
    {
        ForceField peo = ElectrolyteTestSystems.PeoForceField;
        var species = peo.Species.Select(s => s.Name == "An" ? s with { Charge = -2 } : s).ToArray();
        var table = new PairParameters[peo.TypeCount, peo.TypeCount];
        for (int a = 0; a < peo.TypeCount; a++) for (int b = 0; b < peo.TypeCount; b++) table[a, b] = peo.Pair(a, b);
        var unbalanced = new ForceField("unbalanced", species, table, peo.BondTypes, peo.Coulomb, true, 1, 1, 0.005, 0.3);
        var error = Assert.Throws<ArgumentException>(() => ElectrolyteSystem.Build(ElectrolyteTestSystems.Small(), unbalanced));
        Assert.Contains("net charge -16", error.Message);
    }

    [Fact]
    public void Packing_leaves_no_overlaps_and_small_forces_with_ions_last()
    {
        ElectrolyteComposition composition = ElectrolyteTestSystems.Small();
        (MolecularSystem system, ForceField forceField) = ElectrolyteSystem.Build(composition, ElectrolyteTestSystems.PeoForceField);
        (double[] x, double maxForce) = ElectrolytePacking.Pack(system, forceField, composition.BoxLength, 3);
        Assert.True(maxForce < ElectrolytePacking.ForceTarget, $"largest force after push-off {maxForce:G4}");
        double length = composition.BoxLength, closest = double.PositiveInfinity;
        for (int i = 0; i < system.BeadCount; i++)
            for (int j = i + 1; j < system.BeadCount; j++)
            {
                double r2 = 0;
                for (int d = 0; d < 3; d++)
                {
                    double delta = x[3 * i + d] - x[3 * j + d];
                    delta -= length * Math.Round(delta / length);
                    r2 += delta * delta;
                }
                closest = Math.Min(closest, Math.Sqrt(r2) / forceField.Pair(system.Types[i], system.Types[j]).Sigma);
            }
        Assert.True(closest > 0.8, $"closest pair at {closest:G3} of its sigma");
        Assert.Equal(0.0, system.NetCharge, 12);
        Assert.All(system.Types.TakeLast(composition.IonPairs), t => Assert.Equal(forceField.TypeId("Li"), t));
        Assert.Equal(composition.LiSolvatingEpsilon, forceField.Pair(forceField.TypeId("Li"), forceField.TypeId("O")).Epsilon);
    }
}
