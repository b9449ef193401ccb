using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using MlCgMd.Configuration;
using MlCgMd.Model;
using MlCgMd.SystemKinds;

namespace MlCgMd.Training;

/// <summary>
/// A training run: data, model, optimiser and loop settings (JSON, official names where the
/// official configs have them). Every config names its scale tier: quick, reproduction or paper.
/// </summary>
public sealed record TrainingConfig
{
    [JsonPropertyName("tier")] public string Tier { get; init; } = "reproduction";
    [JsonPropertyName("description")] public string Description { get; init; } = "";
    [JsonPropertyName("data")] public DataSettings Data { get; init; } = new();
    [JsonPropertyName("model")] public ModelConfig Model { get; init; } = new();
    [JsonPropertyName("optim")] public OptimSettings Optim { get; init; } = new();
    [JsonPropertyName("train")] public LoopSettings Train { get; init; } = new();

    /// <summary>Reads and validates a training config, with command-line overrides applied first (<c>--set optim.lr=3e-4</c>).</summary>
    public static TrainingConfig Load(string path, IReadOnlyList<ConfigOverride>? overrides = null)
    {
        overrides ??= [];
        string source = EffectiveConfig.Source(path, overrides);
        JsonObject json = EffectiveConfig.Read(path, overrides, typeof(TrainingConfig), ModelConfig.Json);
        // Defaults are the paper's, far from any small run: a missing section is an error, not a silent paper-scale run.
        foreach (string section in new[] { "data", "model", "optim", "train" })
            if (json[section] is not JsonObject)
                throw new InvalidDataException($"{source}: section '{section}' is missing, expected an object (see data/configs/train-*.json)");
        TrainingConfig config;
        try
        {
            config = json.Deserialize<TrainingConfig>(ModelConfig.Json)
                     ?? throw new InvalidDataException($"{source}: empty training config");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: not a valid training config: {e.Message}", e);
        }
        config.Validate(source);
        return config;
    }

    public string ToJson() => JsonSerializer.Serialize(this, ModelConfig.Json);

    public void Validate(string source)
    {
        if (Tier is not ("quick" or "reproduction" or "paper"))
            throw new InvalidDataException($"{source}: field 'tier' must be quick, reproduction or paper (got '{Tier}')");
        Model.Validate(source + " (model)");
        DynamicsNetworks.Require(Model.DynamicsNetwork, source + " (model)");
        CgRecipe recipe = Data.Recipe(Model);
        recipe.Validate(source + " (data)");
        recipe.RequireFits(Model.UseAtomMass, source + " (model)");
        void Require(bool ok, string field, string expectation, object value)
        {
            if (!ok) throw new InvalidDataException($"{source}: field '{field}' {expectation} (got {value})");
        }
        // Written so that NaN fails every check.
        Require(Train.BatchSize >= 1, "train.batch_size", "must be at least 1", Train.BatchSize);
        Require(Train.MaxSteps >= 1, "train.max_steps", "must be at least 1", Train.MaxSteps);
        Require(Train.PushforwardSteps >= 1 && Train.PushforwardSteps < Model.SeqLen, "train.pushforward_steps",
            $"must be at least 1 and below seq_len ({Model.SeqLen})", Train.PushforwardSteps);
        Require(Train.GradientClipVal > 0 && double.IsFinite(Train.GradientClipVal), "train.gradient_clip_val", "must be a positive number", Train.GradientClipVal);
        Require(Train.ValEvery >= 1, "train.val_every", "must be at least 1", Train.ValEvery);
        Require(Train.ValBatches >= 1, "train.val_batches", "must be at least 1", Train.ValBatches);
        Require(Train.CheckpointEvery >= 1, "train.checkpoint_every", "must be at least 1", Train.CheckpointEvery);
        Require(Train.LogEvery >= 1, "train.log_every", "must be at least 1", Train.LogEvery);
        Require(Train.Threads >= 0, "train.threads", "must be >= 0 (0: all cores)", Train.Threads);
        Require(Data.TrajLen is null or >= 2, "data.traj_len", "must be at least 2 frames (or absent: all)", Data.TrajLen!);
        Require(Optim.Lr > 0 && double.IsFinite(Optim.Lr), "optim.lr", "must be a positive number", Optim.Lr);
        Require(Optim.MinLr >= 0 && Optim.MinLr <= Optim.Lr, "optim.min_lr", "must be from 0 to optim.lr", Optim.MinLr);
        Require(Optim.Eps > 0 && double.IsFinite(Optim.Eps), "optim.eps", "must be a positive number", Optim.Eps);
        Require(Optim.WeightDecay >= 0 && double.IsFinite(Optim.WeightDecay), "optim.weight_decay", "must be a number >= 0", Optim.WeightDecay);
        Require(Optim.DecaySteps > 0 && double.IsFinite(Optim.DecaySteps), "optim.decay_steps", "must be a positive number", Optim.DecaySteps);
        Require(Optim.DecayRate > 0 && Optim.DecayRate <= 1, "optim.decay_rate", "must be in (0, 1]", Optim.DecayRate);
        Require(Optim.Betas.Length == 2 && Optim.Betas.All(b => b is >= 0 and < 1), "optim.betas", "must hold two numbers in [0, 1)",
            $"[{string.Join(", ", Optim.Betas)}]");
    }
}

