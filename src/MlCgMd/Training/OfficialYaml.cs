using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MlCgMd.Training;

/// <summary>
/// Reads an official hydra config file (graphwm/conf/model/chain.yaml, ...) into JSON, typing plain
/// scalars as OmegaConf's YAML loader does: null/~, true/false, integers, floats including exponent
/// forms without a dot (2e6, 1e-4), everything else a string (interpolations such as ${data.dimension} too).
/// </summary>
public static partial class OfficialYaml
{
    public static JsonObject Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"config '{path}' does not exist", path);
        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(path);
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            throw new InvalidDataException($"{path}: not valid YAML at line {e.Start.Line}: {e.Message}", e);
        }
        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new InvalidDataException($"{path}: expected one YAML document holding a mapping");
        return (JsonObject)Convert(root, path)!;
    }

    private static JsonNode? Convert(YamlNode node, string path) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(kv =>
            KeyValuePair.Create(kv.Key is YamlScalarNode { Value: { } key } ? key
                : throw new InvalidDataException($"{path} line {kv.Key.Start.Line}: mapping keys must be scalars"), Convert(kv.Value, path)))),
        YamlSequenceNode list => new JsonArray(list.Children.Select(item => Convert(item, path)).ToArray()),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new InvalidDataException($"{path} line {node.Start.Line}: unsupported YAML node"),
    };

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        string text = scalar.Value ?? "";
        if (scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any)) return JsonValue.Create(text);
        if (text is "" or "~" or "null" or "Null" or "NULL") return null;
        if (text is "true" or "True" or "TRUE") return JsonValue.Create(true);
        if (text is "false" or "False" or "FALSE") return JsonValue.Create(false);
        if (IntegerPattern().IsMatch(text) && long.TryParse(text.Replace("_", ""), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long n))
            return JsonValue.Create(n);
        if (FloatPattern().IsMatch(text) && double.TryParse(text.Replace("_", ""), NumberStyles.Float, CultureInfo.InvariantCulture, out double d))
            return JsonValue.Create(d);
        return JsonValue.Create(text);
    }

    [GeneratedRegex(@"^[-+]?[0-9][0-9_]*$")]
    private static partial Regex IntegerPattern();

    // OmegaConf's float resolver: with a dot, or an exponent without one (PyYAML alone reads 1e-4 as a string).
    [GeneratedRegex(@"^[-+]?(?:[0-9][0-9_]*\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[0-9][0-9_]*[eE][-+]?[0-9]+|\.[0-9_]+(?:[eE][-+]?[0-9]+)?)$")]
    private static partial Regex FloatPattern();
}
