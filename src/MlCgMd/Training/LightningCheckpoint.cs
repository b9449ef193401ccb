using System.Text.Json.Nodes;
using MlCgMd.Torch.Serialization;

namespace MlCgMd.Training;

/// <summary>
/// A PyTorch Lightning checkpoint (<c>.ckpt</c>, as the official code writes <c>ckpts/*/last.ckpt</c>),
/// read without Python: the model's <c>state_dict</c> and the <c>hyper_parameters</c> GraphSim saved,
/// converted from OmegaConf containers (hydra hands them over as DictConfig) to plain JSON. The reader
/// allows exactly what such a file holds — tensors and storages, OrderedDict, OmegaConf's containers,
/// nodes and metadata as inert data, typing.Any and builtin types, and Lightning callback classes as
/// the keys of <c>callbacks</c> — and refuses any other name in the pickle.
/// </summary>
public sealed record LightningCheckpoint(
    string Path,
    IReadOnlyDictionary<string, StoredTensor> StateDict,
    JsonObject? HyperParameters,
    long? Epoch,
    long? GlobalStep,
    string? LightningVersion)
{
    private static readonly HashSet<string> OmegaConfClasses =
    [
        "omegaconf.dictconfig.DictConfig", "omegaconf.listconfig.ListConfig", "omegaconf.base.ContainerMetadata",
        "omegaconf.base.Metadata", "omegaconf.nodes.AnyNode", "omegaconf.nodes.StringNode", "omegaconf.nodes.IntegerNode",
        "omegaconf.nodes.FloatNode", "omegaconf.nodes.BooleanNode",
    ];

    private static readonly HashSet<string> BuiltinTypes = ["dict", "list", "tuple", "int", "float", "str", "bool", "object"];

    private static readonly TorchArchive.Allowed Allowed = new(
        InertClasses: g => OmegaConfClasses.Contains(g.ToString()),
        References: g => (g.Module == "typing" && g.Name == "Any")
                         || (g.Module == "builtins" && BuiltinTypes.Contains(g.Name))
                         || g.Module.StartsWith("pytorch_lightning.callbacks", StringComparison.Ordinal));

    public static LightningCheckpoint Read(string path)
    {
        object? root = TorchArchive.Load(path, Allowed);
        if (root is not PickleDict top)
            throw new InvalidDataException($"'{path}': the checkpoint is a {PickleReader.Describe(root)}, expected a dict");
        if (!top.TryGetValue("state_dict", out object? weights) || weights is not PickleDict stateDict)
            throw new InvalidDataException($"'{path}': no 'state_dict' dict at the top level (is this a Lightning checkpoint?)");
        var tensors = new Dictionary<string, StoredTensor>();
        foreach (var (key, value) in stateDict.Entries)
            tensors[key as string ?? throw new InvalidDataException($"'{path}': a state_dict key is a {PickleReader.Describe(key)}")] =
                value as StoredTensor ?? throw new InvalidDataException($"'{path}': state_dict['{key}'] is a {PickleReader.Describe(value)}, expected a tensor");
        JsonObject? hyperParameters = top.TryGetValue("hyper_parameters", out object? h) && h is not null
            ? ToJson(h, path, "hyper_parameters") as JsonObject
              ?? throw new InvalidDataException($"'{path}': hyper_parameters is a {PickleReader.Describe(h)}, expected a dict")
            : null;
        return new LightningCheckpoint(path, tensors, hyperParameters, Number(top, "epoch"), Number(top, "global_step"),
            top.TryGetValue("pytorch-lightning_version", out object? v) ? v as string : null);
    }

    private static long? Number(PickleDict dict, string key) => dict.TryGetValue(key, out object? v) && v is long n ? n : null;

    /// <summary>
    /// Plain values, dicts and lists as JSON; a DictConfig / ListConfig as its <c>_content</c>, a value
    /// node as its <c>_val</c> (interpolations stay "${...}" strings). Parent links are not followed.
    /// </summary>
    private static JsonNode? ToJson(object? value, string path, string where) => value switch
    {
        null => null,
        string s => JsonValue.Create(s),
        long n => JsonValue.Create(n),
        double d => JsonValue.Create(d),
        bool b => JsonValue.Create(b),
        List<object?> list => new JsonArray(list.Select((item, i) => ToJson(item, path, $"{where}[{i}]")).ToArray()),
        object?[] tuple => new JsonArray(tuple.Select((item, i) => ToJson(item, path, $"{where}[{i}]")).ToArray()),
        PickleDict dict => Object(dict, path, where),
        PickleObject { Type.Name: "DictConfig" or "ListConfig" } container => ToJson(State(container, "_content", path, where), path, where),
        PickleObject { Type.Module: "omegaconf.nodes" } node => ToJson(State(node, "_val", path, where), path, where),
        PickleGlobal g => JsonValue.Create(g.ToString()),
        StoredTensor t => JsonValue.Create($"<tensor {t.DtypeName} [{string.Join(", ", t.Shape)}]>"),
        _ => throw new InvalidDataException($"'{path}': {where} is a {PickleReader.Describe(value)}, which hyperparameters cannot hold"),
    };

    private static JsonObject Object(PickleDict dict, string path, string where)
    {
        var json = new JsonObject();
        foreach (var (key, item) in dict.Entries)
        {
            string name = key as string ?? throw new InvalidDataException($"'{path}': {where} has a {PickleReader.Describe(key)} key");
            json[name] = ToJson(item, path, $"{where}.{name}");
        }
        return json;
    }

    private static object? State(PickleObject o, string field, string path, string where) =>
        o.State is PickleDict state && state.TryGetValue(field, out object? value)
            ? value
            : throw new InvalidDataException($"'{path}': {where} is a {o.Type} without '{field}' in its state");
}
