namespace MlCgMd.Torch.Serialization;

/// <summary>
/// A module-level name a pickle refers to (GLOBAL / STACK_GLOBAL), e.g. <c>torch.FloatStorage</c>.
/// It is only a name: <see cref="PickleReader"/> never imports or calls anything.
/// </summary>
public sealed record PickleGlobal(string Module, string Name)
{
    public override string ToString() => $"{Module}.{Name}";
}

/// <summary>
/// An instance a pickle builds from an allowed class (REDUCE, NEWOBJ, then BUILD, SETITEMS, APPENDS),
/// kept as data: its class name, constructor arguments, BUILD state and items. Nothing is run.
/// </summary>
public sealed class PickleObject(PickleGlobal type, object?[] arguments)
{
    public PickleGlobal Type { get; } = type;
    public object?[] Arguments { get; } = arguments;
    /// <summary>The BUILD argument (usually a dict of attributes), or null.</summary>
    public object? State { get; internal set; }
    /// <summary>Items added by SETITEM(S) (dict subclasses).</summary>
    public PickleDict DictItems { get; } = new();
    /// <summary>Items added by APPEND(S) (list subclasses).</summary>
    public List<object?> ListItems { get; } = [];

    public override string ToString() => $"{Type} object";
}

/// <summary>
/// A pickled dict, OrderedDict or defaultdict: entries in insertion order. Keys are str, int, float,
/// bool or a <see cref="PickleGlobal"/> (Lightning 1.3 keys callback states by class). BUILD on an
/// OrderedDict sets <see cref="Attributes"/> (a state_dict's <c>_metadata</c>).
/// </summary>
public sealed class PickleDict
{
    private readonly List<KeyValuePair<object, object?>> entries = [];
    private readonly Dictionary<object, int> index = [];

    public IReadOnlyList<KeyValuePair<object, object?>> Entries => entries;

    public int Count => entries.Count;

    public PickleDict? Attributes { get; internal set; }

    public object? this[object key] => index.TryGetValue(key, out int at) ? entries[at].Value : throw new KeyNotFoundException($"no key '{key}'");

    public bool TryGetValue(object key, out object? value)
    {
        bool found = index.TryGetValue(key, out int at);
        value = found ? entries[at].Value : null;
        return found;
    }

    /// <summary>Sets a key as Python does: a new key goes last, an existing one keeps its place.</summary>
    internal void Set(object? key, object? value, Func<string> where)
    {
        if (key is not (string or long or double or bool or PickleGlobal))
            throw new InvalidDataException($"{where()}: a dict key of type {PickleReader.Describe(key)} is not supported");
        if (index.TryGetValue(key, out int at)) entries[at] = new(key, value);
        else
        {
            index[key] = entries.Count;
            entries.Add(new(key, value));
        }
    }
}
