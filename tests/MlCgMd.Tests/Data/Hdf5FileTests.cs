using System.Diagnostics;
using MlCgMd.Data.Hdf5;

namespace MlCgMd.Tests.Data;

public class Hdf5FileTests
{
    [Fact]
    public void Every_supported_element_type_round_trips_exactly_with_its_shape()
    {
        using var scratch = new ScratchDirectory();
        string path = scratch.File("types.h5");
        var random = new Random(7);
        float[] floats = Enumerable.Range(0, 24).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
        double[] doubles = Enumerable.Range(0, 5).Select(_ => random.NextDouble() * 1e-300).ToArray();
        int[] ints = [int.MinValue, -1, 0, 1, int.MaxValue, 42];
        long[] longs = [long.MinValue, -3, 0, 5, long.MaxValue, 7, 8, 9];
        byte[] bytes = [0, 1, 255];
        using (var file = Hdf5File.Create(path))
        {
            file.Write<float>("f", floats, [2, 3, 4]);
            file.Write<double>("d", doubles, [5]);
            file.Write<int>("i", ints, [3, 2]);
            file.Write<long>("l", longs, [2, 2, 1, 2]);
            file.Write<byte>("b", bytes, [3]);
        }

        using var read = Hdf5File.OpenRead(path);
        var info = read.Describe("f");
        Assert.Equal([2L, 3, 4], info.Shape);
        Assert.Equal((Hdf5ValueClass.Float, 4), (info.ValueClass, info.ElementSize));
        Assert.Equal("int64 [2, 2, 1, 2]", read.Describe("l").ToString());
        Assert.Equal("uint8 [3]", read.Describe("b").ToString());
        Assert.Equal(floats, read.Read<float>("f").Data);
        Assert.Equal([2L, 3, 4], read.Read<float>("f").Shape);
        Assert.Equal(doubles, read.Read<double>("d").Data);
        Assert.Equal(ints, read.Read<int>("i").Data);
        Assert.Equal(longs, read.Read<long>("l").Data);
        Assert.Equal(bytes, read.Read<byte>("b").Data);
        Assert.True(read.Contains("f"));
        Assert.False(read.Contains("missing"));
    }

    [Fact]
    public void Row_window_equals_the_slice_of_the_full_read_for_contiguous_and_gzip_storage()
    {
        using var scratch = new ScratchDirectory();
        const int frames = 9, particles = 4;
        var positions = Enumerable.Range(0, frames * particles * 3).Select(i => i * 0.5f).ToArray();
        string path = scratch.File("frames.h5");
        using (var file = Hdf5File.Create(path))
        {
            file.Write<float>("plain", positions, [frames, particles, 3]);
            file.Write<float>("gzip", positions, [frames, particles, 3], gzipLevel: 4);
        }

        using var read = Hdf5File.OpenRead(path);
        foreach (var name in new[] { "plain", "gzip" })
        {
            var full = read.Read<float>(name).Data;
            var window = read.ReadRows<float>(name, start: 3, count: 4);
            Assert.Equal([4L, particles, 3], window.Shape);
            Assert.Equal(full.AsSpan(3 * particles * 3, 4 * particles * 3).ToArray(), window.Data);

            var strided = read.ReadRows<float>(name, start: 1, count: 3, stride: 3);
            var expected = new[] { 1, 4, 7 }.SelectMany(f => full.AsSpan(f * particles * 3, particles * 3).ToArray());
            Assert.Equal(expected, strided.Data);
        }
    }

    [Fact]
    public void Window_past_the_last_row_names_the_dataset_and_its_extent()
    {
        using var scratch = new ScratchDirectory();
        string path = scratch.File("rows.h5");
        using (var file = Hdf5File.Create(path))
            file.Write<double>("rgs", [1, 2, 3], [3]);
        using var read = Hdf5File.OpenRead(path);
        var error = Assert.Throws<Hdf5Exception>(() => read.ReadRows<double>("rgs", 2, 2));
        Assert.Contains("'rgs'", error.Message);
        Assert.Contains("which has 3 rows", error.Message);
    }

    [Fact]
    public void Lossy_reads_are_refused_with_the_stored_type()
    {
        using var scratch = new ScratchDirectory();
        string path = scratch.File("lossy.h5");
        using (var file = Hdf5File.Create(path))
        {
            file.Write<long>("ids", [1, 2], [2]);
            file.Write<double>("values", [0.5], [1]);
        }
        using var read = Hdf5File.OpenRead(path);
        var narrowing = Assert.Throws<Hdf5Exception>(() => read.Read<int>("ids"));
        Assert.Contains("stored as int64, which does not fit int32", narrowing.Message);
        var floatToInt = Assert.Throws<Hdf5Exception>(() => read.Read<long>("values"));
        Assert.Contains("stored as float64", floatToInt.Message);
        Assert.Equal([0.5f], read.Read<float>("values").Data);
    }

