namespace MlCgMd.Data.Hdf5;

/// <summary>A dense row-major array read from or written to an HDF5 dataset.</summary>
/// <param name="Data">Elements in C order (last axis fastest), as h5py/numpy store them.</param>
/// <param name="Shape">Extent per axis; the product equals <c>Data.Length</c>.</param>
public sealed record Hdf5Array<T>(T[] Data, long[] Shape) where T : unmanaged;
