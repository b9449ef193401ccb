using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using MlCgMd.Torch.Serialization;

namespace MlCgMd.Torch.Tests;

public sealed class SafeTensorsTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("mlcgmd-safetensors-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>Every supported dtype, a dotted name, an empty and a 0-d tensor.</summary>
    private static Dictionary<string, Tensor> Sample() => new()
    {
        ["_encode._node_mlp.0.weight"] = torch.tensor(new[] { 1.5f, -2.25f, float.MaxValue, float.Epsilon, 0, -0f }, [2, 3]),
        ["double"] = torch.tensor(new[] { Math.PI, -1e300, double.NaN }),
        ["long"] = torch.tensor(new[] { long.MinValue, 0, long.MaxValue }, [3, 1]),
        ["int"] = torch.tensor(new[] { int.MinValue, 7 }),
        ["mask"] = torch.tensor(new[] { true, false, true }),
        ["empty"] = torch.zeros([0, 4]),
        ["scalar"] = torch.tensor(42.0),
    };

    [Fact]
    public void Round_trip_is_exact_for_every_dtype_shape_and_metadata()
    {
        using var scope = torch.NewDisposeScope();
        string path = Path.Combine(folder, "model.safetensors");
        var tensors = Sample();
        var metadata = new Dictionary<string, string> { ["format"] = "pt", ["step"] = "1200" };

        SafeTensors.Save(path, tensors, metadata);
        (var loaded, var loadedMetadata) = SafeTensors.Load(path);

        Assert.Equal(metadata, loadedMetadata);
        Assert.Equal(tensors.Keys.Order(), loaded.Keys.Order());
        foreach ((string name, Tensor expected) in tensors)
        {
            Tensor actual = loaded[name];
            Assert.Equal(expected.dtype, actual.dtype);
            Assert.Equal(expected.shape, actual.shape);
            Assert.Equal(Bytes(expected), Bytes(actual));
        }
        Assert.Empty(Directory.GetFiles(folder, "*.tmp"));
    }

    private static byte[] Bytes(Tensor t) => t.dtype switch
    {
        ScalarType.Float32 => MemoryMarshalBytes(t.ToArray<float>()),
        ScalarType.Float64 => MemoryMarshalBytes(t.ToArray<double>()),
        ScalarType.Int64 => MemoryMarshalBytes(t.ToArray<long>()),
        ScalarType.Int32 => MemoryMarshalBytes(t.ToArray<int>()),
        _ => t.ToArray<bool>().Select(b => b ? (byte)1 : (byte)0).ToArray(),
    };

    private static byte[] MemoryMarshalBytes<T>(T[] values) where T : unmanaged =>
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).ToArray();

    [Fact]
    public void Header_is_aligned_json_with_contiguous_offsets_in_reference_order()
    {
        using var scope = torch.NewDisposeScope();
        string path = Path.Combine(folder, "layout.safetensors");
        SafeTensors.Save(path, Sample(), new Dictionary<string, string> { ["note"] = "x" });
        byte[] file = File.ReadAllBytes(path);

        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(file);
        Assert.Equal(0UL, headerLength % 8);
        using JsonDocument header = JsonDocument.Parse(file.AsMemory(8, (int)headerLength));
        var entries = header.RootElement.EnumerateObject().ToList();
        Assert.Equal("__metadata__", entries[0].Name);
        // Reference order: dtype I64, F64, F32, I32, BOOL, then name.
        Assert.Equal(["long", "double", "scalar", "_encode._node_mlp.0.weight", "empty", "int", "mask"],
            entries.Skip(1).Select(e => e.Name));
        long offset = 0;
        foreach (JsonProperty e in entries.Skip(1))
        {
            long[] range = e.Value.GetProperty("data_offsets").EnumerateArray().Select(v => v.GetInt64()).ToArray();
            Assert.Equal(offset, range[0]);
            offset = range[1];
        }
        Assert.Equal(file.Length - 8 - (long)headerLength, offset);
        Assert.Equal("I64", entries[1].Value.GetProperty("dtype").GetString());
        Assert.Equal(0, entries[3].Value.GetProperty("shape").GetArrayLength());
    }

    [PythonTorchFact]
    public void An_independent_python_reader_decodes_the_file()
    {
        using var scope = torch.NewDisposeScope();
        string path = Path.Combine(folder, "python.safetensors");
        SafeTensors.Save(path, Sample(), new Dictionary<string, string> { ["format"] = "pt" });
        const string reader = """
import json, struct, sys, math
data = open(sys.argv[1], "rb").read()
(n,) = struct.unpack("<Q", data[:8])
header = json.loads(data[8:8 + n].decode("utf-8"))
body = data[8 + n:]
codes = {"F32": "f", "F64": "d", "I64": "q", "I32": "i", "BOOL": "?"}
out = {"__metadata__": header.pop("__metadata__")}
for name, info in header.items():
    begin, end = info["data_offsets"]
    count = math.prod(info["shape"])
    values = struct.unpack("<%d%s" % (count, codes[info["dtype"]]), body[begin:end])
    out[name] = {"dtype": info["dtype"], "shape": info["shape"], "values": [repr(v) for v in values]}
print(json.dumps(out))
""";
        using JsonDocument decoded = JsonDocument.Parse(PythonTorch.Run(reader, path));
        JsonElement root = decoded.RootElement;
        Assert.Equal("pt", root.GetProperty("__metadata__").GetProperty("format").GetString());
        string[] Values(string name) => root.GetProperty(name).GetProperty("values").EnumerateArray().Select(v => v.GetString()!).ToArray();
        Assert.Equal(["1.5", "-2.25", "3.4028234663852886e+38", "1.401298464324817e-45", "0.0", "-0.0"], Values("_encode._node_mlp.0.weight"));
        Assert.Equal(["3.141592653589793", "-1e+300", "nan"], Values("double"));
        Assert.Equal(["-9223372036854775808", "0", "9223372036854775807"], Values("long"));
        Assert.Equal(["-2147483648", "7"], Values("int"));
        Assert.Equal(["True", "False", "True"], Values("mask"));
        Assert.Empty(Values("empty"));
        Assert.Equal(["42.0"], Values("scalar"));
        Assert.Equal(0, root.GetProperty("scalar").GetProperty("shape").GetArrayLength());
    }

    [Fact]
    public void Truncated_file_names_the_file_and_the_tensor()
    {
        using var scope = torch.NewDisposeScope();
        string path = Path.Combine(folder, "truncated.safetensors");
        SafeTensors.Save(path, new Dictionary<string, Tensor> { ["a.weight"] = torch.ones(4), ["b.bias"] = torch.ones(2) });
        byte[] file = File.ReadAllBytes(path);
        File.WriteAllBytes(path, file[..^3]);

        var error = Assert.Throws<InvalidDataException>(() => SafeTensors.Load(path));
        Assert.Contains(path, error.Message);
        Assert.Contains("'b.bias'", error.Message);
        Assert.Contains("truncated", error.Message);

        File.WriteAllBytes(path, file[..5]);
        Assert.Contains("fewer than the 8-byte header length", Assert.Throws<InvalidDataException>(() => SafeTensors.Load(path)).Message);
        File.WriteAllBytes(path, file[..20]);
        Assert.Contains("exceeds", Assert.Throws<InvalidDataException>(() => SafeTensors.Load(path)).Message);
    }

    [Fact]
    public void Corrupt_headers_are_reported_with_the_offending_tensor()
    {
        string path = Path.Combine(folder, "corrupt.safetensors");
        void WriteWithHeader(string json, int dataBytes)
        {
            byte[] header = Encoding.UTF8.GetBytes(json);
            var file = new byte[8 + header.Length + dataBytes];
            BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)header.Length);
            header.CopyTo(file, 8);
            File.WriteAllBytes(path, file);
        }

        WriteWithHeader("{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8);
        Assert.Contains("tensor 'w': shape [3] of F32 needs 12 bytes", Assert.Throws<InvalidDataException>(() => SafeTensors.Load(path)).Message);
        WriteWithHeader("{\"w\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]}}", 4);
        Assert.Contains("unsupported dtype 'F16'", Assert.Throws<InvalidDataException>(() => SafeTensors.Load(path)).Message);
        WriteWithHeader("{\"w\": [1, 2", 0);
        Assert.Contains("not valid JSON", Assert.Throws<InvalidDataException>(() => SafeTensors.Load(path)).Message);
        WriteWithHeader("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8);
        Assert.Contains("contiguous", Assert.Throws<InvalidDataException>(() => SafeTensors.Load(path)).Message);
    }

    [Fact]
    public void Saving_replaces_an_existing_file()
    {
        using var scope = torch.NewDisposeScope();
        string path = Path.Combine(folder, "replace.safetensors");
        SafeTensors.Save(path, new Dictionary<string, Tensor> { ["x"] = torch.ones(100) });
        SafeTensors.Save(path, new Dictionary<string, Tensor> { ["y"] = torch.zeros(1) });
        Assert.Equal(["y"], SafeTensors.Load(path).tensors.Keys);
    }
}
