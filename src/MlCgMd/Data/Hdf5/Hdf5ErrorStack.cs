using System.Runtime.InteropServices;

namespace MlCgMd.Data.Hdf5;

/// <summary>
/// Turns HDF5's error stack (recorded even with printing off) into exception text, so a
/// failure says e.g. "truncated file: eof = 2336, ... stored_eof = 2400" next to our own words.
/// Call right after the failing native call, under <see cref="Hdf5Library.Sync"/>.
/// </summary>
internal static class Hdf5ErrorStack
{
    /// <summary>An exception with <paramref name="message"/> followed by HDF5's innermost reasons.</summary>
    internal static Hdf5Exception Failure(string message)
    {
        var reasons = Reasons();
        return new Hdf5Exception(reasons.Count == 0 ? message : $"{message} (HDF5: {string.Join("; ", reasons)})");
    }

    /// <summary>
    /// Like <see cref="Failure"/> for opening or creating file <paramref name="path"/>, but a file another process
    /// holds open (HDF5's flock refused) is said to be that, not "corrupt".
    /// </summary>
    internal static Hdf5Exception FileFailure(string path, string message)
    {
        var reasons = Reasons();
        if (reasons.Any(r => r.Contains("unable to lock file")))
            return new Hdf5Exception($"could not open HDF5 file '{path}': another process holds it open " +
                                     $"(HDF5: {string.Join("; ", reasons)}); wait for that process to finish");
        return new Hdf5Exception(reasons.Count == 0 ? message : $"{message} (HDF5: {string.Join("; ", reasons)})");
    }

    private static unsafe List<string> Reasons()
    {
        var reasons = new List<string>();
        var handle = GCHandle.Alloc(reasons);
        try
        {
            Hdf5Native.H5Ewalk2(Hdf5Native.H5E_DEFAULT, Hdf5Native.H5E_WALK_UPWARD, &Visit, GCHandle.ToIntPtr(handle));
        }
        finally
        {
            handle.Free();
        }
        // Upward walk starts at the innermost cause; the outer entries only repeat "unable to open file".
        return reasons.Take(2).ToList();
    }

    [UnmanagedCallersOnly]
    private static unsafe int Visit(uint index, Hdf5Native.ErrorEntry* entry, IntPtr reasons)
    {
        if (entry->Description != IntPtr.Zero && GCHandle.FromIntPtr(reasons).Target is List<string> list)
        {
            string? text = Marshal.PtrToStringUTF8(entry->Description);
            if (!string.IsNullOrWhiteSpace(text))
                list.Add(text);
        }
        return 0;
    }
}
