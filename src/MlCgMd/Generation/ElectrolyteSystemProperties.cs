using System.Text.Json;
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
    [property: JsonPropertyName("md_seconds")] double MdSeconds)
{
    /// <summary>
    /// The properties.json of system <paramref name="systemName"/> in an electrolyte dataset folder;
    /// <paramref name="purpose"/> says in the error why it is needed.
    /// </summary>
    public static ElectrolyteSystemProperties Read(string dataDirectory, string systemName, string purpose)
    {
        string path = Path.Combine(dataDirectory, systemName, ElectrolyteDatasetGenerator.PropertiesFile);
        if (!File.Exists(path)) throw new FileNotFoundException($"'{path}' is missing: {purpose}", path);
        try
        {
            return JsonSerializer.Deserialize<ElectrolyteSystemProperties>(File.ReadAllText(path))
                   ?? throw new InvalidDataException($"'{path}' holds no properties");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{path}': not the properties.json mlcgmd generate writes ({e.Message})");
        }
    }
}
