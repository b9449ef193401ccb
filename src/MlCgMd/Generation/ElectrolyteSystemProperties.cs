using System.Text.Json.Serialization;
using MlCgMd.Analysis;

namespace MlCgMd.Generation;

/// <summary>
/// properties.json of one generated electrolyte system: its transport and structure
/// (<see cref="ElectrolyteProperties"/>), the mean kinetic temperature of the production frames
/// (epsilon), the largest force the push-off left (epsilon/sigma) and the wall time of packing,
/// equilibration and production (s).
/// </summary>
public sealed record ElectrolyteSystemProperties(
    [property: JsonPropertyName("properties")] ElectrolyteProperties Properties,
    [property: JsonPropertyName("mean_kinetic_temperature")] double MeanKineticTemperature,
    [property: JsonPropertyName("push_off_max_force")] double PushOffMaxForce,
    [property: JsonPropertyName("md_seconds")] double MdSeconds);
