namespace MlCgMd.Data.Hdf5;

/// <summary>
/// An open HDF5 file holding flat numeric datasets at its root, as h5py's
/// <c>create_dataset(name, data=array)</c> writes them. Reads go through <c>H5Dread</c>, so
/// chunked and gzip-compressed datasets read like contiguous ones. Dispose to close the file.
/// </summary>
public sealed partial class Hdf5File : IDisposable
{
    private readonly Hdf5Handle _file;

    private Hdf5File(string path, Hdf5Handle file)
    {
        Path = path;
        _file = file;
    }

    public string Path { get; }

    private long FileId
    {
        get
        {
            ObjectDisposedException.ThrowIf(_file.IsClosed, this);
            return _file.Id;
        }
    }

    /// <summary>Creates <paramref name="path"/>, replacing any existing file.</summary>
    public static Hdf5File Create(string path)
    {
        Hdf5Library.EnsureLoaded();
        lock (Hdf5Library.Sync)
        {
            var file = Hdf5Handle.OwnFile(
                Hdf5Native.H5Fcreate(path, Hdf5Native.H5F_ACC_TRUNC, Hdf5Native.H5P_DEFAULT, Hdf5Native.H5P_DEFAULT), path,
                () => $"could not create HDF5 file '{path}'");
            return new Hdf5File(path, file);
        }
    }

    /// <summary>Opens an existing file read-only.</summary>
    public static Hdf5File OpenRead(string path)
    {
        OutputFolder.RequireRegularFile(path, "HDF5 file");
        Hdf5Library.EnsureLoaded();
        lock (Hdf5Library.Sync)
        {
            var file = Hdf5Handle.OwnFile(
                Hdf5Native.H5Fopen(path, Hdf5Native.H5F_ACC_RDONLY, Hdf5Native.H5P_DEFAULT), path,
                () => $"could not open '{path}' as HDF5 ({new FileInfo(path).Length} bytes): " +
                      "the file is truncated, corrupt or not an HDF5 file");
            return new Hdf5File(path, file);
        }
    }

    /// <summary>Whether a dataset (or any link) called <paramref name="name"/> exists at the root.</summary>
    public bool Contains(string name)
    {
        lock (Hdf5Library.Sync)
        {
            int exists = Hdf5Native.H5Lexists(FileId, name, Hdf5Native.H5P_DEFAULT);
            if (exists < 0)
                throw Hdf5ErrorStack.Failure($"could not look up dataset '{name}' in '{Path}'");
            return exists > 0;
        }
    }

    /// <summary>Shape and stored element type of dataset <paramref name="name"/>.</summary>
    public Hdf5DatasetInfo Describe(string name)
    {
        lock (Hdf5Library.Sync)
        {
            using var dataset = OpenDataset(name);
            using var space = DatasetSpace(dataset, name);
            return Describe(name, dataset, space);
        }
    }

    /// <summary>Reads the whole dataset.</summary>
    public Hdf5Array<T> Read<T>(string name) where T : unmanaged
    {
        var element = Hdf5ElementType.Of<T>();
        lock (Hdf5Library.Sync)
        {
            using var dataset = OpenDataset(name);
            using var space = DatasetSpace(dataset, name);
            var info = Describe(name, dataset, space);
            RequireReadable(element, info);
            var data = new T[CheckedLength(info.ElementCount, name)];
            ReadInto(dataset, element, Hdf5Native.H5S_ALL, Hdf5Native.H5S_ALL, data, name);
            return new Hdf5Array<T>(data, info.Shape);
        }
    }

    /// <summary>
    /// Reads <paramref name="count"/> rows along the first axis starting at
    /// <paramref name="start"/> and stepping by <paramref name="stride"/> (e.g. a window of
    /// frames of a T x N x 3 dataset, or every dilation-th frame) through a hyperslab
    /// selection, so only those rows leave the file.
    /// </summary>
    public unsafe Hdf5Array<T> ReadRows<T>(string name, long start, long count, long stride = 1) where T : unmanaged
    {
        if (stride < 1)
            throw new ArgumentOutOfRangeException(nameof(stride), stride, "stride must be at least 1");
        var element = Hdf5ElementType.Of<T>();
        lock (Hdf5Library.Sync)
        {
            using var dataset = OpenDataset(name);
            using var fileSpace = DatasetSpace(dataset, name);
            var info = Describe(name, dataset, fileSpace);
            RequireReadable(element, info);
            if (info.Rank == 0)
                throw new Hdf5Exception($"dataset '{name}' in '{Path}' is a scalar; it has no rows to select");
            long last = start + (count - 1) * stride;
            if (start < 0 || count < 0 || (count > 0 && last >= info.Shape[0]))
                throw new Hdf5Exception(
                    $"rows {start}, {start + stride}, .. {last} ({count} rows, stride {stride}) are outside dataset '{name}' in '{Path}', which has {info.Shape[0]} rows ({info})");

            var offset = new ulong[info.Rank];
            var steps = Enumerable.Repeat(1UL, info.Rank).ToArray();
            var extent = info.Shape.Select(e => (ulong)e).ToArray();
            offset[0] = (ulong)start;
            steps[0] = (ulong)stride;
            extent[0] = (ulong)count;
            var shape = extent.Select(e => (long)e).ToArray();
            var data = new T[CheckedLength(shape.Aggregate(1L, (p, e) => p * e), name)];
            if (data.Length == 0)
                return new Hdf5Array<T>(data, shape);
            fixed (ulong* offsetPtr = offset)
            fixed (ulong* stepsPtr = steps)
            fixed (ulong* extentPtr = extent)
            {
                if (Hdf5Native.H5Sselect_hyperslab(fileSpace.Id, Hdf5Native.H5S_SELECT_SET, offsetPtr, stepsPtr, extentPtr, null) < 0)
                    throw Hdf5ErrorStack.Failure($"could not select {count} rows from row {start} (stride {stride}) of dataset '{name}' in '{Path}'");
                using var memorySpace = Hdf5Handle.Own(
                    Hdf5Native.H5Screate_simple(info.Rank, extentPtr, null), Hdf5Handle.Kind.Dataspace,
                    () => $"could not create a memory dataspace for dataset '{name}' in '{Path}'");
                ReadInto(dataset, element, memorySpace.Id, fileSpace.Id, data, name);
            }
            return new Hdf5Array<T>(data, shape);
        }
    }

