using MlCgMd.Systems;
using MlCgMd.Tests.MolecularDynamics;

namespace MlCgMd.Tests.Systems;

public sealed class ReplicaSplitTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("mlcgmd-replica-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string WriteConfig(string replicaSplit)
    {
        string forceField = Path.GetFullPath(Path.Combine(MdTestSystems.RepositoryRoot, "data", "forcefields", "amphiphilic-kg.json"));
        string path = Path.Combine(folder, "chain.json");
        File.WriteAllText(path, $$"""
            { "tier": "quick", "force_field": "{{forceField}}", "monomers_per_chain": 10, "seed": 7,
              "splits": [
                { "name": "test", "family": "blocky", "chains": 3, "composition_min": 0.2, "composition_max": 0.8,
                  "mean_block_length": 2, "equilibration_steps": 10, "production_steps": 20, "record_every": 10, "rg_every": 10 },
                {{replicaSplit}}
              ] }
            """);
        return path;
    }

    [Fact]
    public void A_replica_split_has_the_same_sequences_and_independent_seeds()
    {
        string path = WriteConfig("""
            { "name": "test_replica", "replica_of": "test",
              "equilibration_steps": 10, "production_steps": 40, "record_every": 10, "rg_every": 10 }
            """);
        ChainDatasetConfig config = ChainDatasetConfigLoader.Load(path);
        ChainSystemSpec[] original = config.Systems("test");
        ChainSystemSpec[] replica = config.Systems("test_replica");

        Assert.Equal(3, replica.Length);
        Assert.Equal(original.Select(c => string.Join(",", c.System.Types)), replica.Select(c => string.Join(",", c.System.Types)));
        Assert.Empty(original.Select(c => c.Seed).Intersect(replica.Select(c => c.Seed)));
        Assert.Equal(["test_replica_000", "test_replica_001", "test_replica_002"], replica.Select(c => c.System.Name));
        Assert.Equal(40, config.Split("test_replica").Run.ProductionSteps);
    }

    [Fact]
    public void A_replica_of_an_unknown_split_is_refused_with_the_field()
    {
        string path = WriteConfig("""
            { "name": "test_replica", "replica_of": "tset",
              "equilibration_steps": 10, "production_steps": 40, "record_every": 10, "rg_every": 10 }
            """);
        var error = Assert.Throws<FormatException>(() => ChainDatasetConfigLoader.Load(path));
        Assert.Contains("replica_of", error.Message);
        Assert.Contains("'tset'", error.Message);
        Assert.Contains(path, error.Message);
    }
}
