using System.Text.Json;
using MlCgMd.Data;

namespace MlCgMd.Tests.Data;

/// <summary>Files this library writes are read by h5py with the official dtypes and values.</summary>
public class H5pyInteropTests
{
    // Prints {file: {dtype, shape, values, compression}} for every .h5 file in a folder.
    private const string DumpScript = """
        import json, os, sys, h5py
        out = {}
        for name in sorted(os.listdir(sys.argv[1])):
            if name.endswith('.h5'):
                with h5py.File(os.path.join(sys.argv[1], name), 'r') as f:
                    (key,) = f.keys()
                    d = f[key]
                    out[name] = {'dataset': key, 'dtype': str(d.dtype), 'shape': list(d.shape),
                                 'values': d[()].ravel().tolist(), 'compression': d.compression}
        print(json.dumps(out))
        """;

    [H5pyFact]
    public void H5py_reads_a_written_trajectory_with_official_names_dtypes_and_values()
    {
        using var scratch = new ScratchDirectory();
        var trajectory = TrajectoryFolderTests.SampleTrajectory(seed: 11);
        var folder = new TrajectoryFolder(scratch.File("poly01532"));
        folder.Write(trajectory);
        folder.WriteField<float>(TrajectoryField.UnwrappedPosition, trajectory.Positions,
            [trajectory.FrameCount, trajectory.ParticleCount, 3], gzipLevel: 6);

        using var dump = JsonDocument.Parse(DebianPython.Run(["-c", DumpScript, folder.Path]));
        var files = dump.RootElement;

        void Check(string file, string dataset, string dtype, long[] shape)
        {
            var entry = files.GetProperty(file);
            Assert.Equal(dataset, entry.GetProperty("dataset").GetString());
            Assert.Equal(dtype, entry.GetProperty("dtype").GetString());
            Assert.Equal(shape, entry.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()));
        }
        double[] Values(string file) =>
            files.GetProperty(file).GetProperty("values").EnumerateArray().Select(e => e.GetDouble()).ToArray();

        Check("position.h5", "position", "float32", [6, 4, 3]);
        Check("ptype.h5", "particle_type", "int64", [4]);
        Check("bond.h5", "bond_indices", "int64", [3, 2]);
        Check("rgs.h5", "rgs", "float64", [6]);
        Check("lattice.h5", "lattice", "float32", [6, 3]);
        Assert.Equal(trajectory.Positions, Values("position.h5").Select(v => (float)v));
        Assert.Equal(trajectory.Topology.ParticleTypes, Values("ptype.h5").Select(v => (int)v));
        Assert.Equal(trajectory.Topology.Bonds, Values("bond.h5").Select(v => (int)v));
        Assert.Equal(trajectory.Rgs!, Values("rgs.h5"));
        Assert.Equal("gzip", files.GetProperty("unwrapped_position.h5").GetProperty("compression").GetString());
        Assert.Equal(trajectory.Positions, Values("unwrapped_position.h5").Select(v => (float)v));
    }
}
