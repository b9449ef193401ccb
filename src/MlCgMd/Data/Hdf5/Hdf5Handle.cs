using System.Runtime.InteropServices;

namespace MlCgMd.Data.Hdf5;

/// <summary>
/// Owns one HDF5 identifier and closes it with the matching <c>H5?close</c> exactly once.
/// </summary>
internal sealed class Hdf5Handle : SafeHandle
{
    internal enum Kind { File, Dataset, Dataspace, Datatype, PropertyList, Attribute }

    private readonly Kind _kind;

    private Hdf5Handle(long id, Kind kind) : base(new IntPtr(-1), ownsHandle: true)
    {
        _kind = kind;
        SetHandle(new IntPtr(id));
    }

    internal long Id => handle.ToInt64();

    public override bool IsInvalid => handle.ToInt64() < 0;

    /// <summary>Wraps a freshly returned id, throwing with <paramref name="describeFailure"/> when it is negative.</summary>
    internal static Hdf5Handle Own(long id, Kind kind, Func<string> describeFailure)
    {
        if (id < 0)
            throw Hdf5ErrorStack.Failure(describeFailure());
        return new Hdf5Handle(id, kind);
    }

    /// <summary>
    /// Closes the identifier now and returns H5?close's status (negative: the close failed, e.g. a file whose
    /// buffered data could not be written); a later Dispose does nothing.
    /// </summary>
    internal int Close()
    {
        if (IsClosed || IsInvalid) return 0;
        int status = CloseId(handle.ToInt64());
        SetHandleAsInvalid();
        return status;
    }

    protected override bool ReleaseHandle() => CloseId(handle.ToInt64()) >= 0;

    private int CloseId(long id)
    {
        lock (Hdf5Library.Sync)
        {
            int status = _kind switch
            {
                Kind.File => Hdf5Native.H5Fclose(id),
                Kind.Dataset => Hdf5Native.H5Dclose(id),
                Kind.Dataspace => Hdf5Native.H5Sclose(id),
                Kind.Datatype => Hdf5Native.H5Tclose(id),
                Kind.PropertyList => Hdf5Native.H5Pclose(id),
                Kind.Attribute => Hdf5Native.H5Aclose(id),
                _ => -1,
            };
            return status;
        }
    }
}