/// <summary>Where the trajectories are, what kind of system they hold, and how samples are cut from them.</summary>
public sealed record DataSettings
{
    /// <summary>Dataset root: one folder per trajectory plus split files (relative to the config's folder or absolute).</summary>
    [JsonPropertyName("directory")] public string Directory { get; init; } = "data/generated/reproduction";
    /// <summary>The system kind (<see cref="SystemKind"/>): "chain" or "electrolyte".</summary>
    [JsonPropertyName("system")] public string System { get; init; } = SystemKind.Chain.Name;
    /// <summary>Split files; null: the kind's official names (train.txt / val.txt for chains).</summary>
    [JsonPropertyName("train_split")] public string? TrainSplit { get; init; }
    [JsonPropertyName("val_split")] public string? ValSplit { get; init; }
    /// <summary>Frames of each trajectory used (null: all).</summary>
    [JsonPropertyName("traj_len")] public int? TrajLen { get; init; }
    /// <summary>Recursive bisection instead of k-way METIS; null: the kind's default (k-way for chains, recursive for electrolytes).</summary>
    [JsonPropertyName("recursive_metis")] public bool? RecursiveMetis { get; init; }
    /// <summary>Components of at most this many particles become one bead (the official cg_tfsi, generalised); 0 = off.</summary>
    [JsonPropertyName("whole_component_max_atoms")] public int WholeComponentMaxAtoms { get; init; }

    [JsonIgnore] public SystemKind Kind => SystemKind.Named(System, "training config (data)");
    [JsonIgnore] public string TrainSplitFile => TrainSplit ?? Kind.TrainSplit;
    [JsonIgnore] public string ValSplitFile => ValSplit ?? Kind.ValidationSplit;

    /// <summary>How this run coarse-grains its trajectories (saved with every checkpoint).</summary>
    public CgRecipe Recipe(ModelConfig model) => new()
    {
        System = System,
        CgLevel = model.CgLevel,
        RecursiveMetis = RecursiveMetis ?? Kind.RecursiveMetisByDefault,
        WholeComponentMaxAtoms = WholeComponentMaxAtoms,
    };
}

/// <summary>Adam with the official per-step schedule lr = min_lr + (lr − min_lr)·decay_rate^(step/decay_steps).</summary>
public sealed record OptimSettings
{
    [JsonPropertyName("lr")] public double Lr { get; init; } = 1e-4;
    [JsonPropertyName("betas")] public double[] Betas { get; init; } = [0.9, 0.999];
    [JsonPropertyName("eps")] public double Eps { get; init; } = 1e-8;
    [JsonPropertyName("weight_decay")] public double WeightDecay { get; init; }
    [JsonPropertyName("min_lr")] public double MinLr { get; init; } = 2e-6;
    [JsonPropertyName("decay_steps")] public double DecaySteps { get; init; } = 2e6;
    [JsonPropertyName("decay_rate")] public double DecayRate { get; init; } = 0.1;
}

/// <summary>The loop: batch size, length, clipping, validation, checkpoints, logging, seed, threads.</summary>
public sealed record LoopSettings
{
    [JsonPropertyName("batch_size")] public int BatchSize { get; init; } = 32;
    [JsonPropertyName("max_steps")] public long MaxSteps { get; init; } = 500_000;
    [JsonPropertyName("gradient_clip_val")] public double GradientClipVal { get; init; } = 20;
    /// <summary>
    /// Pushforward training (Brandstetter et al. 2022): the model first rolls the history forward
    /// this many steps minus one on its own sampled predictions (no gradient), and the loss is the
    /// one-step loss from that history against the true frame; 1 = the official one-step loss.
    /// Validation stays one-step, so validation losses compare across settings.
    /// </summary>
    [JsonPropertyName("pushforward_steps")] public int PushforwardSteps { get; init; } = 1;
    /// <summary>Validate every this many steps (and at the end).</summary>
    [JsonPropertyName("val_every")] public long ValEvery { get; init; } = 20_000;
    /// <summary>Batches per validation (windows drawn deterministically from the val split).</summary>
    [JsonPropertyName("val_batches")] public int ValBatches { get; init; } = 2000;
    [JsonPropertyName("checkpoint_every")] public long CheckpointEvery { get; init; } = 1000;
    [JsonPropertyName("log_every")] public long LogEvery { get; init; } = 10;
    [JsonPropertyName("seed")] public ulong Seed { get; init; } = 42;
    /// <summary>Threads of every libtorch pool (intra-op, inter-op, BLAS) per process; 0 = all cores. One by default: on a small or shared machine more threads only wait on each other.</summary>
    [JsonPropertyName("threads")] public int Threads { get; init; } = 1;
    [JsonPropertyName("device")] public string Device { get; init; } = "cpu";
}
