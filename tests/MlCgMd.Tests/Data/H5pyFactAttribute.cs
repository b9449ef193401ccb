namespace MlCgMd.Tests.Data;

/// <summary>
/// A fact that needs Debian's /usr/bin/python3 with h5py (package python3-h5py); it is
/// reported as skipped, with the reason, on machines without them.
/// </summary>
public sealed class H5pyFactAttribute : FactAttribute
{
    public H5pyFactAttribute()
    {
        if (!DebianPython.Has("h5py"))
            Skip = DebianPython.SkipReason("h5py", "python3-h5py");
    }
}
