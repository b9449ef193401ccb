namespace MlCgMd.Torch;

/// <summary>
/// One entry of a Python-style index: an integer, a slice, a tensor, a boolean,
/// <see cref="None"/> (new axis) or <see cref="Ellipsis"/>. Integers, C# ranges and tensors
/// convert implicitly: <c>x[0, 1..3, TensorIndex.Ellipsis, idx]</c>.
/// </summary>
public readonly struct TensorIndex
{
    internal enum Kind { None = 0, Ellipsis = 1, Integer = 2, Slice = 3, Tensor = 4, Boolean = 5 }

    internal Kind IndexKind { get; }
    internal long Start { get; }
    internal long? SliceStart { get; }
    internal long? SliceStop { get; }
    internal long Step { get; }
    internal Tensor? IndexTensor { get; }

    private TensorIndex(Kind kind, long start = 0, long? sliceStart = null, long? sliceStop = null, long step = 1,
                        Tensor? tensor = null)
    {
        IndexKind = kind;
        Start = start;
        SliceStart = sliceStart;
        SliceStop = sliceStop;
        Step = step;
        IndexTensor = tensor;
    }

    /// <summary>Inserts a dimension of size 1 (Python's None / np.newaxis).</summary>
    public static readonly TensorIndex None = new(Kind.None);
    /// <summary>Python's "..." : as many full slices as needed.</summary>
    public static readonly TensorIndex Ellipsis = new(Kind.Ellipsis);
    /// <summary>Python's ":" (the whole dimension).</summary>
    public static readonly TensorIndex Colon = new(Kind.Slice);

    public static TensorIndex Single(long index) => new(Kind.Integer, start: index);
    public static TensorIndex Bool(bool value) => new(Kind.Boolean, start: value ? 1 : 0);
    public static TensorIndex Tensor(Tensor index) => new(Kind.Tensor, tensor: index);

    /// <summary>Python's start:stop:step; null bounds are open.</summary>
    public static TensorIndex Slice(long? start = null, long? stop = null, long step = 1) =>
        new(Kind.Slice, sliceStart: start, sliceStop: stop, step: step);

    public static implicit operator TensorIndex(long index) => Single(index);
    public static implicit operator TensorIndex(int index) => Single(index);
    public static implicit operator TensorIndex(Tensor index) => Tensor(index);

    /// <summary>A C# range: 1..3 is 1:3, ^2.. is -2:, .. is ":".</summary>
    public static implicit operator TensorIndex(Range range)
    {
        long? start = range.Start.IsFromEnd ? (range.Start.Value == 0 ? null : -range.Start.Value) : range.Start.Value;
        if (!range.Start.IsFromEnd && range.Start.Value == 0) start = null;
        long? stop = range.End.IsFromEnd ? (range.End.Value == 0 ? null : -range.End.Value) : range.End.Value;
        return Slice(start, stop);
    }
}