    [Fact]
    public void Missing_dataset_names_file_and_dataset()
    {
        using var scratch = new ScratchDirectory();
        string path = scratch.File("empty.h5");
        Hdf5File.Create(path).Dispose();
        using var read = Hdf5File.OpenRead(path);
        var error = Assert.Throws<Hdf5Exception>(() => read.Read<float>("position"));
        Assert.Equal($"dataset 'position' is missing from '{path}'", error.Message);
    }

    [Fact]
    public void Truncated_or_foreign_files_fail_to_open_with_a_clear_message()
    {
        using var scratch = new ScratchDirectory();
        string truncated = scratch.File("truncated.h5");
        using (var file = Hdf5File.Create(truncated))
            file.Write<float>("position", new float[3000], [100, 10, 3]);
        using (var stream = new FileStream(truncated, FileMode.Open))
            stream.SetLength(stream.Length / 2);
        string text = scratch.File("text.h5");
        File.WriteAllText(text, "not an HDF5 file");

        foreach (var path in new[] { truncated, text })
        {
            var error = Assert.Throws<Hdf5Exception>(() => Hdf5File.OpenRead(path));
            Assert.Contains($"could not open '{path}' as HDF5", error.Message);
            Assert.Contains("truncated, corrupt or not an HDF5 file", error.Message);
        }
        // HDF5's own reason rides along.
        Assert.Contains("(HDF5: truncated file: eof = ", Assert.Throws<Hdf5Exception>(() => Hdf5File.OpenRead(truncated)).Message);
        Assert.Throws<FileNotFoundException>(() => Hdf5File.OpenRead(scratch.File("absent.h5")));
    }

    [Fact]
    public void Write_rejects_a_shape_that_does_not_match_the_data()
    {
        using var scratch = new ScratchDirectory();
        using var file = Hdf5File.Create(scratch.File("shape.h5"));
        var error = Assert.Throws<ArgumentException>(() => file.Write<float>("position", new float[5], [2, 3]));
        Assert.Contains("shape [2, 3] holds 6 elements but 5 were given", error.Message);
    }

    [Fact]
    public void A_child_process_started_while_a_file_is_open_does_not_keep_it_locked_after_it_is_closed()
    {
        // libhdf5 flocks every file it opens; an inherited descriptor would carry the lock into the child
        // (here `sleep`), and reopening the file would fail with "unable to lock file" until the child exits.
        using var scratch = new ScratchDirectory();
        foreach (Func<string, Hdf5File> open in new Func<string, Hdf5File>[] { Hdf5File.Create, Hdf5File.OpenReadWrite, Hdf5File.OpenRead })
        {
            string path = scratch.File("locked.h5");
            if (!File.Exists(path))
                using (var first = Hdf5File.Create(path)) first.Write<float>("x", [1f, 2f], [2]);
            Process child;
            using (var file = open(path))
                child = Process.Start(new ProcessStartInfo("sleep", "30") { UseShellExecute = false })!;
            try
            {
                using (var rewritten = Hdf5File.Create(path)) rewritten.Write<float>("x", [3f, 4f], [2]);
                using var read = Hdf5File.OpenRead(path);
                Assert.Equal([3f, 4f], read.Read<float>("x").Data);
            }
            finally
            {
                child.Kill();
                child.WaitForExit();
            }
        }
    }

    [Fact]
    public void A_file_another_process_holds_locked_is_reported_as_that_not_as_corrupt()
    {
        using var scratch = new ScratchDirectory();
        string path = scratch.File("held.h5");
        using (var file = Hdf5File.Create(path)) file.Write<float>("x", [1f], [1]);
        string ready = scratch.File("ready");
        // util-linux flock(1) takes the same kind of lock libhdf5 takes, then signals that it holds it.
        using var holder = Process.Start(new ProcessStartInfo("flock", ["-x", path, "sh", "-c", $"touch '{ready}'; sleep 30"])
            { UseShellExecute = false })!;
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (!File.Exists(ready) && DateTime.UtcNow < deadline) Thread.Sleep(20);
            Assert.True(File.Exists(ready), "flock(1) did not take the lock within 20 s");
            var error = Assert.Throws<Hdf5Exception>(() => Hdf5File.OpenRead(path));
            Assert.StartsWith($"could not open HDF5 file '{path}': another process holds it open", error.Message);
            Assert.DoesNotContain("corrupt", error.Message);
        }
        finally
        {
            holder.Kill(entireProcessTree: true);
            holder.WaitForExit();
        }
    }
}
