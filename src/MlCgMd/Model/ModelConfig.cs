using System.Text.Json;
using System.Text.Json.Serialization;
using MlCgMd.Model.Priors;

namespace MlCgMd.Model;

/// <summary>
/// Hyperparameters of the learned simulator, with the official graphwm/conf/model/*.yaml
/// names. Defaults are the paper's chain model (GNS + Rg head, no Score GNN).
/// A non-null <see cref="ScoreGn"/> makes the model the official PnR (predict-then-refine).
/// </summary>
public sealed record ModelConfig
{
    [JsonPropertyName("dimension")] public int Dimension { get; init; } = 3;
    /// <summary>
    /// Particles are weighted by mass (battery) instead of 1 (chain). The weights themselves come
    /// with the batch from the system kind; this official flag must agree with it.
    /// </summary>
    [JsonPropertyName("use_atom_mass")] public bool UseAtomMass { get; init; }
    /// <summary>Append the (CG) weight to node features.</summary>
    [JsonPropertyName("use_weights")] public bool UseWeights { get; init; }
    /// <summary>History frames the dynamics network reads (velocities: seq_len − 1).</summary>
    [JsonPropertyName("seq_len")] public int SeqLen { get; init; } = 30;
    /// <summary>Recorded frames per model step.</summary>
    [JsonPropertyName("dilation")] public int Dilation { get; init; } = 1;
    [JsonPropertyName("num_ptypes")] public int NumPtypes { get; init; } = 5;
    /// <summary>Fine bond types; 0 disables the bond-type embedding.</summary>
    [JsonPropertyName("num_btypes")] public int NumBtypes { get; init; }
    /// <summary>Fine particles per CG bead: beads = round(n / cg_level).</summary>
    [JsonPropertyName("cg_level")] public int CgLevel { get; init; } = 100;
    /// <summary>Radius of the CG graph, in length units (σ for the chain, Å for the battery).</summary>
    [JsonPropertyName("radius")] public double Radius { get; init; } = 200;
    /// <summary>Floor of the predicted acceleration standard deviation.</summary>
    [JsonPropertyName("min_std")] public double MinStd { get; init; } = 0.1;
    [JsonPropertyName("type_emb_size")] public int TypeEmbSize { get; init; } = 32;
    /// <summary>Which dynamics network reads the CG graph (<see cref="DynamicsNetworks"/>); "gns" is the official one.</summary>
    [JsonPropertyName("dynamics_network")] public string DynamicsNetwork { get; init; } = GnsDynamics.Name;
    /// <summary>Size of the dynamics network; its latent_dim is also the width of the bead embeddings and node latents.</summary>
    [JsonPropertyName("dynamics_gn_hparams")] public GnHyperparameters DynamicsGn { get; init; } = new(128, 128, 2, 7);
    /// <summary>Embedding GNN on the fine graph; null uses the type embedding alone.</summary>
    [JsonPropertyName("embedding_gn_hparams")] public GnHyperparameters? EmbeddingGn { get; init; } = new(64, 64, 2, 7);
    /// <summary>Score GNN (PnR refinement); null for the plain GNS model.</summary>
    [JsonPropertyName("score_gn_hparams")] public GnHyperparameters? ScoreGn { get; init; }
    /// <summary>Rg property head; null disables it.</summary>
    [JsonPropertyName("property_net_hparams")] public PropertyNetHyperparameters? PropertyNet { get; init; } = new(256, 2, 1);

    // Noise augmentation of the history (multi-scale, per graph).
    [JsonPropertyName("noise_method")] public string NoiseMethod { get; init; } = "multi_scale";
    [JsonPropertyName("noise_target")] public string NoiseTarget { get; init; } = "pos";
    [JsonPropertyName("noise_begin")] public double NoiseBegin { get; init; } = 0.1;
    [JsonPropertyName("noise_end")] public double NoiseEnd { get; init; } = 0.01;
    [JsonPropertyName("noise_level")] public int NoiseLevel { get; init; } = 10;

    // Score GNN: denoising score matching levels and annealed Langevin refinement.
    [JsonPropertyName("sigma_begin")] public double SigmaBegin { get; init; } = 10;
    [JsonPropertyName("sigma_end")] public double SigmaEnd { get; init; } = 0.01;
    [JsonPropertyName("sigma_level")] public int SigmaLevel { get; init; } = 20;
    [JsonPropertyName("anneal_power")] public double AnnealPower { get; init; } = 2;
    [JsonPropertyName("step_per_sigma")] public int StepPerSigma { get; init; } = 5;
    [JsonPropertyName("step_size")] public double StepSize { get; init; } = 1e-4;
    /// <summary>
    /// "constant" (official): ε at every level; "sigma_squared" (NCSN, Song &amp; Ermon 2019):
    /// ε·(σ_i/σ_min)², so each level takes steps in proportion to its noise variance.
    /// </summary>
    [JsonPropertyName("step_size_schedule")] public string StepSizeSchedule { get; init; } = RefinementOptions.Constant;

