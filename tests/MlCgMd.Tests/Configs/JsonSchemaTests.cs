using System.Text.Json.Nodes;
using Json.Schema;
using MlCgMd.Configuration;
using MlCgMd.Evaluation;
using MlCgMd.Simulation;
using MlCgMd.Tests.Data;
using MlCgMd.Tests.Exports;

namespace MlCgMd.Tests.Configs;

/// <summary>docs/schemas equals what the types generate, and shipped configs and real outputs validate against it.</summary>
public sealed class JsonSchemaTests : IDisposable
{
    private readonly ScratchDirectory scratch = new();

    public void Dispose() => scratch.Dispose();

    private static string Repository() => RepositoryFolder.Root;

    private static JsonSchema Schema(string file) =>
        JsonSchema.FromText(File.ReadAllText(Path.Combine(Repository(), "docs", "schemas", file)));

    private static void AssertValid(JsonSchema schema, string path)
    {
        EvaluationResults result = schema.Evaluate(JsonNode.Parse(File.ReadAllText(path)), new EvaluationOptions { OutputFormat = OutputFormat.List });
        string errors = string.Join("; ", result.Details.Where(d => d.HasErrors)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")));
        Assert.True(result.IsValid, $"{path} does not validate: {errors}");
    }

    public static TheoryData<string> SchemaFiles() => new(JsonSchemas.All.Select(e => e.FileName));

    [Theory]
    [MemberData(nameof(SchemaFiles))]
    public void The_committed_schema_is_the_one_the_types_generate(string file)
    {
        JsonSchemas.Entry entry = JsonSchemas.All.Single(e => e.FileName == file);
        string committed = Path.Combine(Repository(), "docs", "schemas", file);
        Assert.True(File.Exists(committed), $"{committed} is missing; run mlcgmd schemas --out docs/schemas");
        Assert.True(File.ReadAllText(committed) == JsonSchemas.Generate(entry),
            $"{committed} is out of date with {entry.Type.Name}; run mlcgmd schemas --out docs/schemas");
    }

    [Fact]
    public void Shipped_training_configs_validate()
    {
        JsonSchema schema = Schema("training-config.schema.json");
        foreach (string config in Directory.GetFiles(Path.Combine(Repository(), "data", "configs"), "train-*.json"))
            AssertValid(schema, config);
    }

    [Fact]
    public void A_rollout_and_its_metrics_validate_and_a_misspelt_key_does_not()
    {
        var (data, rollout) = TinyRollout.Write(scratch.Path);
        AssertValid(Schema("rollout.schema.json"), Path.Combine(rollout, RolloutManifest.FileName));
        string metrics = scratch.File("metrics.json");
        new MetricsFile(RolloutEvaluator.Evaluate(rollout, data, frameInterval: 1).Summary()).Write(metrics);
        AssertValid(Schema("metrics.schema.json"), metrics);

        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(Repository(), "data", "configs", "train-quick.json")))!;
        config["model"]!["radiuss"] = 9;
        Assert.False(Schema("training-config.schema.json").Evaluate(config).IsValid);
    }

    [Fact]
    public void A_generated_electrolyte_systems_properties_validate()
    {
        var config = MlCgMd.Systems.ElectrolyteDatasetConfigLoader.Load(RepositoryFolder.Config("electrolyte-quick.json"));
        string data = scratch.File("electrolyte");
        new MlCgMd.Generation.ElectrolyteDatasetGenerator(config, data, threads: 2).Run();
        foreach (var composition in config.Splits.SelectMany(s => s.Compositions))
            AssertValid(Schema("electrolyte-properties.schema.json"),
                Path.Combine(data, composition.Name, MlCgMd.Generation.ElectrolyteDatasetGenerator.PropertiesFile));
    }
}
