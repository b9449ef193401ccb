using MlCgMd.Data;
using MlCgMd.Data.Hdf5;

namespace MlCgMd.Tests.Data;

public class TrajectoryFolderTests
{
    private const int Frames = 6, Particles = 4;

    internal static Trajectory SampleTrajectory(int seed = 3)
    {
        var random = new Random(seed);
        var positions = Enumerable.Range(0, Frames * Particles * 3).Select(_ => (float)(random.NextDouble() * 20 - 10)).ToArray();
        var topology = new TrajectoryTopology([0, 1, 2, 3], [0, 1, 1, 2, 2, 3]);
        var rgs = Enumerable.Range(0, Frames).Select(t => 2.0 + random.NextDouble()).ToArray();
        var lattices = Enumerable.Repeat(15.5f, Frames * 3).ToArray();
        return new Trajectory(Frames, topology, positions, rgs, lattices);
    }

    [Fact]
    public void Written_trajectory_reads_back_exactly_in_the_official_dtypes()
    {
        using var scratch = new ScratchDirectory();
        var trajectory = SampleTrajectory();
        var folder = new TrajectoryFolder(scratch.File("poly00012"));
        folder.Write(trajectory);

        var read = folder.Read();
        Assert.Equal(trajectory.FrameCount, read.FrameCount);
        Assert.Equal(trajectory.Positions, read.Positions);
        Assert.Equal(trajectory.Topology.ParticleTypes, read.Topology.ParticleTypes);
        Assert.Equal(trajectory.Topology.Bonds, read.Topology.Bonds);
        Assert.Equal(trajectory.Rgs, read.Rgs);
        Assert.Equal(trajectory.Lattices, read.Lattices);

        using var position = Hdf5File.OpenRead(folder.FileOf(TrajectoryField.Position));
        Assert.Equal($"float32 [{Frames}, {Particles}, 3]", position.Describe("position").ToString());
        using var types = Hdf5File.OpenRead(folder.FileOf(TrajectoryField.ParticleType));
        Assert.Equal($"int64 [{Particles}]", types.Describe("particle_type").ToString());
        using var bonds = Hdf5File.OpenRead(folder.FileOf(TrajectoryField.Bond));
        Assert.Equal("int64 [3, 2]", bonds.Describe("bond_indices").ToString());
        using var rgs = Hdf5File.OpenRead(folder.FileOf(TrajectoryField.Rgs));
        Assert.Equal($"float64 [{Frames}]", rgs.Describe("rgs").ToString());
        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp"));
    }

    [Fact]
    public void Frame_window_equals_the_slice_of_the_full_read()
    {
        using var scratch = new ScratchDirectory();
        var trajectory = SampleTrajectory();
        var folder = new TrajectoryFolder(scratch.File("poly"));
        folder.Write(trajectory);

        var window = folder.ReadFrames(start: 2, count: 3);
        Assert.Equal(trajectory.Positions.AsSpan(2 * Particles * 3, 3 * Particles * 3).ToArray(), window);
        var dilated = folder.ReadFrames(start: 1, count: 3, stride: 2);
        Assert.Equal(new[] { 1, 3, 5 }.SelectMany(f => trajectory.Frame(f).ToArray()), dilated);
        Assert.Equal(new[] { trajectory.Rgs![1], trajectory.Rgs[3], trajectory.Rgs[5] }, folder.ReadRgs(1, 3, 2));
        Assert.Equal((Frames, Particles), folder.PositionShape());
    }

