namespace MlCgMd.Data.Hdf5;

/// <summary>An HDF5 file could not be read or written; the message names the file and dataset.</summary>
public sealed class Hdf5Exception : IOException
{
    public Hdf5Exception(string message) : base(message) { }

    public Hdf5Exception(string message, Exception inner) : base(message, inner) { }
}
