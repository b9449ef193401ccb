using System.Runtime.InteropServices;
using System.Text;

namespace MlCgMd.Data.Hdf5;

/// <summary>
/// Scalar attributes on the file's root or on a dataset, as h5py's <c>attrs</c> reads them: text as
/// variable-length UTF-8 strings (h5py: str), numbers as int64 / float64. Used for units and for a
/// rollout's valid length. Writing an existing attribute replaces it.
/// </summary>
public sealed partial class Hdf5File
{
    /// <param name="dataset">dataset to attach to; null: the file's root group</param>
    public unsafe void WriteAttribute(string? dataset, string name, string value)
    {
        lock (Hdf5Library.Sync)
        {
            using var type = StringType();
            byte[] utf8 = [.. Encoding.UTF8.GetBytes(value), 0];
            fixed (byte* text = utf8)
            {
                IntPtr pointer = (IntPtr)text;
                WriteScalar(dataset, name, type.Id, type.Id, &pointer);
            }
        }
    }

    public unsafe void WriteAttribute(string? dataset, string name, long value)
    {
        lock (Hdf5Library.Sync)
            WriteScalar(dataset, name, Hdf5Library.Ids.FileInt64, Hdf5Library.Ids.NativeInt64, &value);
    }

    public unsafe void WriteAttribute(string? dataset, string name, double value)
    {
        lock (Hdf5Library.Sync)
            WriteScalar(dataset, name, Hdf5Library.Ids.FileFloat64, Hdf5Library.Ids.NativeDouble, &value);
    }

    /// <summary>A text attribute, or null when there is none.</summary>
    public unsafe string? ReadStringAttribute(string? dataset, string name)
    {
        lock (Hdf5Library.Sync)
        {
            using var owner = dataset is null ? null : OpenDataset(dataset);
            long location = owner?.Id ?? FileId;
            if (Hdf5Native.H5Aexists(location, name) <= 0) return null;
            using var attribute = Hdf5Handle.Own(Hdf5Native.H5Aopen(location, name, Hdf5Native.H5P_DEFAULT),
                Hdf5Handle.Kind.Attribute, () => $"could not open attribute '{name}' in '{Path}'");
            using var stored = Hdf5Handle.Own(Hdf5Native.H5Aget_type(attribute.Id), Hdf5Handle.Kind.Datatype,
                () => $"could not read the type of attribute '{name}' in '{Path}'");
            if (Hdf5Native.H5Tget_class(stored.Id) != Hdf5Native.H5T_STRING || Hdf5Native.H5Tis_variable_str(stored.Id) <= 0)
                throw new InvalidDataException($"'{Path}': attribute '{name}' is not a variable-length string");
            using var type = StringType();
            IntPtr text = IntPtr.Zero;
            if (Hdf5Native.H5Aread(attribute.Id, type.Id, &text) < 0)
                throw Hdf5ErrorStack.Failure($"could not read attribute '{name}' in '{Path}'");
            try
            {
                return Marshal.PtrToStringUTF8(text);
            }
            finally
            {
                Hdf5Native.H5free_memory(text);
            }
        }
    }

    /// <summary>A number attribute as int64, or null when there is none.</summary>
    public unsafe long? ReadInt64Attribute(string? dataset, string name)
    {
        long value = 0;
        lock (Hdf5Library.Sync)
            return ReadScalar(dataset, name, Hdf5Library.Ids.NativeInt64, &value) ? value : null;
    }

    /// <summary>A number attribute as float64, or null when there is none.</summary>
    public unsafe double? ReadDoubleAttribute(string? dataset, string name)
    {
        double value = 0;
        lock (Hdf5Library.Sync)
            return ReadScalar(dataset, name, Hdf5Library.Ids.NativeDouble, &value) ? value : null;
    }

    private static Hdf5Handle StringType()
    {
        var type = Hdf5Handle.Own(Hdf5Native.H5Tcopy(Hdf5Library.Ids.CString), Hdf5Handle.Kind.Datatype,
            () => "could not copy the HDF5 string type");
        if (Hdf5Native.H5Tset_size(type.Id, Hdf5Native.H5T_VARIABLE) < 0 || Hdf5Native.H5Tset_cset(type.Id, Hdf5Native.H5T_CSET_UTF8) < 0)
            throw Hdf5ErrorStack.Failure("could not make a variable-length UTF-8 string type");
        return type;
    }

    private unsafe void WriteScalar(string? dataset, string name, long fileType, long memoryType, void* value)
    {
        using var owner = dataset is null ? null : OpenDataset(dataset);
        long location = owner?.Id ?? FileId;
        if (Hdf5Native.H5Aexists(location, name) > 0 && Hdf5Native.H5Adelete(location, name) < 0)
            throw Hdf5ErrorStack.Failure($"could not replace attribute '{name}' in '{Path}'");
        using var space = Hdf5Handle.Own(Hdf5Native.H5Screate(Hdf5Native.H5S_SCALAR), Hdf5Handle.Kind.Dataspace,
            () => $"could not create a scalar dataspace for attribute '{name}'");
        using var attribute = Hdf5Handle.Own(
            Hdf5Native.H5Acreate2(location, name, fileType, space.Id, Hdf5Native.H5P_DEFAULT, Hdf5Native.H5P_DEFAULT),
            Hdf5Handle.Kind.Attribute, () => $"could not create attribute '{name}' in '{Path}'");
        if (Hdf5Native.H5Awrite(attribute.Id, memoryType, value) < 0)
            throw Hdf5ErrorStack.Failure($"could not write attribute '{name}' in '{Path}'");
    }

    private unsafe bool ReadScalar(string? dataset, string name, long memoryType, void* value)
    {
        using var owner = dataset is null ? null : OpenDataset(dataset);
        long location = owner?.Id ?? FileId;
        if (Hdf5Native.H5Aexists(location, name) <= 0) return false;
        using var attribute = Hdf5Handle.Own(Hdf5Native.H5Aopen(location, name, Hdf5Native.H5P_DEFAULT),
            Hdf5Handle.Kind.Attribute, () => $"could not open attribute '{name}' in '{Path}'");
        if (Hdf5Native.H5Aread(attribute.Id, memoryType, value) < 0)
            throw Hdf5ErrorStack.Failure($"could not read attribute '{name}' in '{Path}' as a number");
        return true;
    }
}
