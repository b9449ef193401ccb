namespace MlCgMd.Data.Hdf5;

/// <summary>The numeric family of a stored dataset, from <c>H5Tget_class</c>.</summary>
public enum Hdf5ValueClass { Integer, Float, Other }

/// <summary>Shape and element type of a stored dataset.</summary>
/// <param name="Shape">Extent per axis; empty for a scalar dataset.</param>
/// <param name="ElementSize">Bytes per stored element.</param>
/// <param name="IsSigned">For integers: two's complement (numpy int*) rather than unsigned (uint*).</param>
public sealed record Hdf5DatasetInfo(string Name, long[] Shape, Hdf5ValueClass ValueClass, int ElementSize, bool IsSigned)
{
    public int Rank => Shape.Length;

    public long ElementCount => Shape.Aggregate(1L, (product, extent) => product * extent);

    /// <summary>numpy-style name of the stored type, e.g. <c>float32</c>, <c>int64</c>, <c>uint8</c>.</summary>
    public string TypeName => ValueClass switch
    {
        Hdf5ValueClass.Float => $"float{8 * ElementSize}",
        Hdf5ValueClass.Integer => $"{(IsSigned ? "" : "u")}int{8 * ElementSize}",
        _ => "non-numeric",
    };

    public override string ToString() => $"{TypeName} [{string.Join(", ", Shape)}]";
}
