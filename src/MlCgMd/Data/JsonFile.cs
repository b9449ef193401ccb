using System.Text.Json;

namespace MlCgMd.Data;

/// <summary>Reads one JSON document into a record; a missing, empty or malformed file is an error naming it and what it should hold.</summary>
public static class JsonFile
{
    /// <param name="what">what the file holds, for messages, e.g. "training config"</param>
    public static T Read<T>(string path, JsonSerializerOptions options, string what) where T : class
    {
        OutputFolder.RequireRegularFile(path, what);
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

    /// <summary>Parses a JSON file (comments and trailing commas allowed); malformed JSON is an error naming the file, line and byte.</summary>
    /// <param name="what">what the file holds, for messages, e.g. "dataset config"</param>
    public static JsonDocument Parse(string path, string what)
    {
        OutputFolder.RequireRegularFile(path, what);
        try
        {
            return JsonDocument.Parse(File.ReadAllText(path),
                new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a valid {what}: {e.Message}", e);
        }
    }
}
