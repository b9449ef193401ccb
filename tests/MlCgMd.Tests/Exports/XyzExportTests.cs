using MlCgMd.Exports;
using MlCgMd.Tests.Data;

namespace MlCgMd.Tests.Exports;

public class XyzExportTests
{
    [Fact]
    public void Multi_frame_extended_xyz_reads_back_exactly_with_names_and_cubic_lattice()
    {
        using var scratch = new ScratchDirectory();
        string path = scratch.File("chain.xyz");
        var frames = ExportSamples.Frames(3);
        XyzWriter.Write(path, frames, ExportSamples.Names, cubicBox: 42.5);

        var lines = File.ReadAllLines(path);
        Assert.Equal("5", lines[0]);
        Assert.Equal("Lattice=\"42.5 0 0 0 42.5 0 0 0 42.5\" Properties=species:S:1:pos:R:3 pbc=\"T T T\"", lines[1]);
        Assert.Equal(3 * (2 + ExportSamples.Atoms), lines.Length);

        var read = XyzReader.Read(path);
        Assert.Equal(ExportSamples.Names, read.Names);
        Assert.Equal(frames, read.Frames);
        Assert.Equal(42.5, read.CubicBox);
    }

    [Fact]
    public void Without_a_box_no_lattice_is_written()
    {
        using var scratch = new ScratchDirectory();
        string path = scratch.File("open.xyz");
        XyzWriter.Write(path, ExportSamples.Frames(1), ExportSamples.Names);
        Assert.DoesNotContain("Lattice", File.ReadAllText(path));
        Assert.Null(XyzReader.Read(path).CubicBox);
    }

    [Fact]
    public void Frame_of_the_wrong_size_is_refused_and_leaves_no_file()
    {
        using var scratch = new ScratchDirectory();
        string path = scratch.File("bad.xyz");
        var frames = ExportSamples.Frames(2);
        frames.Add(new float[6]);
        var error = Assert.Throws<ArgumentException>(() => XyzWriter.Write(path, frames, ExportSamples.Names));
        Assert.Contains("frame 2 holds 6 coordinates, expected 15", error.Message);
        Assert.Empty(Directory.GetFiles(scratch.Path));
    }

    [Fact]
    public void Truncated_xyz_is_reported()
    {
        using var scratch = new ScratchDirectory();
        string path = scratch.File("cut.xyz");
        XyzWriter.Write(path, ExportSamples.Frames(2), ExportSamples.Names);
        File.WriteAllLines(path, File.ReadAllLines(path)[..^2]);
        var error = Assert.Throws<InvalidDataException>(() => XyzReader.Read(path));
        Assert.Contains("frame 1 declares 5 atoms", error.Message);
        Assert.Contains("truncated", error.Message);
    }
}
