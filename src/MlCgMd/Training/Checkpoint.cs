using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using MlCgMd.Data;
using MlCgMd.Model;
using MlCgMd.SystemKinds;
using MlCgMd.Torch;
using MlCgMd.Torch.Optim;
using MlCgMd.Torch.Serialization;

namespace MlCgMd.Training;

/// <summary>
/// A training checkpoint folder: the model files (<see cref="ModelCheckpoint"/>: weights,
/// hyperparameters, CG recipe), optimizer.safetensors (Adam moments, step counts, scheduler
/// state) and state.json (step, best validation). Written into a temporary folder and swapped
/// in, so a crash never leaves a half checkpoint.
/// </summary>
public static class Checkpoint
{
    public const string OptimizerFile = "optimizer.safetensors";
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

    public static void Save(string folder, GraphSimulator model, CgRecipe recipe, Optimizer optimizer, LRScheduler scheduler,
                            State state)
    {
        string parent = Path.GetDirectoryName(Path.GetFullPath(folder))!;
        Directory.CreateDirectory(parent);
        string temporary = folder + ".tmp";
        if (Directory.Exists(temporary)) Directory.Delete(temporary, recursive: true);
        Directory.CreateDirectory(temporary);
        ModelCheckpoint.Save(temporary, model, recipe);
        var optimizerState = new Dictionary<string, Tensor>();
        foreach (var (k, v) in optimizer.state_dict()) optimizerState["optimizer." + k] = v;
        foreach (var (k, v) in scheduler.state_dict()) optimizerState["scheduler." + k] = v;
        SafeTensors.Save(Path.Combine(temporary, OptimizerFile), optimizerState);
        File.WriteAllText(Path.Combine(temporary, StateFile), JsonSerializer.Serialize(state, ModelConfig.Json));
        Swap(temporary, folder);
    }

    /// <summary>
    /// Restores model, optimiser and scheduler; a checkpoint written with another CG recipe
    /// than <paramref name="recipe"/> (the run's config) is refused, naming both.
    /// </summary>
    public static State Restore(string folder, GraphSimulator model, CgRecipe recipe, Optimizer optimizer, LRScheduler scheduler)
    {
        CgRecipe saved = CgRecipe.Read(folder) ?? new CgRecipe { System = SystemKind.Chain.Name, CgLevel = model.Config.CgLevel };
        saved.RequireSame(recipe, $"checkpoint '{folder}'", "the training config");
        var (weights, _) = SafeTensors.Load(Path.Combine(folder, ModelCheckpoint.ModelFile));
        model.load_state_dict(weights);
        var (moments, _) = SafeTensors.Load(Path.Combine(folder, OptimizerFile));
        optimizer.load_state_dict(Prefixed(moments, "optimizer."));
        scheduler.load_state_dict(Prefixed(moments, "scheduler."));
        foreach (Tensor t in weights.Values.Concat(moments.Values)) t.Dispose();
        return State.Read(Path.Combine(folder, StateFile));
    }

    public static bool Exists(string folder) =>
        File.Exists(Path.Combine(folder, StateFile)) && File.Exists(Path.Combine(folder, OptimizerFile)) &&
        File.Exists(Path.Combine(folder, ModelCheckpoint.ModelFile)) && File.Exists(Path.Combine(folder, ModelCheckpoint.ConfigFile));

    /// <summary>
    /// The checkpoint a resume restores from: <paramref name="folder"/>, or, when a crash interrupted
    /// <see cref="Save"/>'s swap, its complete successor (folder.tmp; state.json is written last) or its
    /// predecessor (folder.old); null when none is complete. Reads only, so every rank finds the same.
    /// </summary>
    public static string? Resumable(string folder) =>
        new[] { folder, folder + ".tmp", folder + ".old" }.FirstOrDefault(Exists);

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
