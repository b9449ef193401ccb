using System.IO.Compression;
using System.Text;

namespace MlCgMd.Torch.Serialization;

/// <summary>
/// Reads a file written by <c>torch.save</c> (PyTorch ≥ 1.6): a zip holding <c>PREFIX/data.pkl</c>
/// (the pickled object, protocol 2), <c>PREFIX/data/KEY</c> (one file of raw little-endian bytes per
/// storage) and <c>PREFIX/version</c>. The pickle goes through <see cref="PickleReader"/>: tensors are
/// rebuilt as <see cref="StoredTensor"/> (from <c>torch._utils._rebuild_tensor_v2</c> and the storage
/// persistent ids), OrderedDict and defaultdict as <see cref="PickleDict"/>, and any other global must
/// be allowed by the caller — as an inert class (kept as a <see cref="PickleObject"/>) or as a plain
/// reference. No Python runs and nothing named in the file is called.
/// </summary>
public static class TorchArchive
{
    private static readonly Dictionary<string, (string Dtype, ScalarType? Type, int Size)> Storages = new()
    {
        ["FloatStorage"] = ("float32", ScalarType.Float32, 4),
        ["DoubleStorage"] = ("float64", ScalarType.Float64, 8),
        ["LongStorage"] = ("int64", ScalarType.Int64, 8),
        ["IntStorage"] = ("int32", ScalarType.Int32, 4),
        ["BoolStorage"] = ("bool", ScalarType.Bool, 1),
        ["HalfStorage"] = ("float16", null, 2),
        ["BFloat16Storage"] = ("bfloat16", null, 2),
        ["ShortStorage"] = ("int16", null, 2),
        ["CharStorage"] = ("int8", null, 1),
        ["ByteStorage"] = ("uint8", null, 1),
    };

    private static readonly PickleGlobal OrderedDict = new("collections", "OrderedDict"),
        DefaultDict = new("collections", "defaultdict"),
        RebuildTensor = new("torch._utils", "_rebuild_tensor_v2"),
        RebuildParameter = new("torch._utils", "_rebuild_parameter");

    /// <summary>What a caller allows beyond tensors, storages and OrderedDict.</summary>
    /// <param name="InertClasses">classes whose instances may be rebuilt as data (<see cref="PickleObject"/>)</param>
    /// <param name="References">names that may appear as values only (never called), e.g. typing.Any</param>
    public sealed record Allowed(Func<PickleGlobal, bool> InertClasses, Func<PickleGlobal, bool> References);

