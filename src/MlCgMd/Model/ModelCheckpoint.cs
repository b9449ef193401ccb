using System.Text.Json;
using MlCgMd.Data;
using MlCgMd.SystemKinds;
using MlCgMd.Torch;
using MlCgMd.Torch.Serialization;

namespace MlCgMd.Model;

/// <summary>
/// A trained model on disk: model.safetensors (official parameter names), model.json (the
/// hyperparameters, enough to rebuild it) and system.json (the <see cref="CgRecipe"/> it was
/// trained with). Training checkpoints add the optimiser state next to these files.
/// </summary>
public static class ModelCheckpoint
{
    public const string ModelFile = "model.safetensors";
    public const string ConfigFile = "model.json";

    /// <summary>Writes the three files into <paramref name="folder"/> (atomic per file).</summary>
    public static void Save(string folder, GraphSimulator model, CgRecipe recipe)
    {
        if (recipe.CgLevel != model.Config.CgLevel)
            throw new ArgumentException($"the CG recipe has cg_level {recipe.CgLevel}, the model {model.Config.CgLevel}", nameof(recipe));
        Directory.CreateDirectory(folder);
        SafeTensors.Save(Path.Combine(folder, ModelFile), model.state_dict(),
            new Dictionary<string, string> { ["format"] = "pt", ["producer"] = "MlCgMd" });
        AtomicFile.WriteText(Path.Combine(folder, ConfigFile),
            w => w.Write(JsonSerializer.Serialize(model.Config, ModelConfig.Json)));
        recipe.Write(folder);
    }

    /// <summary>
    /// Rebuilds a model and its recipe. Checkpoints written before recipes were saved hold chain
    /// models, which were always rolled out with k-way METIS: that is the recipe they get.
    /// <paramref name="priorBondScale"/> multiplies the CG prior's bond stiffness (a rollout-time ablation; 1 = as trained).
    /// </summary>
    public static TrainedModel Load(string folder, double priorBondScale = 1)
    {
        string configPath = Path.Combine(folder, ConfigFile);
        string weightsPath = Path.Combine(folder, ModelFile);
        if (!File.Exists(configPath)) throw new FileNotFoundException($"checkpoint '{folder}' has no {ConfigFile}", configPath);
        if (!File.Exists(weightsPath)) throw new FileNotFoundException($"checkpoint '{folder}' has no {ModelFile}", weightsPath);
        ModelConfig config = JsonFile.Read<ModelConfig>(configPath, ModelConfig.Json, "model config");
        config.Validate(configPath);
        if (priorBondScale != 1)
        {
            if (config.Prior is not { BondK: { } bondK } prior)
                throw new ArgumentException($"{configPath}: the model has no CG prior (model.prior), so there is no prior bond to scale " +
                                            $"(prior_bond_scale {priorBondScale}); leave it at 1");
            config = config with { Prior = prior with { BondK = bondK * priorBondScale } };
        }
        DynamicsNetworks.Require(config.DynamicsNetwork, configPath);
        CgRecipe recipe = CgRecipe.Read(folder) ?? new CgRecipe { System = SystemKind.Chain.Name, CgLevel = config.CgLevel };
        if (recipe.CgLevel != config.CgLevel)
            throw new InvalidDataException(
                $"{Path.Combine(folder, CgRecipe.FileName)}: field 'cg_level' is {recipe.CgLevel}, but {configPath} has {config.CgLevel}");
        recipe.RequireFits(config.UseAtomMass, configPath);

        var model = new GraphSimulator(config);
        var (tensors, _) = SafeTensors.Load(weightsPath);
        try { model.load_state_dict(tensors); }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            model.Dispose();
            throw new InvalidDataException($"{weightsPath}: does not fit the model of {configPath}: {e.Message}", e);
        }
        finally
        {
            foreach (Tensor t in tensors.Values) t.Dispose();
        }
        return new TrainedModel(model, recipe, Path.GetFullPath(folder));
    }
}
