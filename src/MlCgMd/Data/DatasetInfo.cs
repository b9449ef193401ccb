using System.Text.Json;
using System.Text.Json.Serialization;

namespace MlCgMd.Data;

/// <summary>
/// dataset.json at a dataset's root: how its trajectories were made, so time can be given in
/// physical units later (the original layout itself stores no times). Optional: datasets from
/// elsewhere (e.g. the official Zenodo files) may lack it, and tools then ask for the frame interval.
/// </summary>
public sealed record DatasetInfo
{
    public const string FileName = "dataset.json";

    [JsonPropertyName("tier")] public string Tier { get; init; } = "";
    [JsonPropertyName("units")] public string Units { get; init; } = "lj";
    /// <summary>MD integration step (τ).</summary>
    [JsonPropertyName("md_time_step")] public double MdTimeStep { get; init; }
    /// <summary>MD steps between recorded frames.</summary>
    [JsonPropertyName("record_every")] public int RecordEvery { get; init; }
    /// <summary>Time between recorded frames (τ) = md_time_step · record_every.</summary>
    [JsonPropertyName("frame_interval")] public double FrameInterval { get; init; }
    [JsonPropertyName("force_field")] public string ForceField { get; init; } = "";
    [JsonPropertyName("seed")] public ulong Seed { get; init; }
    /// <summary>Frames recorded per split (train/val/test may differ in length).</summary>
    [JsonPropertyName("frames")] public Dictionary<string, int> Frames { get; init; } = [];
    /// <summary>Wall-clock seconds the reference MD took, per split, and MD steps run (for speed comparisons).</summary>
    [JsonPropertyName("md_seconds")] public Dictionary<string, double> MdSeconds { get; init; } = [];
    [JsonPropertyName("md_steps")] public Dictionary<string, long> MdSteps { get; init; } = [];

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static DatasetInfo? TryRead(string directory)
    {
        string path = Path.Combine(directory, FileName);
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<DatasetInfo>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a valid dataset description: {e.Message}", e);
        }
    }

    public void Write(string directory) =>
        AtomicFile.WriteText(Path.Combine(directory, FileName), w => w.Write(JsonSerializer.Serialize(this, Json)));
}
