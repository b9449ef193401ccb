namespace MlCgMd.Data.Hdf5;

/// <summary>
/// The .NET element types the binding reads and writes, with their in-memory HDF5 type and
/// the little-endian file type h5py would store for the matching numpy dtype.
/// </summary>
internal sealed record Hdf5ElementType(string Name, Hdf5ValueClass ValueClass, int Size, bool IsSigned,
    long MemoryType, long FileType)
{
    internal static Hdf5ElementType Of<T>() where T : unmanaged
    {
        var ids = Hdf5Library.Ids;
        if (typeof(T) == typeof(float)) return new("float32", Hdf5ValueClass.Float, 4, true, ids.NativeFloat, ids.FileFloat32);
        if (typeof(T) == typeof(double)) return new("float64", Hdf5ValueClass.Float, 8, true, ids.NativeDouble, ids.FileFloat64);
        if (typeof(T) == typeof(int)) return new("int32", Hdf5ValueClass.Integer, 4, true, ids.NativeInt32, ids.FileInt32);
        if (typeof(T) == typeof(long)) return new("int64", Hdf5ValueClass.Integer, 8, true, ids.NativeInt64, ids.FileInt64);
        if (typeof(T) == typeof(byte)) return new("uint8", Hdf5ValueClass.Integer, 1, false, ids.NativeUInt8, ids.FileUInt8);
        throw new NotSupportedException(
            $"HDF5 element type {typeof(T).Name} is not supported; use float, double, int, long or byte");
    }

    /// <summary>
    /// Why a stored dataset cannot be read into this type without losing information, or null
    /// when it can. Floats of any width read into float or double (the official loader casts
    /// positions to float32 too); integers must fit without narrowing.
    /// </summary>
    internal string? RefusalToRead(Hdf5DatasetInfo stored)
    {
        if (stored.ValueClass != ValueClass)
            return $"stored as {stored.TypeName}, which does not convert to {Name} without loss";
        if (ValueClass == Hdf5ValueClass.Integer)
        {
            bool fits = (IsSigned, stored.IsSigned) switch
            {
                (true, true) or (false, false) => stored.ElementSize <= Size,
                (true, false) => stored.ElementSize < Size,
                (false, true) => false,
            };
            if (!fits)
                return $"stored as {stored.TypeName}, which does not fit {Name}";
        }
        return null;
    }
}
