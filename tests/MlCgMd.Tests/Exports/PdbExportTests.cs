using MlCgMd.Exports;
using MlCgMd.Tests.Data;

namespace MlCgMd.Tests.Exports;

public class PdbExportTests
{
    [Fact]
    public void Multi_model_pdb_reads_back_to_three_decimals_with_bonds_and_box()
    {
        using var scratch = new ScratchDirectory();
        string path = scratch.File("chain.pdb");
        var frames = ExportSamples.Frames(3);
        PdbWriter.Write(path, frames, ExportSamples.Names, ExportSamples.Bonds, cubicBox: 42.5);

        var read = PdbReader.Read(path);
        Assert.Equal(ExportSamples.Names, read.Names);
        Assert.Equal(ExportSamples.Bonds, read.Bonds);
        Assert.Equal(42.5, read.CubicBox);
        Assert.Equal(frames.Count, read.Frames.Count);
        for (int f = 0; f < frames.Count; f++)
            for (int i = 0; i < frames[f].Length; i++)
                Assert.Equal(frames[f][i], read.Frames[f][i], 0.0005f + 1e-5f);
    }

    [Fact]
    public void Records_sit_in_the_fixed_pdb_columns()
    {
        using var scratch = new ScratchDirectory();
        string path = scratch.File("columns.pdb");
        float[] frame = [1.5f, -2.25f, 1234.5678f, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        PdbWriter.Write(path, [frame], ExportSamples.Names, [0, 1], cubicBox: 10);

        var lines = File.ReadAllLines(path);
        Assert.Equal("CRYST1   10.000   10.000   10.000  90.00  90.00  90.00 P 1           1", lines[0]);
        Assert.Equal("MODEL        1", lines[1]);
        Assert.Equal("ATOM      1  B1  POL A   1       1.500  -2.2501234.568  1.00  0.00", lines[2]);
        Assert.Equal("CONECT    1    2", lines[^2]);
        Assert.Equal("END", lines[^1]);
    }

    [Fact]
    public void Coordinates_outside_the_8_3f_field_are_refused()
    {
        using var scratch = new ScratchDirectory();
        var frame = new float[15];
        frame[4] = -1000.5f;
        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => PdbWriter.Write(scratch.File("far.pdb"), [frame], ExportSamples.Names));
        Assert.Contains("model 1, atom 1, axis y does not fit the PDB 8.3f field", error.Message);
    }

    [Fact]
    public void Conect_lists_from_other_writers_keep_each_bond_once()
    {
        using var scratch = new ScratchDirectory();
        string path = scratch.File("viewer.pdb");
        File.WriteAllLines(path,
        [
            "ATOM      1  B1  POL A   1       0.000   0.000   0.000  1.00  0.00",
            "ATOM      2  B2  POL A   1       1.000   0.000   0.000  1.00  0.00",
            "ATOM      3  S1  POL A   1       2.000   0.000   0.000  1.00  0.00",
            "CONECT    1    2",
            "CONECT    2    1    3",
            "CONECT    3    2",
            "END",
        ]);
        var read = PdbReader.Read(path);
        Assert.Equal([0, 1, 1, 2], read.Bonds);
        Assert.Single(read.Frames);
        Assert.Null(read.CubicBox);
    }
}
