using System.Runtime.InteropServices;

namespace MlCgMd.Data.Hdf5;

/// <summary>
/// One-time library set-up and the identifiers HDF5 keeps in global variables
/// (H5T_NATIVE_FLOAT and friends are macros over <c>*_g</c> variables that only hold
/// valid ids after <c>H5open</c>). All native calls run under <see cref="Sync"/>.
/// </summary>
internal static class Hdf5Library
{
    /// <summary>The serial HDF5 build is not thread-safe: every native call holds this lock.</summary>
    internal static readonly Lock Sync = new();

    private static readonly Lazy<GlobalIds> Globals = new(Initialise, LazyThreadSafetyMode.ExecutionAndPublication);

    internal static GlobalIds Ids => Globals.Value;

    /// <summary>Loads the library and silences its error printing before the first call.</summary>
    internal static void EnsureLoaded() => _ = Globals.Value;

    internal sealed record GlobalIds(
        long NativeFloat, long NativeDouble, long NativeInt32, long NativeInt64, long NativeUInt8,
        long FileFloat32, long FileFloat64, long FileInt32, long FileInt64, long FileUInt8,
        long DatasetCreateClass, long CString);

    private static GlobalIds Initialise()
    {
        lock (Sync)
        {
            IntPtr library;
            try
            {
                library = NativeLibrary.Load(Hdf5Native.Lib);
            }
            catch (DllNotFoundException e)
            {
                throw new Hdf5Exception(
                    $"could not load {Hdf5Native.Lib}; install Debian package libhdf5-103-1 (environment/setup.sh)", e);
            }
            // No exit-time clean-up: every file here is closed explicitly (Hdf5File.Dispose checks the status), and a
            // file whose close failed (disk full) stays open inside HDF5, whose atexit flush of it would crash the process
            // (SIGSEGV after the error was reported).
            Hdf5Native.H5dont_atexit();
            if (Hdf5Native.H5open() < 0)
                throw new Hdf5Exception("H5open failed");
            // Failures become .NET exceptions; HDF5's own stderr dump would only add noise.
            Hdf5Native.H5Eset_auto2(Hdf5Native.H5E_DEFAULT, IntPtr.Zero, IntPtr.Zero);
            return new GlobalIds(
                ReadId(library, "H5T_NATIVE_FLOAT_g"), ReadId(library, "H5T_NATIVE_DOUBLE_g"),
                ReadId(library, "H5T_NATIVE_INT32_g"), ReadId(library, "H5T_NATIVE_INT64_g"),
                ReadId(library, "H5T_NATIVE_UINT8_g"),
                ReadId(library, "H5T_IEEE_F32LE_g"), ReadId(library, "H5T_IEEE_F64LE_g"),
                ReadId(library, "H5T_STD_I32LE_g"), ReadId(library, "H5T_STD_I64LE_g"),
                ReadId(library, "H5T_STD_U8LE_g"),
                ReadId(library, "H5P_CLS_DATASET_CREATE_ID_g"), ReadId(library, "H5T_C_S1_g"));
        }
    }

    private static long ReadId(IntPtr library, string symbol)
    {
        var address = NativeLibrary.GetExport(library, symbol);
        long id = Marshal.ReadInt64(address);
        if (id < 0)
            throw new Hdf5Exception($"HDF5 global {symbol} is not initialised (value {id})");
        return id;
    }
}
