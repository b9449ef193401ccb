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
    /// Owns a freshly opened or created file and marks its descriptor close-on-exec. libhdf5 opens files without
    /// <c>O_CLOEXEC</c> and holds an <c>flock</c> on them, so a child process started while the file is open
    /// (LAMMPS, a rank, a test's CLI run) would inherit the descriptor and keep the lock after the file is
    /// closed here: reopening it then fails with "unable to lock file".
    /// </summary>
    internal static unsafe Hdf5Handle OwnFile(long id, string path, Func<string> describeFailure)
    {
        if (id < 0)
            throw Hdf5ErrorStack.FileFailure(path, describeFailure());
        var file = new Hdf5Handle(id, Kind.File);
        void* descriptor = null;
        if (Hdf5Native.H5Fget_vfd_handle(id, Hdf5Native.H5P_DEFAULT, &descriptor) < 0 || descriptor == null)
        {
            file.CloseWithStatus();
            throw Hdf5ErrorStack.Failure(describeFailure() + " (no file descriptor)");
        }
        int fd = *(int*)descriptor;      // the default sec2 driver's handle is a POSIX descriptor
        if (fcntl(fd, SetDescriptorFlags, CloseOnExec) < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            file.CloseWithStatus();
            throw new Hdf5Exception($"{describeFailure()} (could not mark descriptor {fd} close-on-exec, errno {errno})");
        }
        return file;
    }

    private const int SetDescriptorFlags = 2;      // F_SETFD
    private const int CloseOnExec = 1;             // FD_CLOEXEC

    [DllImport("libc", SetLastError = true)] private static extern int fcntl(int fd, int command, int argument);

    /// <summary>
    /// Closes the identifier now and returns H5?close's status (negative: the close failed, e.g. a file whose
    /// buffered data could not be written); a later Dispose does nothing.
    /// </summary>
    internal int CloseWithStatus()
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
