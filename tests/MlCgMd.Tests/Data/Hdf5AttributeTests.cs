using System.Text.Json;
using MlCgMd.Data.Hdf5;

namespace MlCgMd.Tests.Data;

/// <summary>Scalar attributes (units, valid lengths) on the root and on datasets, as h5py's attrs reads them.</summary>
public class Hdf5AttributeTests
{
    private static string WriteSample(ScratchDirectory scratch)
    {
        string path = scratch.File("attrs.h5");
        using var file = Hdf5File.Create(path);
        file.Write<float>("position", [1, 2, 3, 4, 5, 6], [2, 1, 3]);
        file.WriteAttribute(null, "length_unit", "sigma (LJ units)");
        file.WriteAttribute("position", "units", "σ");
        file.WriteAttribute(null, "valid_frames", 1L);
        file.WriteAttribute(null, "valid_frames", 2L);          // replaced, as a resume point does
        file.WriteAttribute(null, "time_per_frame", 2.5);
        return path;
    }

    [Fact]
    public void Attributes_read_back_and_a_rewrite_replaces_the_value()
    {
        using var scratch = new ScratchDirectory();
        using var file = Hdf5File.OpenRead(WriteSample(scratch));
        Assert.Equal("sigma (LJ units)", file.ReadStringAttribute(null, "length_unit"));
        Assert.Equal("σ", file.ReadStringAttribute("position", "units"));
        Assert.Equal(2L, file.ReadInt64Attribute(null, "valid_frames"));
        Assert.Equal(2.5, file.ReadDoubleAttribute(null, "time_per_frame"));
        Assert.Null(file.ReadStringAttribute(null, "absent"));
        Assert.Null(file.ReadInt64Attribute("position", "absent"));
    }

    [H5pyFact]
    public void H5py_reads_text_attributes_as_str_and_numbers_as_numbers()
    {
        using var scratch = new ScratchDirectory();
        string path = WriteSample(scratch);
        const string dump = """
            import json, sys, h5py
            with h5py.File(sys.argv[1], 'r') as f:
                out = {k: (type(v).__name__, v if isinstance(v, str) else v.item()) for k, v in f.attrs.items()}
                out['position.units'] = (type(f['position'].attrs['units']).__name__, f['position'].attrs['units'])
            print(json.dumps(out))
            """;
        using var attrs = JsonDocument.Parse(DebianPython.Run(["-c", dump, path]));
        JsonElement root = attrs.RootElement;
        Assert.Equal("str", root.GetProperty("length_unit")[0].GetString());
        Assert.Equal("sigma (LJ units)", root.GetProperty("length_unit")[1].GetString());
        Assert.Equal("σ", root.GetProperty("position.units")[1].GetString());
        Assert.Equal(2, root.GetProperty("valid_frames")[1].GetInt64());
        Assert.Equal(2.5, root.GetProperty("time_per_frame")[1].GetDouble());
    }
}