    [Fact]
    public void Concurrent_window_reads_from_many_threads_agree_with_the_full_read()
    {
        using var scratch = new ScratchDirectory();
        var trajectory = SampleTrajectory();
        var folder = new TrajectoryFolder(scratch.File("poly"));
        folder.Write(trajectory);

        var windows = new float[64][];
        Parallel.For(0, windows.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 },
            i => windows[i] = folder.ReadFrames(i % (Frames - 1), 2));
        for (int i = 0; i < windows.Length; i++)
            Assert.Equal(trajectory.Positions.AsSpan(i % (Frames - 1) * Particles * 3, 2 * Particles * 3).ToArray(), windows[i]);
    }

    [Fact]
    public void Missing_file_names_the_folder_file_and_dataset()
    {
        using var scratch = new ScratchDirectory();
        var folder = new TrajectoryFolder(scratch.File("poly"));
        folder.Write(SampleTrajectory());
        File.Delete(folder.FileOf(TrajectoryField.Bond));
        var error = Assert.Throws<FileNotFoundException>(() => folder.ReadTopology());
        Assert.Equal($"trajectory folder '{folder.Path}' has no bond.h5 dataset 'bond_indices' (int64 [bonds, 2], 0-based particle indices)",
            error.Message);
    }

    [Fact]
    public void Missing_dataset_names_the_file_and_the_expected_layout()
    {
        using var scratch = new ScratchDirectory();
        var folder = new TrajectoryFolder(scratch.File("poly"));
        folder.Write(SampleTrajectory());
        folder.WriteField<long>(new TrajectoryField("ptype.h5", "types", "int64"), [0, 1, 2, 3], [4]);
        var error = Assert.Throws<InvalidDataException>(() => folder.ReadTopology());
        Assert.Equal($"'{folder.FileOf(TrajectoryField.ParticleType)}' has no dataset 'particle_type', expected int64 [particles]",
            error.Message);
    }

    [Fact]
    public void Wrong_rank_of_positions_is_reported_with_the_stored_shape()
    {
        using var scratch = new ScratchDirectory();
        var folder = new TrajectoryFolder(scratch.File("poly"));
        folder.Write(SampleTrajectory());
        folder.WriteField<float>(TrajectoryField.Position, new float[Frames * Particles * 3], [Frames, Particles * 3]);
        var error = Assert.Throws<InvalidDataException>(() => folder.ReadFrames(0, 1));
        Assert.Equal($"'{folder.FileOf(TrajectoryField.Position)}' dataset 'position' is float32 [{Frames}, {Particles * 3}], " +
                     "expected float32 [frames, particles, 3]", error.Message);
    }

    [Fact]
    public void Wrong_dtype_of_particle_types_is_reported()
    {
        using var scratch = new ScratchDirectory();
        var folder = new TrajectoryFolder(scratch.File("poly"));
        folder.Write(SampleTrajectory());
        folder.WriteField<double>(TrajectoryField.ParticleType, [0, 1, 2, 3], [Particles]);
        var error = Assert.Throws<InvalidDataException>(() => folder.ReadTopology());
        Assert.Contains("dataset 'particle_type' is float64 [4], expected int64 [particles]", error.Message);
    }

    [Theory]
    [InlineData(4, "bond 1 (1, 4) refers to particle 4, expected 0-based indices in [0, 4)")]
    [InlineData(-1, "bond 1 (1, -1) refers to particle -1, expected 0-based indices in [0, 4)")]
    public void Bond_index_out_of_range_is_reported_with_the_bond(long badIndex, string expected)
    {
        using var scratch = new ScratchDirectory();
        var folder = new TrajectoryFolder(scratch.File("poly"));
        folder.Write(SampleTrajectory());
        folder.WriteField<long>(TrajectoryField.Bond, [0, 1, 1, badIndex], [2, 2]);
        var error = Assert.Throws<InvalidDataException>(() => folder.ReadTopology());
        Assert.Equal($"'{folder.FileOf(TrajectoryField.Bond)}' dataset 'bond_indices': {expected}", error.Message);
    }

    [Fact]
    public void Non_finite_coordinate_in_the_frames_read_is_reported_with_frame_and_particle()
    {
        using var scratch = new ScratchDirectory();
        var trajectory = SampleTrajectory();
        var folder = new TrajectoryFolder(scratch.File("poly"));
        folder.Write(trajectory);
        var corrupted = (float[])trajectory.Positions.Clone();
        corrupted[(4 * Particles + 2) * 3 + 1] = float.NaN;
        folder.WriteField<float>(TrajectoryField.Position, corrupted, [Frames, Particles, 3]);

        Assert.Equal(trajectory.Frame(1).ToArray(), folder.ReadFrames(1, 1));
        var error = Assert.Throws<InvalidDataException>(() => folder.ReadFrames(3, 2));
        Assert.Equal($"'{folder.FileOf(TrajectoryField.Position)}' dataset 'position' has a non-finite coordinate (NaN) " +
                     "at frame 4, particle 2, axis y; expected finite coordinates", error.Message);
    }

    [Fact]
    public void Truncated_position_file_is_reported_as_such()
    {
        using var scratch = new ScratchDirectory();
        var folder = new TrajectoryFolder(scratch.File("poly"));
        folder.Write(SampleTrajectory());
        string path = folder.FileOf(TrajectoryField.Position);
        using (var stream = new FileStream(path, FileMode.Open))
            stream.SetLength(stream.Length - 64);
        var error = Assert.Throws<Hdf5Exception>(() => folder.Read());
        Assert.Contains($"could not open '{path}' as HDF5", error.Message);
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void Particle_type_count_must_match_the_positions()
    {
        using var scratch = new ScratchDirectory();
        var folder = new TrajectoryFolder(scratch.File("poly"));
        folder.Write(SampleTrajectory());
        folder.WriteField<long>(TrajectoryField.ParticleType, [0, 1, 2], [3]);
        var error = Assert.Throws<InvalidDataException>(() => folder.ReadTopology());
        Assert.Equal($"'{folder.FileOf(TrajectoryField.ParticleType)}' dataset 'particle_type' has 3 entries, " +
                     "expected 4 (one type per particle of position.h5)", error.Message);
    }

    [Fact]
    public void Rg_count_must_match_the_frames()
    {
        using var scratch = new ScratchDirectory();
        var folder = new TrajectoryFolder(scratch.File("poly"));
        folder.Write(SampleTrajectory());
        folder.WriteField<double>(TrajectoryField.Rgs, [1, 2, 3], [3]);
        var error = Assert.Throws<InvalidDataException>(() => folder.Read());
        Assert.Equal($"'{folder.FileOf(TrajectoryField.Rgs)}' dataset 'rgs' has 3 entries, " +
                     $"expected {Frames} (one Rg per frame of position.h5)", error.Message);
    }

    [Fact]
    public void Invalid_trajectories_are_refused_before_anything_is_written()
    {
        using var scratch = new ScratchDirectory();
        var good = SampleTrajectory();
        var folder = new TrajectoryFolder(scratch.File("poly"));
        var badBond = good with { Topology = new TrajectoryTopology([0, 1, 2, 3], [0, 9]) };
        Assert.Contains("refers to particle 9", Assert.Throws<InvalidDataException>(() => folder.Write(badBond)).Message);
        var noRg = good with { Rgs = null };
        Assert.Contains("the trajectory has no Rg", Assert.Throws<ArgumentException>(() => folder.Write(noRg)).Message);
        Assert.False(Directory.Exists(folder.Path));
    }

    [Fact]
    public void Battery_schema_uses_unwrapped_positions_and_no_rg()
    {
        using var scratch = new ScratchDirectory();
        var trajectory = SampleTrajectory() with { Rgs = null };
        var folder = new TrajectoryFolder(scratch.File("9-0-1-0"), TrajectorySchema.Battery);
        folder.Write(trajectory);
        Assert.True(folder.Has(TrajectoryField.UnwrappedPosition));
        Assert.False(folder.Has(TrajectoryField.Position));
        Assert.False(folder.Has(TrajectoryField.Rgs));
        var read = folder.Read();
        Assert.Equal(trajectory.Positions, read.Positions);
        Assert.Null(read.Rgs);
    }
}