    /// <summary>
    /// Writes a new dataset of the given <paramref name="shape"/> (rank >= 1) from row-major
    /// <paramref name="data"/>. With <paramref name="gzipLevel"/> the dataset is chunked one
    /// row per chunk and deflate-compressed; otherwise it is contiguous, as h5py's default.
    /// </summary>
    public unsafe void Write<T>(string name, ReadOnlySpan<T> data, ReadOnlySpan<long> shape, int? gzipLevel = null)
        where T : unmanaged
    {
        var element = Hdf5ElementType.Of<T>();
        if (shape.Length == 0)
            throw new ArgumentException($"dataset '{name}' in '{Path}': shape must have at least one axis", nameof(shape));
        long expected = 1;
        foreach (long extent in shape)
        {
            if (extent < 0)
                throw new ArgumentException($"dataset '{name}' in '{Path}': negative extent in shape [{string.Join(", ", shape.ToArray())}]", nameof(shape));
            expected *= extent;
        }
        if (expected != data.Length)
            throw new ArgumentException(
                $"dataset '{name}' in '{Path}': shape [{string.Join(", ", shape.ToArray())}] holds {expected} elements but {data.Length} were given",
                nameof(data));
        if (gzipLevel is < 0 or > 9)
            throw new ArgumentOutOfRangeException(nameof(gzipLevel), gzipLevel, "gzip level must be 0..9");

        var dims = new ulong[shape.Length];
        for (int i = 0; i < dims.Length; i++)
            dims[i] = (ulong)shape[i];
        lock (Hdf5Library.Sync)
        {
            fixed (ulong* dimsPtr = dims)
            {
                using var space = Hdf5Handle.Own(Hdf5Native.H5Screate_simple(dims.Length, dimsPtr, null),
                    Hdf5Handle.Kind.Dataspace, () => $"could not create a dataspace for dataset '{name}' in '{Path}'");
                using var creation = CreationProperties(name, dims, gzipLevel);
                using var dataset = Hdf5Handle.Own(
                    Hdf5Native.H5Dcreate2(FileId, name, element.FileType, space.Id, Hdf5Native.H5P_DEFAULT,
                        creation.Id, Hdf5Native.H5P_DEFAULT),
                    Hdf5Handle.Kind.Dataset, () => $"could not create dataset '{name}' in '{Path}' (does it already exist?)");
                if (data.Length == 0)
                    return;
                fixed (T* buffer = data)
                {
                    if (Hdf5Native.H5Dwrite(dataset.Id, element.MemoryType, Hdf5Native.H5S_ALL, Hdf5Native.H5S_ALL,
                            Hdf5Native.H5P_DEFAULT, buffer) < 0)
                        throw Hdf5ErrorStack.Failure($"could not write dataset '{name}' in '{Path}'");
                }
            }
        }
    }

    /// <summary>
    /// Closes the file, which writes what HDF5 still buffers; a close that fails (disk full, file-size limit)
    /// throws, naming the file, rather than leaving a file that reads as complete but is not.
    /// </summary>
    public void Dispose()
    {
        if (_file.IsClosed) return;
        int status;
        lock (Hdf5Library.Sync)
        {
            status = _file.CloseWithStatus();
            if (status < 0)
                throw Hdf5ErrorStack.Failure($"could not close '{Path}': its last writes may be lost (disk full or file-size limit?)");
        }
    }

    /// <summary>Closes every file, then throws the first close failure, if any.</summary>
    public static void DisposeAll(IEnumerable<Hdf5File> files)
    {
        Exception? first = null;
        foreach (Hdf5File file in files)
        {
            try
            {
                file.Dispose();
            }
            catch (Hdf5Exception e)
            {
                first ??= e;
            }
        }
        if (first is not null) throw first;
    }

