using System.Text.Json;
using System.Text.Json.Serialization;
using MlCgMd.Data;

namespace MlCgMd.Training;

/// <summary>
/// score_levels.json of a training run with a Score GNN: the validation score loss at each σ level of the model
/// (largest first) at the latest validation. The loss is 0.5·mean((net + z)²) with z the standard normal noise;
/// <c>no_information</c> is 0.5·mean(z²) of the same draws (about 0.5), the loss of a net that outputs 0, so the
/// Score GNN knows something about the noise at a level exactly where its loss is below that, and more the lower it
/// is. The same noise draws serve every level (common random numbers). The average over levels is validation.csv's
/// val_score_loss only up to the random level draws.
/// </summary>
public sealed record ScoreLevels(
    [property: JsonPropertyName("step")] long Step,
    [property: JsonPropertyName("batches")] int BatchCount,
    [property: JsonPropertyName("sigma")] double[] Sigmas,
    [property: JsonPropertyName("val_score_loss")] double[] Losses,
    [property: JsonPropertyName("no_information")] double[] NoInformation)
{
    public const string FileName = "score_levels.json";

    /// <summary>Validation batches per level (the first ones of validation.csv's), to keep validation cheap.</summary>
    public const int Batches = 4;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public void Write(string runDirectory) =>
        AtomicFile.WriteText(Path.Combine(runDirectory, FileName), w => w.Write(JsonSerializer.Serialize(this, Json)));

    public static ScoreLevels Read(string runDirectory) =>
        JsonFile.Read<ScoreLevels>(Path.Combine(runDirectory, FileName), Json, "score levels");
}
