using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using MlCgMd.Data;
using MlCgMd.Evaluation;
using MlCgMd.Model;
using MlCgMd.Simulation;
using MlCgMd.Training;

namespace MlCgMd.Configuration;

/// <summary>
/// JSON Schemas (draft 2020-12) of the config and output files, generated from the .NET types that
/// read and write them with the serializer options they are read and written with (so unknown keys
/// are <c>additionalProperties: false</c> where the reader refuses them). docs/schemas holds the
/// generated files; <c>mlcgmd schemas --out DIR</c> writes them and a test keeps them equal.
/// </summary>
public static class JsonSchemas
{
    /// <summary>One schema: its file name, the file it describes, the type and the options.</summary>
    public sealed record Entry(string FileName, string Describes, Type Type, JsonSerializerOptions Options);

    public static IReadOnlyList<Entry> All { get; } =
    [
        new("training-config.schema.json", "data/configs/train-*.json and a run's config.json (mlcgmd train --config)",
            typeof(TrainingConfig), ModelConfig.Json),
        new("model.schema.json", "a checkpoint's model.json (the model's hyperparameters, official names)",
            typeof(ModelConfig), ModelConfig.Json),
        new("rollout.schema.json", "a rollout folder's rollout.json (mlcgmd simulate)", typeof(RolloutManifest), ModelConfig.Json),
        new("metrics.schema.json", "metrics.json (mlcgmd analyze, quickstart)", typeof(MetricsFile), MetricsFile.Json),
        new("electrolyte-metrics.schema.json", "metrics.json of an electrolyte rollout (mlcgmd analyze)",
            typeof(ElectrolyteEvaluationResult), MetricsFile.Json),
        new("speed.schema.json", "speed.json (mlcgmd bench speed --out)", typeof(List<SpeedMeasurement>), JsonSerializerOptions.Default),
        new("dataset.schema.json", "a dataset's dataset.json (mlcgmd generate)", typeof(DatasetInfo), JsonSerializerOptions.Default),
        new("electrolyte-properties.schema.json", "properties.json in each system folder of an electrolyte dataset (mlcgmd generate)",
            typeof(Generation.ElectrolyteSystemProperties), Generation.ElectrolyteDatasetGenerator.Json),
        new("import.schema.json", "import.json beside an imported checkpoint (mlcgmd import-checkpoint)",
            typeof(ImportProvenance), ImportProvenance.Json),
    ];

    /// <summary>The schema of one entry as indented JSON text, with a title and a description.</summary>
    public static string Generate(Entry entry)
    {
        var options = new JsonSerializerOptions(entry.Options);
        options.MakeReadOnly(populateMissingResolver: true);
        JsonNode schema = options.GetJsonSchemaAsNode(entry.Type, new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = AllowNullForNullableNumbers,
        });
        var document = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["title"] = entry.FileName.Replace(".schema.json", ""),
            ["description"] = $"MlCgMd: {entry.Describes}. Generated from {entry.Type.Name} by `mlcgmd schemas`; units in docs/outputs.md.",
        };
        foreach (var (key, value) in schema.AsObject().ToList())
            document[key] = value?.DeepClone();
        return document.ToJsonString(Indented) + "\n";
    }

    /// <summary>
    /// The exporter writes a double? read with named literals (NaN, Infinity) as anyOf [number, the literals]
    /// and drops null, which the reader accepts: add it back.
    /// </summary>
    private static JsonNode AllowNullForNullableNumbers(JsonSchemaExporterContext context, JsonNode schema)
    {
        bool nullable = Nullable.GetUnderlyingType(context.TypeInfo.Type) is not null;
        if (nullable && schema is JsonObject o && o["anyOf"] is JsonArray anyOf
            && !anyOf.Any(branch => branch?["type"]?.ToJsonString() == "\"null\""))
            anyOf.Add(new JsonObject { ["type"] = "null" });
        return schema;
    }

    // Readable text: quotes and backticks unescaped (the schemas are files, not HTML).
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes every schema into <paramref name="directory"/>.</summary>
    public static IReadOnlyList<string> WriteAll(string directory) =>
        All.Select(entry =>
        {
            string path = Path.Combine(directory, entry.FileName);
            AtomicFile.WriteText(path, w => w.Write(Generate(entry)));
            return path;
        }).ToList();
}
