using MlCgMd.Systems;
using MlCgMd.Tests.MolecularDynamics;

namespace MlCgMd.Tests.Systems;

public class SequenceFamilyTests
{
    private static int Switches(string sequence) => sequence.Zip(sequence.Skip(1)).Count(p => p.First != p.Second);

    [Fact]
    public void Compositions_are_stratified_across_the_split_and_exact()
    {
        string[] sequences = new SequenceFamily(SequenceFamilyKind.Random, 0.0, 1.0, 0).Generate(50, 10, 1);
        double[] fractions = sequences.Select(s => s.Count(c => c == 'A') / 50.0).ToArray();
        for (int k = 0; k < 10; k++)
            Assert.InRange(fractions[k], k / 10.0 - 0.01, (k + 1) / 10.0 + 0.01);
    }

    [Fact]
    public void Blocky_family_has_long_blocks_and_random_family_does_not()
    {
        string[] blocky = new SequenceFamily(SequenceFamilyKind.Blocky, 0.4, 0.6, 8).Generate(80, 20, 2);
        string[] random = new SequenceFamily(SequenceFamilyKind.Random, 0.4, 0.6, 0).Generate(80, 20, 2);
        // 80 monomers in blocks of mean length 8 switch about 9 times; a random half/half sequence about 40.
        Assert.All(blocky, s => Assert.InRange(Switches(s), 1, 10));
        Assert.True(random.Average(Switches) > 30);
        Assert.All(blocky.Concat(random), s => Assert.Equal(80, s.Length));
    }

    [Fact]
    public void Generation_is_deterministic_for_a_seed()
    {
        var family = new SequenceFamily(SequenceFamilyKind.Blocky, 0, 1, 4);
        Assert.Equal(family.Generate(30, 5, 9), family.Generate(30, 5, 9));
        Assert.NotEqual(family.Generate(30, 5, 9), family.Generate(30, 5, 10));
    }

    [Fact]
    public void Chain_topology_pairs_each_backbone_bead_with_a_side_chain()
    {
        PolymerSystem system = PolymerSystem.FromSequence("topology", "ABA");
        Assert.Equal([0, 2, 1, 3, 0, 2], system.Types);
        Assert.Equal([(0, 1), (0, 2), (2, 3), (2, 4), (4, 5)], system.Bonds);
        Assert.Throws<ArgumentException>(() => PolymerSystem.FromSequence("bad", "AXB"));
    }

    [Theory]
    [InlineData("chain-quick.json", "quick")]
    [InlineData("chain-reproduction.json", "reproduction")]
    [InlineData("chain-paper.json", "paper")]
    public void Tier_configs_load_with_train_val_and_class_ii_test_splits(string file, string tier)
    {
        ChainDatasetConfig config = ChainDatasetConfigLoader.Load(Path.Combine(MdTestSystems.RepositoryRoot, "data/configs", file));
        Assert.Equal(tier, config.Tier);
        Assert.Equal(["train", "val", "test"], config.Splits.Where(s => s.ReplicaOf is null).Select(s => s.Name));
        Assert.Equal(SequenceFamilyKind.Blocky, config.Split("test").Family.Kind);
        Assert.Equal(SequenceFamilyKind.Random, config.Split("train").Family.Kind);
        Assert.True(File.Exists(config.ForceFieldPath));
        ChainSystemSpec[] test = config.Systems("test");
        Assert.Equal(config.Split("test").Chains, test.Length);
        Assert.Equal(test.Select(c => c.Seed).Distinct().Count(), test.Length);
    }

    [Fact]
    public void A_missing_config_field_is_reported_with_file_and_field()
    {
        string path = Path.Combine(Path.GetTempPath(), $"mlcgmd-bad-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{ "tier": "quick", "force_field": "x.json", "seed": 1, "splits": [] }""");
        try
        {
            var error = Assert.Throws<FormatException>(() => ChainDatasetConfigLoader.Load(path));
            Assert.Contains(path, error.Message);
            Assert.Contains("monomers_per_chain", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
