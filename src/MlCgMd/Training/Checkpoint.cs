using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using MlCgMd.Data;
using MlCgMd.Model;
using MlCgMd.Torch;
using MlCgMd.Torch.Optim;
using MlCgMd.Torch.Serialization;

namespace MlCgMd.Training;

/// <summary>
/// A training checkpoint folder: model.safetensors (official parameter names),
/// optimizer.safetensors (Adam moments, step counts, scheduler state), model.json
/// (hyperparameters, enough to rebuild the model) and state.json (step, best validation).
/// Written into a temporary folder and swapped in, so a crash never leaves a half checkpoint.
/// </summary>
public static class Checkpoint
{
    public const string ModelFile = "model.safetensors";
    public const string OptimizerFile = "optimizer.safetensors";
    public const string ConfigFile = "model.json";
    public const string StateFile = "state.json";

    /// <summary>state.json: optimizer steps done, the best validation acc_loss (nats) and its step, the tier.</summary>
    public sealed record State(
        [property: JsonPropertyName("step")] long Step,
        [property: JsonPropertyName("best_val_acc_loss")] double BestValAccLoss,
        [property: JsonPropertyName("best_step")] long BestStep,
        [property: JsonPropertyName("tier")] string Tier)
    {
        /// <summary>Reads state.json; files written before the keys were snake_case (Step, BestValAccLoss, ...) read too.</summary>
        public static State Read(string path)
        {
            var root = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new InvalidDataException($"{path}: empty state");
            foreach (var (legacy, key) in new[] { ("Step", "step"), ("BestValAccLoss", "best_val_acc_loss"), ("BestStep", "best_step"), ("Tier", "tier") })
                if (root[legacy] is { } value)
                {
                    root.Remove(legacy);
                    root[key] = value;
                }
            return root.Deserialize<State>(ModelConfig.Json) ?? throw new InvalidDataException($"{path}: empty state");
        }
    }

    public static void Save(string folder, GraphSimulator model, Optimizer optimizer, LRScheduler scheduler, State state)
    {
        string parent = Path.GetDirectoryName(Path.GetFullPath(folder))!;
        Directory.CreateDirectory(parent);
        string temporary = folder + ".tmp";
        if (Directory.Exists(temporary)) Directory.Delete(temporary, recursive: true);
        Directory.CreateDirectory(temporary);
        SaveModel(temporary, model);
        var optimizerState = new Dictionary<string, Tensor>();
        foreach (var (k, v) in optimizer.state_dict()) optimizerState["optimizer." + k] = v;
        foreach (var (k, v) in scheduler.state_dict()) optimizerState["scheduler." + k] = v;
        SafeTensors.Save(Path.Combine(temporary, OptimizerFile), optimizerState);
        File.WriteAllText(Path.Combine(temporary, StateFile), JsonSerializer.Serialize(state, ModelConfig.Json));
        Swap(temporary, folder);
    }

    /// <summary>Writes model.safetensors and model.json into <paramref name="folder"/> (atomic per file).</summary>
    public static void SaveModel(string folder, GraphSimulator model)
    {
        Directory.CreateDirectory(folder);
        SafeTensors.Save(Path.Combine(folder, ModelFile), model.state_dict(),
            new Dictionary<string, string> { ["format"] = "pt", ["producer"] = "MlCgMd" });
        AtomicFile.WriteText(Path.Combine(folder, ConfigFile),
            w => w.Write(JsonSerializer.Serialize(model.Config, ModelConfig.Json)));
    }

    /// <summary>Rebuilds a model from a checkpoint folder (model.json + model.safetensors).</summary>
    public static GraphSimulator LoadModel(string folder)
    {
        string configPath = Path.Combine(folder, ConfigFile);
        string weightsPath = Path.Combine(folder, ModelFile);
        if (!File.Exists(configPath)) throw new FileNotFoundException($"checkpoint '{folder}' has no {ConfigFile}", configPath);
        if (!File.Exists(weightsPath)) throw new FileNotFoundException($"checkpoint '{folder}' has no {ModelFile}", weightsPath);
        ModelConfig config = JsonSerializer.Deserialize<ModelConfig>(File.ReadAllText(configPath), ModelConfig.Json)
                             ?? throw new InvalidDataException($"{configPath}: empty model config");
        var model = new GraphSimulator(config);
        var (tensors, _) = SafeTensors.Load(weightsPath);
        try { model.load_state_dict(tensors); }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidDataException($"{weightsPath}: does not fit the model of {configPath}: {e.Message}", e);
        }
        finally
        {
            foreach (Tensor t in tensors.Values) t.Dispose();
        }
        return model;
    }

    public static State Restore(string folder, GraphSimulator model, Optimizer optimizer, LRScheduler scheduler)
    {
        var (weights, _) = SafeTensors.Load(Path.Combine(folder, ModelFile));
        model.load_state_dict(weights);
        var (saved, _) = SafeTensors.Load(Path.Combine(folder, OptimizerFile));
        optimizer.load_state_dict(Prefixed(saved, "optimizer."));
        scheduler.load_state_dict(Prefixed(saved, "scheduler."));
        foreach (Tensor t in weights.Values.Concat(saved.Values)) t.Dispose();
        return State.Read(Path.Combine(folder, StateFile));
    }

    public static bool Exists(string folder) =>
        File.Exists(Path.Combine(folder, StateFile)) && File.Exists(Path.Combine(folder, OptimizerFile));

    private static Dictionary<string, Tensor> Prefixed(IReadOnlyDictionary<string, Tensor> all, string prefix) =>
        all.Where(kv => kv.Key.StartsWith(prefix)).ToDictionary(kv => kv.Key[prefix.Length..], kv => kv.Value);

    private static void Swap(string temporary, string folder)
    {
        string old = folder + ".old";
        if (Directory.Exists(old)) Directory.Delete(old, recursive: true);
        if (Directory.Exists(folder)) Directory.Move(folder, old);
        Directory.Move(temporary, folder);
        if (Directory.Exists(old)) Directory.Delete(old, recursive: true);
    }
}
