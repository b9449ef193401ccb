using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MlCgMd.Torch.Native;

namespace MlCgMd.Torch.Serialization;

/// <summary>
/// Reads and writes the safetensors format (huggingface/safetensors): an 8-byte little-endian
/// header length N, N bytes of JSON
/// <c>{"__metadata__": {str: str}, name: {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}}</c>
/// padded with spaces to a multiple of 8, then the raw little-endian tensor bytes, contiguous.
/// Tensors are laid out as the reference writer does: by dtype, widest type rank first
/// (I64, F64, F32, I32, BOOL), then by name.
/// </summary>
public static class SafeTensors
{
    // Position in the reference implementation's Dtype enum, which orders its sort.
    private static int DtypeRank(ScalarType t) => t switch
    {
        ScalarType.Bool => 0,
        ScalarType.Int32 => 1,
        ScalarType.Float32 => 2,
        ScalarType.Float64 => 3,
        ScalarType.Int64 => 4,
        _ => throw new NotSupportedException($"dtype {t} has no safetensors code"),
    };

    private static string DtypeCode(ScalarType t) => t switch
    {
        ScalarType.Bool => "BOOL",
        ScalarType.Int32 => "I32",
        ScalarType.Float32 => "F32",
        ScalarType.Float64 => "F64",
        ScalarType.Int64 => "I64",
        _ => throw new NotSupportedException($"dtype {t} has no safetensors code"),
    };

    private static ScalarType? ParseDtype(string code) => code switch
    {
        "BOOL" => ScalarType.Bool,
        "I32" => ScalarType.Int32,
        "F32" => ScalarType.Float32,
        "F64" => ScalarType.Float64,
        "I64" => ScalarType.Int64,
        _ => null,
    };

    // Guards against absurd headers in corrupt files (the reference reader uses 100 MB).
    private const long MaxHeaderBytes = 100_000_000;

