using System.Text.Json;

namespace MlCgMd.Data;

/// <summary>Reads one JSON document into a record; a missing, empty or malformed file is an error naming it and what it should hold.</summary>
public static class JsonFile
{
    /// <param name="what">what the file holds, for messages, e.g. "training config"</param>
    public static T Read<T>(string path, JsonSerializerOptions options, string what) where T : class
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{what} '{path}' does not exist", path);
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), options)
                   ?? throw new InvalidDataException($"{path}: empty {what}");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a valid {what}: {e.Message}", e);
        }
    }
}
