namespace MlCgMd.Data.Hdf5;

// Streaming writes: create a dataset of its final shape once, then fill it row block by row
// block (a hyperslab per write), so a long rollout never holds its whole trajectory in memory.
public sealed partial class Hdf5File
{
    /// <summary>Opens an existing file for reading and writing (to continue a streamed dataset).</summary>
    public static Hdf5File OpenReadWrite(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"HDF5 file '{path}' does not exist", path);
        Hdf5Library.EnsureLoaded();
        lock (Hdf5Library.Sync)
        {
            var file = Hdf5Handle.OwnFile(
                Hdf5Native.H5Fopen(path, Hdf5Native.H5F_ACC_RDWR, Hdf5Native.H5P_DEFAULT), path,
                () => $"could not open '{path}' for writing: the file is truncated, corrupt or not an HDF5 file");
            return new Hdf5File(path, file);
        }
    }

    /// <summary>Creates a dataset of the given shape (rank >= 1) whose rows are written later with <see cref="WriteRows{T}"/>.</summary>
    public unsafe void CreateDataset<T>(string name, ReadOnlySpan<long> shape) where T : unmanaged
    {
        var element = Hdf5ElementType.Of<T>();
        if (shape.Length == 0 || shape.ToArray().Any(e => e < 0))
            throw new ArgumentException($"dataset '{name}' in '{Path}': invalid shape [{string.Join(", ", shape.ToArray())}]", nameof(shape));
        var dims = shape.ToArray().Select(e => (ulong)e).ToArray();
        lock (Hdf5Library.Sync)
        {
            fixed (ulong* dimsPtr = dims)
            {
                using var space = Hdf5Handle.Own(Hdf5Native.H5Screate_simple(dims.Length, dimsPtr, null),
                    Hdf5Handle.Kind.Dataspace, () => $"could not create a dataspace for dataset '{name}' in '{Path}'");
                using var dataset = Hdf5Handle.Own(
                    Hdf5Native.H5Dcreate2(FileId, name, element.FileType, space.Id, Hdf5Native.H5P_DEFAULT,
                        Hdf5Native.H5P_DEFAULT, Hdf5Native.H5P_DEFAULT),
                    Hdf5Handle.Kind.Dataset, () => $"could not create dataset '{name}' in '{Path}' (does it already exist?)");
            }
        }
    }

    /// <summary>Writes rows [start, start + rows) of an existing dataset from row-major <paramref name="data"/>.</summary>
    public unsafe void WriteRows<T>(string name, long start, ReadOnlySpan<T> data) where T : unmanaged
    {
        var element = Hdf5ElementType.Of<T>();
        lock (Hdf5Library.Sync)
        {
            using var dataset = OpenDataset(name);
            using var fileSpace = DatasetSpace(dataset, name);
            var info = Describe(name, dataset, fileSpace);
            long rowSize = info.Shape.Skip(1).Aggregate(1L, (p, e) => p * e);
            if (rowSize == 0 || data.Length % rowSize != 0)
                throw new ArgumentException(
                    $"dataset '{name}' in '{Path}' ({info}): {data.Length} values are not whole rows of {rowSize}", nameof(data));
            long rows = data.Length / rowSize;
            if (start < 0 || start + rows > info.Shape[0])
                throw new Hdf5Exception($"rows {start}..{start + rows - 1} are outside dataset '{name}' in '{Path}' ({info})");
            if (rows == 0) return;
            var offset = new ulong[info.Rank];
            var extent = info.Shape.Select(e => (ulong)e).ToArray();
            offset[0] = (ulong)start;
            extent[0] = (ulong)rows;
            fixed (ulong* offsetPtr = offset)
            fixed (ulong* extentPtr = extent)
            fixed (T* buffer = data)
            {
                if (Hdf5Native.H5Sselect_hyperslab(fileSpace.Id, Hdf5Native.H5S_SELECT_SET, offsetPtr, null, extentPtr, null) < 0)
                    throw Hdf5ErrorStack.Failure($"could not select rows {start}.. of dataset '{name}' in '{Path}'");
                using var memorySpace = Hdf5Handle.Own(Hdf5Native.H5Screate_simple(info.Rank, extentPtr, null),
                    Hdf5Handle.Kind.Dataspace, () => $"could not create a memory dataspace for dataset '{name}' in '{Path}'");
                if (Hdf5Native.H5Dwrite(dataset.Id, element.MemoryType, memorySpace.Id, fileSpace.Id, Hdf5Native.H5P_DEFAULT,
                        buffer) < 0)
                    throw Hdf5ErrorStack.Failure($"could not write rows {start}.. of dataset '{name}' in '{Path}'");
            }
        }
    }

    /// <summary>Pushes buffered writes to the file (before recording progress for a resume).</summary>
    public void Flush()
    {
        lock (Hdf5Library.Sync)
        {
            if (Hdf5Native.H5Fflush(FileId, Hdf5Native.H5F_SCOPE_LOCAL) < 0)
                throw Hdf5ErrorStack.Failure($"could not flush '{Path}'");
        }
    }
}
