using System.Runtime.InteropServices;

namespace MlCgMd.Data.Hdf5;

/// <summary>
/// Entry points of Debian's serial HDF5 1.10 (libhdf5_serial.so.103). Identifiers are
/// <c>hid_t</c> (int64); functions returning an identifier return a negative value on
/// failure and status functions (<c>herr_t</c>, <c>htri_t</c>) return a negative value.
/// Callers go through <see cref="Hdf5Library"/>, which serialises every call because the
/// serial build is not thread-safe.
/// </summary>
internal static partial class Hdf5Native
{
    internal const string Lib = "libhdf5_serial.so.103";

    internal const long H5P_DEFAULT = 0;
    internal const long H5S_ALL = 0;
    internal const long H5E_DEFAULT = 0;
    internal const uint H5F_ACC_RDONLY = 0x0000;
    internal const uint H5F_ACC_TRUNC = 0x0002;
    internal const uint H5F_ACC_RDWR = 0x0001;
    internal const int H5F_SCOPE_LOCAL = 0;
    internal const int H5S_SELECT_SET = 0;

    // H5T_class_t
    internal const int H5T_INTEGER = 0;
    internal const int H5T_FLOAT = 1;
    // H5T_sign_t
    internal const int H5T_SGN_NONE = 0;

    [LibraryImport(Lib)] internal static partial int H5open();
    [LibraryImport(Lib)] internal static partial int H5dont_atexit();
    [LibraryImport(Lib)] internal static partial int H5Eset_auto2(long errorStack, IntPtr func, IntPtr clientData);
    [LibraryImport(Lib)] internal static unsafe partial int H5Ewalk2(long errorStack, int direction,
        delegate* unmanaged<uint, ErrorEntry*, IntPtr, int> visit, IntPtr clientData);

    internal const int H5E_WALK_UPWARD = 0;

    /// <summary>H5E_error2_t: one entry of the error stack.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct ErrorEntry
    {
        internal long ClassId, MajorId, MinorId;
        internal uint Line;
        internal IntPtr FunctionName, FileName, Description;
    }

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial long H5Fcreate(string name, uint flags, long createPlist, long accessPlist);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial long H5Fopen(string name, uint flags, long accessPlist);
    [LibraryImport(Lib)] internal static partial int H5Fclose(long file);
    [LibraryImport(Lib)] internal static partial int H5Fflush(long file, int scope);
    [LibraryImport(Lib)] internal static unsafe partial int H5Fget_vfd_handle(long file, long accessPlist, void** fileHandle);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int H5Lexists(long location, string name, long linkAccessPlist);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial long H5Dcreate2(long location, string name, long fileType, long space,
        long linkCreatePlist, long datasetCreatePlist, long datasetAccessPlist);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial long H5Dopen2(long location, string name, long datasetAccessPlist);
    [LibraryImport(Lib)] internal static partial long H5Dget_space(long dataset);
    [LibraryImport(Lib)] internal static partial long H5Dget_type(long dataset);
    [LibraryImport(Lib)] internal static unsafe partial int H5Dread(long dataset, long memoryType,
        long memorySpace, long fileSpace, long transferPlist, void* buffer);
    [LibraryImport(Lib)] internal static unsafe partial int H5Dwrite(long dataset, long memoryType,
        long memorySpace, long fileSpace, long transferPlist, void* buffer);
    [LibraryImport(Lib)] internal static partial int H5Dclose(long dataset);

    [LibraryImport(Lib)] internal static unsafe partial long H5Screate_simple(int rank, ulong* dims, ulong* maxDims);
    [LibraryImport(Lib)] internal static partial int H5Sget_simple_extent_ndims(long space);
    [LibraryImport(Lib)] internal static unsafe partial int H5Sget_simple_extent_dims(long space, ulong* dims, ulong* maxDims);
    [LibraryImport(Lib)] internal static unsafe partial int H5Sselect_hyperslab(long space, int op,
        ulong* start, ulong* stride, ulong* count, ulong* block);
    [LibraryImport(Lib)] internal static partial int H5Sclose(long space);

    [LibraryImport(Lib)] internal static partial int H5Tget_class(long type);
    [LibraryImport(Lib)] internal static partial nuint H5Tget_size(long type);
    [LibraryImport(Lib)] internal static partial int H5Tget_sign(long type);
    [LibraryImport(Lib)] internal static partial int H5Tclose(long type);

    internal const int H5S_SCALAR = 0;
    internal const int H5T_CSET_UTF8 = 1;
    internal const int H5T_STRING = 3;
    internal static readonly nuint H5T_VARIABLE = nuint.MaxValue;

    [LibraryImport(Lib)] internal static partial long H5Screate(int type);
    [LibraryImport(Lib)] internal static partial long H5Tcopy(long type);
    [LibraryImport(Lib)] internal static partial int H5Tset_size(long type, nuint size);
    [LibraryImport(Lib)] internal static partial int H5Tset_cset(long type, int cset);
    [LibraryImport(Lib)] internal static partial int H5Tis_variable_str(long type);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial long H5Acreate2(long location, string name, long type, long space, long createPlist, long accessPlist);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial long H5Aopen(long location, string name, long accessPlist);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int H5Aexists(long location, string name);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int H5Adelete(long location, string name);
    [LibraryImport(Lib)] internal static unsafe partial int H5Awrite(long attribute, long memoryType, void* buffer);
    [LibraryImport(Lib)] internal static unsafe partial int H5Aread(long attribute, long memoryType, void* buffer);
    [LibraryImport(Lib)] internal static partial long H5Aget_type(long attribute);
    [LibraryImport(Lib)] internal static partial int H5Aclose(long attribute);
    [LibraryImport(Lib)] internal static partial int H5free_memory(IntPtr buffer);

    [LibraryImport(Lib)] internal static partial long H5Pcreate(long plistClass);
    [LibraryImport(Lib)] internal static unsafe partial int H5Pset_chunk(long plist, int rank, ulong* dims);
    [LibraryImport(Lib)] internal static partial int H5Pset_deflate(long plist, uint level);
    [LibraryImport(Lib)] internal static partial int H5Pclose(long plist);
}
