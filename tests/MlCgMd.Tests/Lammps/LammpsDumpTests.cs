using MlCgMd.Lammps;

namespace MlCgMd.Tests.Lammps;

public class LammpsDumpTests
{
    [Fact]
    public void Written_dump_reads_back_the_same_unwrapped_frames()
    {
        float[] frames = [0f, 1.5f, -2.25f, 10.125f, -3f, 0.5f, /* frame 2 */ 0.1f, 1.6f, -2.2f, 10.2f, -3.1f, 0.6f];
        string path = Path.Combine(Path.GetTempPath(), $"mlcgmd-dump-{Guid.NewGuid():N}.lammpstrj");
        try
        {
            LammpsDumpWriter.Write(path, frames, [0, 3], [500, 1000]);
            LammpsDumpFrame[] read = LammpsDumpReader.Read(path).ToArray();
            Assert.Equal([500L, 1000L], read.Select(f => f.Timestep));
            Assert.Equal([1.0, 4.0], read[0].Column("type"));
            Assert.Equal(frames, read.SelectMany(f => f.UnwrappedPositions()).Select(x => (float)x));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Wrapped_coordinates_with_image_flags_are_unwrapped_and_rows_sorted_by_id()
    {
        string path = Path.Combine(Path.GetTempPath(), $"mlcgmd-dump-{Guid.NewGuid():N}.lammpstrj");
        File.WriteAllText(path, """
            ITEM: TIMESTEP
            7
            ITEM: NUMBER OF ATOMS
            2
            ITEM: BOX BOUNDS pp pp pp
            0 10
            0 10
            0 10
            ITEM: ATOMS id type x y z ix iy iz
            2 1 9.5 1 1 -1 0 2
            1 2 0.5 2 3 0 0 0

            """);
        try
        {
            LammpsDumpFrame frame = LammpsDumpReader.Read(path).Single();
            Assert.Equal([0.5, 2, 3, -0.5, 1, 21], frame.UnwrappedPositions());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_truncated_dump_is_a_format_error_naming_the_file()
    {
        string path = Path.Combine(Path.GetTempPath(), $"mlcgmd-dump-{Guid.NewGuid():N}.lammpstrj");
        File.WriteAllText(path, "ITEM: TIMESTEP\n0\nITEM: NUMBER OF ATOMS\n3\nITEM: BOX BOUNDS ss ss ss\n0 1\n0 1\n0 1\nITEM: ATOMS id x\n1 0.5\n");
        try
        {
            var error = Assert.Throws<FormatException>(() => LammpsDumpReader.Read(path).ToArray());
            Assert.Contains(path, error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
