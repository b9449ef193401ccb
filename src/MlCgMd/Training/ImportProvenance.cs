using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MlCgMd.Training;

/// <summary>import.json beside an imported checkpoint: where it came from and what was read.</summary>
/// <param name="HyperparametersFrom">the config file used, or "checkpoint hyper_parameters"</param>
/// <param name="Notes">keys read but not mapped onto the model config (names, the optim/data/logging configs)</param>
/// <param name="HyperParameters">the checkpoint's hyper_parameters as saved (OmegaConf containers as plain JSON)</param>
public sealed record ImportProvenance(
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("source_sha256")] string SourceSha256,
    [property: JsonPropertyName("pytorch_lightning_version")] string? PytorchLightningVersion,
    [property: JsonPropertyName("epoch")] long? Epoch,
    [property: JsonPropertyName("global_step")] long? GlobalStep,
    [property: JsonPropertyName("hyperparameters_from")] string HyperparametersFrom,
    [property: JsonPropertyName("tensors")] int Tensors,
    [property: JsonPropertyName("notes")] IReadOnlyList<string> Notes,
    [property: JsonPropertyName("hyper_parameters")] JsonObject? HyperParameters)
{
    public const string FileName = "import.json";

    public static readonly JsonSerializerOptions Json = new() { WriteIndented = true };
}
