using System.Buffers.Binary;
using MlCgMd.Exports;
using MlCgMd.Tests.Data;

namespace MlCgMd.Tests.Exports;

public class DcdExportTests
{
    [Fact]
    public void Dcd_reads_back_exactly_with_unit_cells_and_header()
    {
        using var scratch = new ScratchDirectory();
        string path = scratch.File("chain.dcd");
        var frames = ExportSamples.Frames(4);
        DcdWriter.Write(path, frames, ExportSamples.Atoms, cubicBox: 42.5, title: "bead chain", timeStep: 0.01f, stepsPerFrame: 500);

        var read = DcdReader.Read(path);
        Assert.Equal(ExportSamples.Atoms, read.AtomCount);
        Assert.Equal(frames, read.Frames);
        Assert.All(read.BoxLengths!, box => Assert.Equal([42.5, 42.5, 42.5], box));
        Assert.Equal(["bead chain"], read.Titles);
        Assert.Equal((500, 0.01f), (read.StepsPerFrame, read.TimeStep));
    }

    [Fact]
    public void File_size_and_markers_follow_the_charmm_layout()
    {
        using var scratch = new ScratchDirectory();
        string path = scratch.File("layout.dcd");
        DcdWriter.Write(path, ExportSamples.Frames(2), ExportSamples.Atoms);

        var bytes = File.ReadAllBytes(path);
        int Int(int offset) => BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(offset));
        int frameBytes = 3 * (4 + 4 * ExportSamples.Atoms + 4);
        Assert.Equal((4 + 84 + 4) + (4 + 84 + 4) + (4 + 4 + 4) + 2 * frameBytes, bytes.Length);
        Assert.Equal(84, Int(0));
        Assert.Equal("CORD"u8.ToArray(), bytes[4..8]);
        Assert.Equal(2, Int(8));            // frames
        Assert.Equal(0, Int(4 + 4 + 4 * 10)); // no unit cell
        Assert.Equal(24, Int(4 + 4 + 4 * 19)); // CHARMM version
        Assert.Equal(84, Int(88));
        Assert.Null(DcdReader.Read(path).BoxLengths);
    }

    [Fact]
    public void Truncated_dcd_is_reported_with_the_record_that_broke()
    {
        using var scratch = new ScratchDirectory();
        string path = scratch.File("cut.dcd");
        DcdWriter.Write(path, ExportSamples.Frames(2), ExportSamples.Atoms, cubicBox: 30);
        using (var stream = new FileStream(path, FileMode.Open))
            stream.SetLength(stream.Length - 10);
        var error = Assert.Throws<InvalidDataException>(() => DcdReader.Read(path));
        Assert.Contains("Z coordinates of frame 1", error.Message);
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void Corrupt_record_marker_is_reported()
    {
        using var scratch = new ScratchDirectory();
        string path = scratch.File("marker.dcd");
        DcdWriter.Write(path, ExportSamples.Frames(1), ExportSamples.Atoms);
        var bytes = File.ReadAllBytes(path);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(bytes.Length - 4), 7);
        File.WriteAllBytes(path, bytes);
        var error = Assert.Throws<InvalidDataException>(() => DcdReader.Read(path));
        Assert.Contains("trailing record marker of the Z coordinates of frame 0", error.Message);
        Assert.Contains("is 7, expected 20", error.Message);
    }
}
