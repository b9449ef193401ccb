using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using MlCgMd.Data;
using MlCgMd.Model;
using MlCgMd.SystemKinds;
using MlCgMd.Torch;
using MlCgMd.Torch.Serialization;

namespace MlCgMd.Training;

/// <summary>
/// <c>mlcgmd import-checkpoint</c>: turns an official Lightning checkpoint into this project's
/// checkpoint folder (model.safetensors + model.json, loadable by simulate and bench speed) plus
/// import.json (where it came from and what was read). The hyperparameters come from
/// <c>config</c> when given (an official YAML, our model.json or a train-*.json) and else from the
/// checkpoint's own hyper_parameters; the state_dict must then hold exactly the model's parameters,
/// with their shapes, in float32 — anything else is refused with the names that differ.
/// </summary>
public static class CheckpointImport
{
    public sealed record Result(ModelConfig Config, long Parameters, LightningCheckpoint Source, IReadOnlyList<string> Notes);

    public static Result Run(string checkpointPath, string? configPath, string outputDirectory, bool overwrite = false)
    {
        if (!overwrite && File.Exists(Path.Combine(outputDirectory, ModelCheckpoint.ModelFile)))
            throw new IOException($"'{outputDirectory}' already holds a {ModelCheckpoint.ModelFile}; choose another --out or pass --overwrite");
        LightningCheckpoint source = LightningCheckpoint.Read(checkpointPath);
        var (config, notes) = configPath is not null
            ? ReadConfig(configPath)
            : source.HyperParameters is { } saved
                ? OfficialHyperparameters.ToModelConfig(saved, $"'{checkpointPath}' hyper_parameters")
                : throw new InvalidDataException($"'{checkpointPath}' saves no hyper_parameters; pass --config (the official model YAML or a model.json)");

        using var scope = torch.NewDisposeScope();
        torch.manual_seed(0);   // the parameters are all replaced; the seed only keeps construction deterministic
        using var model = new GraphSimulator(config);
        var expected = model.state_dict();
        Require(source, expected, checkpointPath);
        var tensors = source.StateDict.ToDictionary(kv => kv.Key, kv => kv.Value.ToTensor());
        model.load_state_dict(tensors);
        ModelCheckpoint.Save(outputDirectory, model, OfficialRecipe(config));
        WriteProvenance(outputDirectory, source, configPath, notes);
        return new Result(config, model.num_parameters(), source, notes);
    }

    /// <summary>
    /// The coarse-graining the official code used with this model: chains (unit weights) by k-way METIS,
    /// battery models (use_atom_mass) per component by recursive METIS, TFSI split (cg_tfsi False).
    /// </summary>
    private static CgRecipe OfficialRecipe(ModelConfig config)
    {
        SystemKind kind = config.UseAtomMass ? SystemKind.Electrolyte : SystemKind.Chain;
        return new CgRecipe { System = kind.Name, CgLevel = config.CgLevel, RecursiveMetis = kind.RecursiveMetisByDefault };
    }

    /// <summary>Every model parameter present with its shape and float32, and nothing else.</summary>
    private static void Require(LightningCheckpoint source, IReadOnlyDictionary<string, Tensor> expected, string path)
    {
        var missing = expected.Keys.Where(k => !source.StateDict.ContainsKey(k)).ToList();
        var unexpected = source.StateDict.Keys.Where(k => !expected.ContainsKey(k)).ToList();
        if (missing.Count > 0 || unexpected.Count > 0)
            throw new InvalidDataException(
                $"'{path}': its state_dict does not fit the model of these hyperparameters: " +
                (missing.Count > 0 ? $"missing {missing.Count} ({Few(missing)})" : "") +
                (missing.Count > 0 && unexpected.Count > 0 ? "; " : "") +
                (unexpected.Count > 0 ? $"not in the model {unexpected.Count} ({Few(unexpected)})" : ""));
        foreach (var (name, tensor) in expected)
        {
            StoredTensor stored = source.StateDict[name];
            if (!stored.Shape.SequenceEqual(tensor.shape))
                throw new InvalidDataException($"'{path}': state_dict['{name}'] has shape [{string.Join(", ", stored.Shape)}], " +
                                               $"the model expects [{string.Join(", ", tensor.shape)}]");
            if (stored.Dtype != ScalarType.Float32)
                throw new InvalidDataException($"'{path}': state_dict['{name}'] is {stored.DtypeName}; the official models are float32");
        }
    }

    private static string Few(List<string> names) => string.Join(", ", names.Take(4)) + (names.Count > 4 ? ", ..." : "");

    private static (ModelConfig, List<string>) ReadConfig(string path)
    {
        string extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is ".yaml" or ".yml")
            return OfficialHyperparameters.ToModelConfig(OfficialYaml.Read(path), path);
        if (extension != ".json")
            throw new InvalidDataException($"config '{path}': expected an official .yaml or our .json (model.json or train-*.json)");
        if (!File.Exists(path)) throw new FileNotFoundException($"config '{path}' does not exist", path);
        JsonNode? root = JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions
        {
            CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true,
        });
        if (root is JsonObject training && training.ContainsKey("tier") && training.ContainsKey("model"))
            return (TrainingConfig.Load(path).Model, ["model from the training config's 'model' section"]);
        try
        {
            ModelConfig config = root.Deserialize<ModelConfig>(ModelConfig.Json)
                                 ?? throw new InvalidDataException($"{path}: empty model config");
            config.Validate(path);
            return (config, []);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a model config: {e.Message}", e);
        }
    }

    private static void WriteProvenance(string directory, LightningCheckpoint source, string? configPath, List<string> notes)
    {
        string sha256;
        using (FileStream stream = File.OpenRead(source.Path))
            sha256 = Convert.ToHexStringLower(SHA256.HashData(stream));
        var provenance = new ImportProvenance(Path.GetFullPath(source.Path), sha256, source.LightningVersion, source.Epoch,
            source.GlobalStep, configPath is null ? "checkpoint hyper_parameters" : Path.GetFullPath(configPath),
            source.StateDict.Count, notes, source.HyperParameters);
        AtomicFile.WriteText(Path.Combine(directory, ImportProvenance.FileName),
            w => w.Write(JsonSerializer.Serialize(provenance, ImportProvenance.Json)));
    }
}
