using System.Runtime.InteropServices;

namespace MlCgMd.Torch.Serialization;

/// <summary>
/// A tensor as a torch checkpoint stores it: a view (offset, shape, strides, in elements) into a
/// storage of raw little-endian bytes. Held as managed data until <see cref="ToTensor"/> copies it.
/// </summary>
/// <param name="DtypeName">PyTorch's name, e.g. float32 or float16 (from the storage class).</param>
/// <param name="Storage">The whole storage's bytes, shared by every view of it.</param>
public sealed record StoredTensor(string StorageKey, string DtypeName, ScalarType? Dtype, int ElementSize, byte[] Storage,
                                  long Offset, long[] Shape, long[] Strides)
{
    public long Numel => Shape.Aggregate(1L, (a, b) => a * b);

    /// <summary>A new contiguous tensor with these values (strided views are gathered element by element).</summary>
    public Tensor ToTensor()
    {
        ScalarType dtype = Dtype ?? throw new InvalidDataException(
            $"storage {StorageKey}: dtype {DtypeName} is not supported here (float32, float64, int64, int32 and bool are)");
        byte[] contiguous = Contiguous();
        return dtype switch
        {
            ScalarType.Float32 => torch.tensor<float>(MemoryMarshal.Cast<byte, float>(contiguous), Shape),
            ScalarType.Float64 => torch.tensor<double>(MemoryMarshal.Cast<byte, double>(contiguous), Shape),
            ScalarType.Int64 => torch.tensor<long>(MemoryMarshal.Cast<byte, long>(contiguous), Shape),
            ScalarType.Int32 => torch.tensor<int>(MemoryMarshal.Cast<byte, int>(contiguous), Shape),
            ScalarType.Bool => torch.tensor<bool>(MemoryMarshal.Cast<byte, bool>(contiguous), Shape),
            _ => throw new InvalidDataException($"storage {StorageKey}: dtype {DtypeName} is not supported"),
        };
    }

    /// <summary>The elements in row-major order, [numel × element size] bytes.</summary>
    private byte[] Contiguous()
    {
        long count = Numel;
        var result = new byte[count * ElementSize];
        var index = new long[Shape.Length];
        for (long k = 0; k < count; k++)
        {
            long source = Offset;
            for (int d = 0; d < Shape.Length; d++) source += index[d] * Strides[d];
            Buffer.BlockCopy(Storage, (int)(source * ElementSize), result, (int)(k * ElementSize), ElementSize);
            for (int d = Shape.Length - 1; d >= 0; d--)
            {
                if (++index[d] < Shape[d]) break;
                index[d] = 0;
            }
        }
        return result;
    }
}