    /// <summary>
    /// Writes <paramref name="tensors"/> (any device; copied to the CPU) atomically: a temporary
    /// file in the same folder is renamed over <paramref name="path"/> once complete.
    /// </summary>
    public static void Save(string path, IReadOnlyDictionary<string, Tensor> tensors,
                            IReadOnlyDictionary<string, string>? metadata = null)
    {
        RequireLittleEndian();
        var ordered = tensors.OrderByDescending(kv => DtypeRank(kv.Value.dtype))
            .ThenBy(kv => Encoding.UTF8.GetBytes(kv.Key), ByteOrder.Instance)
            .ToList();
        if (tensors.ContainsKey("__metadata__")) throw new ArgumentException("a tensor cannot be named __metadata__", nameof(tensors));

        var header = new JsonObject();
        if (metadata is not null)
        {
            var meta = new JsonObject();
            foreach ((string key, string value) in metadata) meta[key] = value;
            header["__metadata__"] = meta;
        }
        long offset = 0;
        foreach ((string name, Tensor t) in ordered)
        {
            long bytes = t.numel() * t.dtype.ElementSize();
            header[name] = new JsonObject
            {
                ["dtype"] = DtypeCode(t.dtype),
                ["shape"] = new JsonArray(t.shape.Select(s => (JsonNode)s).ToArray()),
                ["data_offsets"] = new JsonArray(offset, offset + bytes),
            };
            offset += bytes;
        }
        byte[] json = Encoding.UTF8.GetBytes(header.ToJsonString());
        int padded = (json.Length + 7) / 8 * 8;

        string fullPath = Path.GetFullPath(path);
        string temp = Path.Combine(Path.GetDirectoryName(fullPath)!, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                stream.Write(BitConverter.GetBytes((ulong)padded));
                stream.Write(json);
                for (int i = json.Length; i < padded; i++) stream.WriteByte((byte)' ');
                foreach ((_, Tensor t) in ordered) WriteData(stream, t);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, fullPath, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    // mlt_copy_to brings the tensor to the CPU and makes it contiguous first.
    private static unsafe void WriteData(Stream stream, Tensor t)
    {
        var bytes = new byte[checked(t.numel() * t.dtype.ElementSize())];
        fixed (byte* p = bytes)
        {
            NativeCheck.Status(Tensor.KeepAlive(NativeMethods.mlt_copy_to(t.Handle, p, bytes.Length, (int)t.dtype), t));
        }
        stream.Write(bytes);
    }

    /// <summary>
    /// Reads every tensor (as new CPU tensors owned by the current dispose scope, in file
    /// order) and the metadata. Corrupt or truncated files give an <see cref="InvalidDataException"/>
    /// naming the file and, where it applies, the tensor.
    /// </summary>
    public static (OrderedDictionary<string, Tensor> tensors, Dictionary<string, string> metadata) Load(string path)
    {
        RequireLittleEndian();
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        long fileLength = stream.Length;
        if (fileLength < 8) throw Corrupt(path, $"the file has {fileLength} bytes, fewer than the 8-byte header length");
        Span<byte> lengthBytes = stackalloc byte[8];
        stream.ReadExactly(lengthBytes);
        ulong headerLength = BitConverter.ToUInt64(lengthBytes);
        if (headerLength > MaxHeaderBytes || (long)headerLength > fileLength - 8)
            throw Corrupt(path, $"the header length {headerLength} exceeds the {fileLength - 8} bytes after it (truncated or not a safetensors file)");
        var headerBytes = new byte[headerLength];
        stream.ReadExactly(headerBytes);

        JsonObject header;
        try
        {
            header = JsonNode.Parse(headerBytes) as JsonObject ?? throw Corrupt(path, "the header is not a JSON object");
        }
        catch (JsonException e)
        {
            throw Corrupt(path, $"the header is not valid JSON ({e.Message})");
        }

        var metadata = new Dictionary<string, string>();
        var entries = new List<Entry>();
        foreach ((string name, JsonNode? node) in header)
        {
            if (name == "__metadata__")
            {
                if (node is not JsonObject meta) throw Corrupt(path, "__metadata__ is not an object");
                foreach ((string key, JsonNode? value) in meta)
                    metadata[key] = value is JsonValue v && v.TryGetValue(out string? s) ? s
                        : throw Corrupt(path, $"metadata value '{key}' is not a string");
                continue;
            }
            entries.Add(ParseEntry(path, name, node));
        }

        long dataLength = fileLength - 8 - (long)headerLength;
        entries.Sort((a, b) => a.Begin.CompareTo(b.Begin));
        long expectedBegin = 0;
        foreach (Entry e in entries)
        {
            if (e.Begin != expectedBegin)
                throw Corrupt(path, $"tensor '{e.Name}' starts at byte {e.Begin} of the data but the previous tensor ends at {expectedBegin} (offsets must be contiguous)");
            expectedBegin = e.End;
        }
        if (expectedBegin != dataLength)
            throw Corrupt(path, expectedBegin > dataLength
                ? $"tensor '{entries.First(e => e.End > dataLength).Name}' ends at data byte {entries.First(e => e.End > dataLength).End} but only {dataLength} data bytes follow the header (truncated file)"
                : $"the header covers {expectedBegin} data bytes but {dataLength} follow it");

        var tensors = new OrderedDictionary<string, Tensor>();
        try
        {
            foreach (Entry e in entries) tensors[e.Name] = ReadTensor(stream, e);
        }
        catch
        {
            foreach (Tensor t in tensors.Values) t.Dispose();
            throw;
        }
        return (tensors, metadata);
    }

    private readonly record struct Entry(string Name, ScalarType Dtype, long[] Shape, long Begin, long End);

    private static Entry ParseEntry(string path, string name, JsonNode? node)
    {
        if (node is not JsonObject info) throw Corrupt(path, $"tensor '{name}': the entry is not an object");
        string code = info["dtype"] is JsonValue d && d.TryGetValue(out string? s) ? s
            : throw Corrupt(path, $"tensor '{name}': missing dtype");
        ScalarType dtype = ParseDtype(code) ?? throw Corrupt(path, $"tensor '{name}': unsupported dtype '{code}' (expected F32, F64, I64, I32 or BOOL)");
        long[] shape = Longs(path, name, info["shape"], "shape");
        long[] offsets = Longs(path, name, info["data_offsets"], "data_offsets");
        if (offsets.Length != 2 || offsets[1] < offsets[0])
            throw Corrupt(path, $"tensor '{name}': data_offsets must be [begin, end] with begin <= end");
        long numel = 1;
        foreach (long dim in shape) numel = checked(numel * dim);
        long bytes = checked(numel * dtype.ElementSize());
        if (offsets[1] - offsets[0] != bytes)
            throw Corrupt(path, $"tensor '{name}': shape [{string.Join(", ", shape)}] of {code} needs {bytes} bytes but data_offsets span {offsets[1] - offsets[0]}");
        return new Entry(name, dtype, shape, offsets[0], offsets[1]);
    }

    private static long[] Longs(string path, string name, JsonNode? node, string field)
    {
        if (node is not JsonArray array) throw Corrupt(path, $"tensor '{name}': missing {field}");
        var values = new long[array.Count];
        for (int i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonValue v || !v.TryGetValue(out long value) || value < 0)
                throw Corrupt(path, $"tensor '{name}': {field} must hold non-negative integers");
            values[i] = value;
        }
        return values;
    }

    private static unsafe Tensor ReadTensor(FileStream stream, Entry e)
    {
        var bytes = new byte[e.End - e.Begin];
        stream.ReadExactly(bytes);
        fixed (byte* p = bytes)
        {
            return new Tensor(NativeMethods.mlt_from_data(p, bytes.Length, e.Shape, e.Shape.Length, (int)e.Dtype, 0));
        }
    }

    private static InvalidDataException Corrupt(string path, string message) =>
        new($"'{path}' is not a valid safetensors file: {message}");

    private static void RequireLittleEndian()
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("safetensors I/O assumes a little-endian machine");
    }

    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
