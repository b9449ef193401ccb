using MlCgMd.Torch.Native;

namespace MlCgMd.Torch;

public static partial class torch
{
    /// <summary>CUDA queries. On a CPU-only libtorch <see cref="is_available"/> is false.</summary>
    public static class cuda
    {
        public static bool is_available() => NativeMethods.mlt_cuda_is_available() == 1;

        public static int device_count() => NativeMethods.mlt_cuda_device_count();

        /// <summary>Waits for all queued GPU work (for timing).</summary>
        public static void synchronize() => NativeCheck.Status(NativeMethods.mlt_cuda_synchronize());
    }
}
