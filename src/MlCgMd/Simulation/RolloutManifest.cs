using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using MlCgMd.Data;
using MlCgMd.Model;
using MlCgMd.SystemKinds;

namespace MlCgMd.Simulation;

/// <summary>
/// rollout.json: what was simulated, how, and how far each system got. Rewritten atomically
/// at every resume point; the HDF5 files hold the frames.
/// </summary>
public sealed record RolloutManifest
{
    public const string FileName = "rollout.json";

    [JsonPropertyName("model")] public string Model { get; init; } = "";
    [JsonPropertyName("data_directory")] public string DataDirectory { get; init; } = "";
    [JsonPropertyName("options")] public RolloutOptions Options { get; init; } = new();
    [JsonPropertyName("collision_distance")] public double CollisionDistance { get; init; }
    [JsonPropertyName("max_bond_length")] public double MaxBondLength { get; init; }
    [JsonPropertyName("has_score_gn")] public bool HasScoreGn { get; init; }
    [JsonPropertyName("seq_len")] public int SeqLen { get; init; }
    [JsonPropertyName("dilation")] public int Dilation { get; init; }
    /// <summary>The CG recipe of the systems (the model's); null in manifests written before it was recorded (chains).</summary>
    [JsonPropertyName("recipe")] public CgRecipe? Recipe { get; init; }
    /// <summary>The kind of the simulated systems.</summary>
    [JsonIgnore] public SystemKind Kind => Recipe?.Kind ?? SystemKind.Chain;
    /// <summary>Length unit of the reference data (its positions' units attribute, else the kind's); null in older manifests.</summary>
    [JsonPropertyName("length_unit")] public string? LengthUnit { get; init; }
    [JsonIgnore] public string EffectiveLengthUnit => LengthUnit ?? Kind.LengthUnit;
    [JsonPropertyName("systems")] public List<RolloutSystem> Systems { get; init; } = [];
    /// <summary>Wall-clock seconds spent stepping (all batches, summed over resumes).</summary>
    [JsonPropertyName("wall_seconds")] public double WallSeconds { get; set; }
    [JsonPropertyName("completed")] public bool Completed { get; set; }
    /// <summary>The units of this file and of the HDF5 files beside it.</summary>
    [JsonPropertyName("units")] public Dictionary<string, string> Units => new()
    {
        ["length"] = EffectiveLengthUnit + ": positions, collision_distance, max_bond_length",
        ["time"] = "model steps (steps, save_every, steps_done, failed_step); one step = dilation x the dataset's frame interval",
        ["wall_seconds"] = "seconds",
    };

    public static RolloutManifest Read(string directory)
    {
        string path = Path.Combine(directory, FileName);
        if (!File.Exists(path)) throw new FileNotFoundException($"'{directory}' holds no {FileName}: not a rollout folder", path);
        OutputFolder.RequireRegularFile(path, "rollout manifest");
        JsonNode root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true })
                   ?? throw new InvalidDataException($"{path}: empty manifest");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not valid JSON: {e.Message}", e);
        }
        // Manifests written before the keys were made snake_case carry options.SavedFrames (a derived count).
        (root["options"] as JsonObject)?.Remove("SavedFrames");
        RolloutManifest manifest;
        try
        {
            manifest = root.Deserialize<RolloutManifest>(ModelConfig.Json) ?? throw new InvalidDataException($"{path}: empty manifest");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a valid {FileName}: {e.Message}", e);
        }
        // The names become paths: each must stay inside the rollout folder.
        for (int k = 0; k < manifest.Systems.Count; k++)
        {
            OutputFolder.Inside(directory, manifest.Systems[k].File, $"{path}: systems[{k}].file", subfolders: true);
            OutputFolder.Inside(directory, manifest.Systems[k].Name, $"{path}: systems[{k}].name");
        }
        return manifest;
    }


    public void Write(string directory) =>
        AtomicFile.WriteText(Path.Combine(directory, FileName), w => w.Write(JsonSerializer.Serialize(this, ModelConfig.Json)));
}

/// <summary>One simulated system: its file, size and fate.</summary>
public sealed record RolloutSystem
{
    [JsonPropertyName("name")] public string Name { get; init; } = "";
    [JsonPropertyName("file")] public string File { get; init; } = "";
    [JsonPropertyName("beads")] public int Beads { get; init; }
    [JsonPropertyName("batch")] public int Batch { get; init; }
    /// <summary>Model steps completed (including a failing one).</summary>
    [JsonPropertyName("steps_done")] public long StepsDone { get; set; }
    /// <summary>Saved frames that hold valid positions.</summary>
    [JsonPropertyName("frames_written")] public long FramesWritten { get; set; }
    /// <summary>First step whose prediction failed a stability check, or null.</summary>
    [JsonPropertyName("failed_step")] public long? FailedStep { get; set; }
    [JsonPropertyName("failure")] public string? Failure { get; set; }
}
