using System.Runtime.InteropServices;
using MlCgMd.Torch.Native;

namespace MlCgMd.Torch;

public static partial class torch
{
    private static int interopThreadsChosen;

    /// <summary>
    /// Sets the threads of every pool this process computes with: libtorch's intra-op pool, the
    /// BLAS library's own pool (OpenBLAS keeps one beside libtorch's, one thread per core, which
    /// at::set_num_threads does not reach; PyTorch sets MKL's the same way) and, on the first call
    /// of the process, the inter-op pool (libtorch fixes that one when it starts; later calls leave
    /// it, as does an earlier <see cref="set_num_interop_threads"/>). <see cref="blas"/> tells
    /// whether the BLAS pool could be set.
    /// </summary>
    public static void set_num_threads(int n)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, "thread count must be at least 1");
        NativeCheck.Status(NativeMethods.mlt_set_num_threads(n));
        if (Interlocked.Exchange(ref interopThreadsChosen, 1) == 0)
            NativeMethods.mlt_set_num_interop_threads(n);   // refused when already fixed: that count stays
    }

    /// <summary>Threads of libtorch's intra-op pool.</summary>
    public static int get_num_threads() => NativeMethods.mlt_get_num_threads();

    /// <summary>
    /// Threads of the inter-op pool (at::launch). libtorch accepts this once, before the pool starts;
    /// afterwards it throws a <see cref="TorchException"/> that says so.
    /// </summary>
    public static void set_num_interop_threads(int n)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, "thread count must be at least 1");
        Interlocked.Exchange(ref interopThreadsChosen, 1);
        NativeCheck.Status(NativeMethods.mlt_set_num_interop_threads(n));
    }

    public static int get_num_interop_threads() => NativeMethods.mlt_get_num_interop_threads();

    /// <summary>libtorch's own description of its thread pools (torch.__config__.parallel_info()), plus the BLAS.</summary>
    public static string parallel_info()
    {
        IntPtr text = NativeCheck.Handle(NativeMethods.mlt_parallel_info());
        try
        {
            string info = (Marshal.PtrToStringUTF8(text) ?? "").TrimEnd();
            string threads = blas.get_num_threads() is { } n ? n.ToString() : "not controlled";
            return $"{info}\nBLAS: {blas.library}, threads {threads}";
        }
        finally
        {
            NativeMethods.mlt_free_string(text);
        }
    }

    /// <summary>The BLAS library libtorch's matrix products call, as found in this process.</summary>
    public static class blas
    {
        /// <summary>Its name and build (e.g. OpenBLAS's configuration string and threading model).</summary>
        public static string library => Marshal.PtrToStringUTF8(NativeMethods.mlt_blas_name()) ?? "?";

        /// <summary>Threads of its pool; null when the library exposes no thread control (then it is not set).</summary>
        public static int? get_num_threads() => NativeMethods.mlt_blas_num_threads() is var n && n >= 0 ? n : null;
    }
}