    private unsafe Hdf5Handle CreationProperties(string name, ulong[] dims, int? gzipLevel)
    {
        var plist = Hdf5Handle.Own(Hdf5Native.H5Pcreate(Hdf5Library.Ids.DatasetCreateClass), Hdf5Handle.Kind.PropertyList,
            () => $"could not create dataset properties for '{name}' in '{Path}'");
        // Chunks need non-zero extents; an empty dataset stays contiguous.
        if (gzipLevel is not { } level || dims.Any(d => d == 0))
            return plist;
        var chunk = (ulong[])dims.Clone();
        if (chunk.Length > 1)
            chunk[0] = 1;
        else
            chunk[0] = Math.Min(chunk[0], 1UL << 16);
        fixed (ulong* chunkPtr = chunk)
        {
            if (Hdf5Native.H5Pset_chunk(plist.Id, chunk.Length, chunkPtr) < 0 ||
                Hdf5Native.H5Pset_deflate(plist.Id, (uint)level) < 0)
            {
                var failure = Hdf5ErrorStack.Failure($"could not set gzip compression for dataset '{name}' in '{Path}'");
                plist.Dispose();
                throw failure;
            }
        }
        return plist;
    }

    private Hdf5Handle OpenDataset(string name)
    {
        int exists = Hdf5Native.H5Lexists(FileId, name, Hdf5Native.H5P_DEFAULT);
        if (exists <= 0)
            throw new Hdf5Exception($"dataset '{name}' is missing from '{Path}'");
        return Hdf5Handle.Own(Hdf5Native.H5Dopen2(FileId, name, Hdf5Native.H5P_DEFAULT), Hdf5Handle.Kind.Dataset,
            () => $"'{name}' in '{Path}' is not a dataset");
    }

    private Hdf5Handle DatasetSpace(Hdf5Handle dataset, string name) =>
        Hdf5Handle.Own(Hdf5Native.H5Dget_space(dataset.Id), Hdf5Handle.Kind.Dataspace,
            () => $"could not read the dataspace of dataset '{name}' in '{Path}'");

    private unsafe Hdf5DatasetInfo Describe(string name, Hdf5Handle dataset, Hdf5Handle space)
    {
        int rank = Hdf5Native.H5Sget_simple_extent_ndims(space.Id);
        if (rank < 0)
            throw Hdf5ErrorStack.Failure($"could not read the rank of dataset '{name}' in '{Path}'");
        var dims = new ulong[rank];
        fixed (ulong* dimsPtr = dims)
        {
            if (rank > 0 && Hdf5Native.H5Sget_simple_extent_dims(space.Id, dimsPtr, null) < 0)
                throw Hdf5ErrorStack.Failure($"could not read the shape of dataset '{name}' in '{Path}'");
        }
        using var type = Hdf5Handle.Own(Hdf5Native.H5Dget_type(dataset.Id), Hdf5Handle.Kind.Datatype,
            () => $"could not read the element type of dataset '{name}' in '{Path}'");
        var valueClass = Hdf5Native.H5Tget_class(type.Id) switch
        {
            Hdf5Native.H5T_INTEGER => Hdf5ValueClass.Integer,
            Hdf5Native.H5T_FLOAT => Hdf5ValueClass.Float,
            _ => Hdf5ValueClass.Other,
        };
        int size = (int)Hdf5Native.H5Tget_size(type.Id);
        bool signed = valueClass != Hdf5ValueClass.Integer || Hdf5Native.H5Tget_sign(type.Id) != Hdf5Native.H5T_SGN_NONE;
        return new Hdf5DatasetInfo(name, dims.Select(d => (long)d).ToArray(), valueClass, size, signed);
    }

    private void RequireReadable(Hdf5ElementType element, Hdf5DatasetInfo info)
    {
        if (element.RefusalToRead(info) is { } reason)
            throw new Hdf5Exception($"dataset '{info.Name}' in '{Path}' cannot be read as {element.Name}: {reason}");
    }

    private unsafe void ReadInto<T>(Hdf5Handle dataset, Hdf5ElementType element, long memorySpace, long fileSpace,
        T[] data, string name) where T : unmanaged
    {
        if (data.Length == 0)
            return;
        fixed (T* buffer = data)
        {
            if (Hdf5Native.H5Dread(dataset.Id, element.MemoryType, memorySpace, fileSpace, Hdf5Native.H5P_DEFAULT, buffer) < 0)
                throw Hdf5ErrorStack.Failure(
                    $"could not read dataset '{name}' from '{Path}': the file is truncated or corrupt, or a filter it uses is unavailable");
        }
    }

    private int CheckedLength(long elements, string name) =>
        elements <= Array.MaxLength
            ? (int)elements
            : throw new Hdf5Exception($"dataset '{name}' in '{Path}' has {elements} elements, more than one .NET array holds");
}
