namespace MlCgMd.Torch;

/// <summary>
/// An error raised inside libtorch (shape mismatch, wrong dtype, index out of range,
/// CUDA unavailable, ...), carried across the native boundary with libtorch's message.
/// </summary>
public sealed class TorchException : Exception
{
    public TorchException(string message) : base(string.IsNullOrEmpty(message) ? "libtorch error" : message) { }
}
