using MlCgMd.Data;
using MlCgMd.Data.Hdf5;

namespace MlCgMd.Tests.Data;

/// <summary>
/// Reads files h5py wrote in the official schema (Fixtures/make_h5py_fixture.py, committed
/// so these tests need no Python). Values follow the generator's closed formulas.
/// </summary>
public class H5pyFixtureTests
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures");

    /// <summary>Same formula as coordinate() in make_h5py_fixture.py.</summary>
    private static double Coordinate(int t, int i, int k) => t + 0.1 * i + 0.01 * k;

    /// <summary>The chain preprocessing multiplies float32 mdtraj coordinates by 10 in float32.</summary>
    private static float[] ChainPositions(int frames, int particles) =>
        (from t in Enumerable.Range(0, frames)
         from i in Enumerable.Range(0, particles)
         from k in Enumerable.Range(0, 3)
         select (float)Coordinate(t, i, k) * 10f).ToArray();

    [Theory]
    [InlineData("poly_a", 6, 5)]
    [InlineData("poly_b", 4, 3)] // gzip-compressed positions, float64 bond indices
    public void Chain_trajectory_written_by_h5py_reads_with_official_values(string name, int frames, int particles)
    {
        var folder = new TrajectoryFolder(Path.Combine(Fixtures, "h5py_chain", name));
        var trajectory = folder.Read();

        Assert.Equal(frames, trajectory.FrameCount);
        Assert.Equal(ChainPositions(frames, particles), trajectory.Positions);
        Assert.Equal(Enumerable.Range(0, particles).Select(i => i % 4), trajectory.Topology.ParticleTypes);
        Assert.Equal(Enumerable.Range(0, particles - 1).SelectMany(i => new[] { i, i + 1 }), trajectory.Topology.Bonds);
        Assert.Equal(Enumerable.Range(0, frames).Select(t => 3.0 + 0.25 * t), trajectory.Rgs!);
        Assert.Equal(Enumerable.Repeat(12.5f, frames * 3), trajectory.Lattices!);

        var window = folder.ReadFrames(1, 2);
        Assert.Equal(trajectory.Positions.AsSpan(particles * 3, 2 * particles * 3).ToArray(), window);
    }

    [Fact]
    public void Chain_datasets_have_the_dtypes_the_official_preprocessing_writes()
    {
        string folder = Path.Combine(Fixtures, "h5py_chain", "poly_a");
        string Describe(string file, string dataset)
        {
            using var h5 = Hdf5File.OpenRead(Path.Combine(folder, file));
            return h5.Describe(dataset).ToString();
        }
        Assert.Equal("float32 [6, 5, 3]", Describe("position.h5", "position"));
        Assert.Equal("int64 [5]", Describe("ptype.h5", "particle_type"));
        Assert.Equal("int64 [4, 2]", Describe("bond.h5", "bond_indices"));
        Assert.Equal("float64 [6]", Describe("rgs.h5", "rgs"));
        Assert.Equal("float32 [6, 3]", Describe("lattice.h5", "lattice"));
    }

    [Fact]
    public void Chain_split_lists_the_fixture_folders_in_sorted_order()
    {
        string root = Path.Combine(Fixtures, "h5py_chain");
        var dataset = TrajectoryDataset.FromSplit(root, Path.Combine(root, SplitFiles.ChainTrain));
        Assert.Equal(["poly_a", "poly_b"], dataset.Folders.Select(f => f.Name));
    }

    [Fact]
    public void Battery_trajectory_written_by_h5py_reads_through_the_battery_schema()
    {
        string root = Path.Combine(Fixtures, "h5py_battery");
        var folder = TrajectoryDataset.FromSplit(root, Path.Combine(root, SplitFiles.BatteryTrain), TrajectorySchema.Battery)
            .Folders.Single();
        var trajectory = folder.Read();

        var expected = (from t in Enumerable.Range(0, 3)
                        from i in Enumerable.Range(0, 4)
                        from k in Enumerable.Range(0, 3)
                        select (float)Coordinate(t, i, k)).ToArray();
        Assert.Equal(expected, trajectory.Positions);
        Assert.Null(trajectory.Rgs);
        Assert.Equal([6, 8, 3, 6], trajectory.Topology.ParticleTypes);
        Assert.Equal([0, 1, 1, 2], trajectory.Topology.Bonds);
        Assert.Equal([7L, 9], folder.ReadField<long>(TrajectoryField.BondType).Data);
        Assert.Equal([1, 2, 3, 1], folder.ReadField<int>(TrajectoryField.RawParticleType).Data);
        Assert.Equal([1e-6, 2e-6], folder.ReadField<double>(TrajectoryField.Diffusivity).Data);
        var wrapped = folder.ReadField<double>(TrajectoryField.WrappedPosition);
        Assert.Equal([3L, 4, 3], wrapped.Shape);
        Assert.Equal(Coordinate(2, 3, 1) % 2.0, wrapped.Data[(2 * 4 + 3) * 3 + 1], 12);
    }
}