    /// <summary>CG prior potentials whose acceleration the dynamics network's mean is added to; null: none (official).</summary>
    [JsonPropertyName("prior")] public CgPriorParameters? Prior { get; init; }

    /// <summary>Whether the model carries a Score GNN (the official PnR class).</summary>
    [JsonIgnore] public bool HasScoreGn => ScoreGn is not null;

    /// <summary>The paper's chain model (graphwm/conf/model/chain.yaml).</summary>
    public static ModelConfig PaperChain() => new();

    /// <summary>The paper's battery model (graphwm/conf/model/battery.yaml): PnR, atomic masses, periodic.</summary>
    public static ModelConfig PaperBattery() => new()
    {
        UseAtomMass = true,
        UseWeights = true,
        SeqLen = 20,
        Dilation = 100,
        NumPtypes = 20,
        NumBtypes = 100,
        CgLevel = 7,
        Radius = 6.0,
        MinStd = 0.05,
        ScoreGn = new GnHyperparameters(128, 128, 2, 7),
        PropertyNet = null,
        NoiseLevel = 20,
        StepPerSigma = 10,
        StepSize = 5e-5,
    };

    /// <summary>Checks ranges; throws naming the field and the expectation.</summary>
    public void Validate(string source = "model config")
    {
        void Require(bool ok, string field, string expectation)
        {
            if (!ok) throw new InvalidDataException($"{source}: field '{field}' {expectation}");
        }
        Require(Dimension is 2 or 3, "dimension", "must be 2 or 3");
        Require(SeqLen >= 2, "seq_len", "must be at least 2 (velocities need two frames)");
        Require(Dilation >= 1, "dilation", "must be at least 1");
        Require(NumPtypes >= 1, "num_ptypes", "must be at least 1");
        Require(NumBtypes >= 0, "num_btypes", "must be >= 0");
        Require(CgLevel >= 1, "cg_level", "must be at least 1");
        Require(Radius > 0, "radius", "must be positive");
        Require(MinStd > 0, "min_std", "must be positive");
        Require(NoiseMethod is "multi_scale" or "none", "noise_method", "must be 'multi_scale' or 'none'");
        Require(NoiseTarget == "pos", "noise_target", "must be 'pos' (the official setting)");
        Require(NoiseBegin > 0 && NoiseEnd > 0 && NoiseLevel >= 1, "noise_begin/noise_end/noise_level", "must be positive");
        Require(SigmaBegin > 0 && SigmaEnd > 0 && SigmaLevel >= 1, "sigma_begin/sigma_end/sigma_level", "must be positive");
        Require(StepPerSigma >= 0 && StepSize > 0, "step_per_sigma/step_size", "must be >= 0 and > 0");
        Require(RefinementOptions.IsKnownSchedule(StepSizeSchedule), "step_size_schedule",
            $"must be {RefinementOptions.ScheduleChoices}");
        // A field missing from a network block reads as 0: a network of width 0.
        foreach (var (name, gn) in new[] { ("dynamics_gn_hparams", DynamicsGn), ("embedding_gn_hparams", EmbeddingGn), ("score_gn_hparams", ScoreGn) })
            if (gn is not null)
                Require(gn.LatentDim >= 1 && gn.Units >= 1 && gn.Layers >= 1 && gn.MpSteps >= 1, name,
                    $"must give latent_dim, units, layers and mp_steps, each at least 1 (got {gn.LatentDim}, {gn.Units}, {gn.Layers}, {gn.MpSteps})");
        if (PropertyNet is { } net)
            Require(net.Units >= 1 && net.Layers >= 1 && net.OutDim >= 1, "property_net_hparams",
                $"must give units, layers and out_dim, each at least 1 (got {net.Units}, {net.Layers}, {net.OutDim})");
        Prior?.Validate(source);
    }

    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        // Run state legitimately holds ±Infinity/NaN (e.g. no validation yet): write them as named literals.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}

/// <summary>The Rg head's MLP (the official property_net_hparams).</summary>
public sealed record PropertyNetHyperparameters(
    [property: JsonPropertyName("units")] int Units,
    [property: JsonPropertyName("layers")] int Layers,
    [property: JsonPropertyName("out_dim")] int OutDim);
