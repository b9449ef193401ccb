using System.Text.Json.Serialization;

namespace MlCgMd.Evaluation;

/// <summary>Simulated time per wall-clock second of one engine on a set of systems, measured in one run.</summary>
public sealed record SpeedMeasurement(
    [property: JsonPropertyName("engine")] string Engine,
    [property: JsonPropertyName("systems")] int Systems,
    [property: JsonPropertyName("simulated_tau_per_system")] double SimulatedTauPerSystem,
    [property: JsonPropertyName("wall_seconds")] double WallSeconds)
{
    /// <summary>Total simulated τ (all systems) per wall-clock second.</summary>
    [JsonPropertyName("tau_per_second")]
    public double TauPerSecond => Systems * SimulatedTauPerSystem / WallSeconds;
}
