using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MlCgMd.Model;

namespace MlCgMd.Training;

/// <summary>
/// Maps the official model hyperparameters (graphwm/conf/model/chain.yaml and battery.yaml, or the
/// hyper_parameters a Lightning checkpoint saved) onto <see cref="ModelConfig"/>, whose JSON names are
/// the official ones. Refuses what this project does not implement or does not know: an unknown key, a
/// model class other than GNS/PnR, cg_tfsi, remove_com, keypoint coarse-graining, other noise methods.
/// Interpolations (<c>${data.dimension}</c>) are resolved against the same hyperparameters.
/// </summary>
public static partial class OfficialHyperparameters
{
    /// <summary>Keys the official model configs carry that shape nothing in the network (names and the sibling configs).</summary>
    private static readonly HashSet<string> Informational = ["_target_", "name", "optim", "data", "logging"];

    /// <summary>Official switches this project implements only at their default value.</summary>
    private static readonly Dictionary<string, bool> FixedSwitches = new()
    {
        ["cg_tfsi"] = false, ["remove_com"] = false, ["use_keypoint_for_cg"] = false,
    };

    /// <returns>The model config and one line per key that was read but not mapped (names, sibling configs).</returns>
    public static (ModelConfig Config, List<string> Notes) ToModelConfig(JsonObject official, string source)
    {
        var notes = new List<string>();
        var mapped = new JsonObject();
        string? modelClass = null;
        foreach (var (key, raw) in official)
        {
            JsonNode? value = Resolve(raw, official, source, key);
            if (key is "_target_" or "name")
            {
                string text = value?.GetValue<string>() ?? "";
                modelClass = text switch
                {
                    "graphwm.model.GNS" or "gns" => "GNS",
                    "graphwm.model.PnR" or "pnr" => "PnR",
                    _ => throw new InvalidDataException($"{source}: field '{key}' is '{text}'; only the official GNS and PnR models are implemented"),
                };
            }
            if (Informational.Contains(key))
            {
                notes.Add($"'{key}' read, not part of the model config");
                continue;
            }
            if (FixedSwitches.TryGetValue(key, out bool required))
            {
                if (value is not JsonValue v || !v.TryGetValue(out bool actual) || actual != required)
                    throw new InvalidDataException($"{source}: field '{key}' is {value?.ToJsonString() ?? "null"}; only {required.ToString().ToLowerInvariant()} is implemented");
                continue;
            }
            // The official configs write "property_net_hparams: False" for no head.
            mapped[key] = key == "property_net_hparams" && value is JsonValue off && off.TryGetValue(out bool on) && !on ? null : value?.DeepClone();
        }
        if (mapped.ContainsKey("step_size_schedule"))
            throw new InvalidDataException($"{source}: field 'step_size_schedule' is not an official key (the official refinement is 'constant')");
        if (modelClass == "GNS" && mapped.ContainsKey("score_gn_hparams"))
        {
            mapped.Remove("score_gn_hparams");
            notes.Add("'score_gn_hparams' ignored: the GNS class has no Score GNN");
        }
        if (modelClass == "PnR" && !mapped.ContainsKey("score_gn_hparams"))
            throw new InvalidDataException($"{source}: a PnR model needs 'score_gn_hparams'");

        ModelConfig config;
        try
        {
            config = mapped.Deserialize<ModelConfig>(ModelConfig.Json)
                     ?? throw new InvalidDataException($"{source}: empty model hyperparameters");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: {Unknown(e.Message)}", e);
        }
        config.Validate(source);
        return (config, notes);
    }

    /// <summary>STJ names the .NET type for an unknown key; say it the way a config reader would.</summary>
    private static string Unknown(string message) =>
        UnmappedProperty().Match(message) is { Success: true } m
            ? $"field '{m.Groups["name"].Value}' is not a model hyperparameter this project knows; refusing to guess its meaning"
            : JsonPath().Match(message) is { Success: true } p
                ? $"field '{p.Groups["path"].Value}' has the wrong type or shape ({message.Split(" Path:")[0]})"
                : message;

    [GeneratedRegex("The JSON property '(?<name>[^']+)' could not be mapped")]
    private static partial Regex UnmappedProperty();

    [GeneratedRegex(@"Path: \$\.(?<path>[^ |]+)")]
    private static partial Regex JsonPath();

    /// <summary>A value, with a whole-string <c>${a.b}</c> interpolation replaced by what it names (model.* names the top level).</summary>
    private static JsonNode? Resolve(JsonNode? value, JsonObject root, string source, string key, int depth = 0)
    {
        if (value is not JsonValue v || !v.TryGetValue(out string? text) || Interpolation().Match(text) is not { Success: true } m)
            return value;
        string target = m.Groups["path"].Value;
        if (target.Contains(':'))
            throw new InvalidDataException($"{source}: field '{key}' is '{text}', a resolver this importer does not evaluate; give the value");
        string[] parts = target.Split('.');
        JsonNode? node = parts[0] == "model" ? root : root[parts[0]];
        foreach (string part in parts.Skip(1))
            node = node is JsonObject o ? o[part] : null;
        if (node is null || depth > 10)
            throw new InvalidDataException($"{source}: field '{key}' is '{text}', which names nothing in these hyperparameters; give the value");
        return Resolve(node, root, source, key, depth + 1);
    }

    [GeneratedRegex(@"^\$\{(?<path>[^{}]+)\}$")]
    private static partial Regex Interpolation();
}