    /// <returns>The unpickled object: nested dicts, lists, tuples, primitives and <see cref="StoredTensor"/>s.</returns>
    public static object? Load(string path, Allowed? allowed = null)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"checkpoint '{path}' does not exist", path);
        using FileStream stream = File.OpenRead(path);
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(stream, ZipArchiveMode.Read);
        }
        catch (InvalidDataException)
        {
            stream.Position = 0;
            int first = stream.ReadByte();
            throw new InvalidDataException(first == 0x80
                ? $"'{path}' is a legacy torch.save file (PyTorch before 1.6, a bare pickle); load it with PyTorch and " +
                  "save it again (torch.save(torch.load(f), f)) to get the zip format this reader takes"
                : $"'{path}' is not a PyTorch checkpoint: torch.save writes a zip archive, this file is not one");
        }
        using (zip)
        {
            var pickles = zip.Entries.Where(e => e.FullName.EndsWith("/data.pkl", StringComparison.Ordinal)
                                                 && e.FullName.Count(c => c == '/') == 1).ToList();
            if (pickles.Count != 1)
                throw new InvalidDataException($"'{path}': expected one PREFIX/data.pkl in the archive, found {pickles.Count}");
            string prefix = pickles[0].FullName[..^"data.pkl".Length];
            if (zip.GetEntry(prefix + "byteorder") is { } order && Text(order) != "little")
                throw new InvalidDataException($"'{path}': storages are '{Text(order)}'-endian; only little-endian archives are supported");
            var hooks = new Hooks(zip, prefix, path, allowed ?? new Allowed(_ => false, _ => false));
            return PickleReader.Read(Bytes(pickles[0]), $"'{path}' entry {pickles[0].FullName}", hooks);
        }
    }

    private static byte[] Bytes(ZipArchiveEntry entry)
    {
        using Stream input = entry.Open();
        using var buffer = new MemoryStream();
        input.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static string Text(ZipArchiveEntry entry) => Encoding.ASCII.GetString(Bytes(entry)).Trim();

    /// <summary>A storage named by a persistent id: its bytes, read once and shared by all its views.</summary>
    private sealed record Storage(string Key, string Dtype, ScalarType? Type, int ElementSize, long Numel, byte[] Bytes);

    private sealed class Hooks(ZipArchive zip, string prefix, string path, Allowed allowed) : PickleReader.IPickleHooks
    {
        private readonly Dictionary<string, Storage> storages = [];

        public bool Allows(PickleGlobal g) =>
            g == OrderedDict || g == DefaultDict || g == RebuildTensor || g == RebuildParameter
            || (g.Module == "torch" && Storages.ContainsKey(g.Name))
            || allowed.InertClasses(g) || allowed.References(g);

        public object? Call(PickleGlobal callable, object?[] arguments, bool newObject, Func<string> where)
        {
            if (!newObject && (callable == OrderedDict || callable == DefaultDict))
            {
                var dict = new PickleDict();
                // OrderedDict(pairs) carries its items; defaultdict(factory) only its (inert) factory.
                if (callable == OrderedDict && arguments is [List<object?> pairs])
                    foreach (object? pair in pairs)
                        if (pair is object?[] { Length: 2 } kv) dict.Set(kv[0], kv[1], where);
                        else throw new InvalidDataException($"{where()}: OrderedDict items must be (key, value) pairs");
                return dict;
            }
            if (!newObject && callable == RebuildTensor) return TensorView(arguments, where);
            if (!newObject && callable == RebuildParameter)
                return arguments is [StoredTensor data, ..] ? data
                    : throw new InvalidDataException($"{where()}: _rebuild_parameter needs a tensor first");
            if (allowed.InertClasses(callable)) return new PickleObject(callable, arguments);
            throw new InvalidDataException(
                $"{where()}: the pickle calls '{callable}', which this reader does not rebuild; refusing to load it (nothing was executed)");
        }

        public object? PersistentLoad(object? id, Func<string> where)
        {
            if (id is not object?[] { Length: 5 } fields || fields[0] is not "storage" || fields[1] is not PickleGlobal type
                || fields[2] is not string key || fields[4] is not long numel)
                throw new InvalidDataException($"{where()}: persistent id {PickleReader.Describe(id)} is not a torch storage reference");
            if (type.Module != "torch" || !Storages.TryGetValue(type.Name, out var dtype))
                throw new InvalidDataException($"{where()}: storage type '{type}' is not supported");
            if (storages.TryGetValue(key, out Storage? known)) return known;
            ZipArchiveEntry entry = zip.GetEntry(prefix + "data/" + key)
                                    ?? throw new InvalidDataException($"'{path}': storage {key} named in the pickle is missing from the archive");
            byte[] bytes = Bytes(entry);
            if (bytes.LongLength != numel * dtype.Size)
                throw new InvalidDataException(
                    $"'{path}': storage {key} holds {bytes.LongLength} bytes, expected {numel} {dtype.Dtype} elements ({numel * dtype.Size} bytes)");
            return storages[key] = new Storage(key, dtype.Dtype, dtype.Type, dtype.Size, numel, bytes);
        }

        /// <summary>_rebuild_tensor_v2(storage, offset, size, stride, requires_grad, backward_hooks[, metadata]).</summary>
        private static StoredTensor TensorView(object?[] a, Func<string> where)
        {
            if (a.Length is < 6 or > 7 || a[0] is not Storage storage || a[1] is not long offset
                || a[2] is not object?[] size || a[3] is not object?[] stride || size.Length != stride.Length
                || size.Any(s => s is not long) || stride.Any(s => s is not long))
                throw new InvalidDataException($"{where()}: _rebuild_tensor_v2 arguments are not (storage, offset, size, stride, ...)");
            long[] shape = size.Cast<long>().ToArray(), strides = stride.Cast<long>().ToArray();
            long last = offset + shape.Zip(strides, (n, s) => n == 0 ? 0 : (n - 1) * s).Sum();
            bool empty = shape.Any(n => n == 0);
            if (offset < 0 || shape.Any(n => n < 0) || strides.Any(s => s < 0) || (!empty && last >= storage.Numel))
                throw new InvalidDataException(
                    $"{where()}: a tensor of shape [{string.Join(", ", shape)}] at offset {offset} reaches past storage {storage.Key} " +
                    $"({storage.Numel} elements)");
            return new StoredTensor(storage.Key, storage.Dtype, storage.Type, storage.ElementSize, storage.Bytes, offset, shape, strides);
        }
    }
}
