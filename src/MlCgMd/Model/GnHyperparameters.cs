using System.Text.Json.Serialization;

namespace MlCgMd.Model;

/// <summary>Size of one EncodeProcessDecode network (the official *_gn_hparams dictionaries).</summary>
public sealed record GnHyperparameters(
    [property: JsonPropertyName("latent_dim")] int LatentDim,
    [property: JsonPropertyName("units")] int Units,
    [property: JsonPropertyName("layers")] int Layers,
    [property: JsonPropertyName("mp_steps")] int MpSteps);
