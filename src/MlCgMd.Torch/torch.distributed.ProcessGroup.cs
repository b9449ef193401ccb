using Microsoft.Win32.SafeHandles;
using MlCgMd.Torch.Native;

namespace MlCgMd.Torch;

public static partial class torch
{
    public static partial class distributed
    {
        /// <summary>Reductions of <see cref="all_reduce"/> (codes of c10d::ReduceOp).</summary>
        public enum ReduceOp { SUM = 0, PRODUCT = 2, MIN = 3, MAX = 4 }

        /// <summary>
        /// A group of processes that run collectives together (c10d). Collectives block until every
        /// rank has joined them, or fail with a <see cref="TorchException"/> after the group's timeout.
        /// </summary>
        public abstract class ProcessGroup : IDisposable
        {
            private readonly GroupHandle handle;
            private readonly int rankInGroup;
            private readonly int groupSize;

            private protected ProcessGroup(string backend, Store store, int rank, int size, TimeSpan timeout, string? glooHostname)
            {
                if (size < 1) throw new ArgumentOutOfRangeException(nameof(size), size, "world size must be at least 1");
                if (rank < 0 || rank >= size) throw new ArgumentOutOfRangeException(nameof(rank), rank, $"rank must be in [0, {size})");
                bool added = false;
                store.Handle.DangerousAddRef(ref added);
                try
                {
                    handle = new GroupHandle(NativeCheck.Handle(Tensor.KeepAlive(NativeMethods.mlt_dist_new_group(backend, store.Handle.DangerousGetHandle(),
                        rank, size, (long)timeout.TotalMilliseconds, glooHostname), store)));
                }
                finally
                {
                    if (added) store.Handle.DangerousRelease();
                }
                rankInGroup = rank;
                groupSize = size;
                Backend = backend;
            }

            public string Backend { get; }

            public int rank() => rankInGroup;

            public int size() => groupSize;

            internal IntPtr Handle
            {
                get
                {
                    ObjectDisposedException.ThrowIf(handle.IsClosed, this);
                    return handle.DangerousGetHandle();
                }
            }

            public void Dispose() => handle.Dispose();
        }

        /// <summary>
        /// Gloo collectives over TCP (CPU tensors; CUDA tensors too in a CUDA libtorch). The transport
        /// binds to GLOO_SOCKET_IFNAME's interfaces when set, else to <paramref name="hostname"/>, else
        /// to this machine's hostname (loopback if it does not resolve), as PyTorch does.
        /// </summary>
        public sealed class ProcessGroupGloo(Store store, int rank, int size, TimeSpan? timeout = null, string? hostname = null)
            : ProcessGroup("gloo", store, rank, size, timeout ?? default_pg_timeout, hostname);

        /// <summary>
        /// NCCL collectives on CUDA tensors. Needs a CUDA libtorch and the shim built with
        /// -p:NativeCMakeArgs=-DMLT_WITH_NCCL=ON; elsewhere the constructor throws a
        /// <see cref="TorchException"/> that says so (<see cref="is_nccl_available"/> tells first).
        /// </summary>
        public sealed class ProcessGroupNCCL(Store store, int rank, int size, TimeSpan? timeout = null)
            : ProcessGroup("nccl", store, rank, size, timeout ?? default_pg_timeout, null);

        private sealed class GroupHandle : SafeHandleZeroOrMinusOneIsInvalid
        {
            public GroupHandle(IntPtr handle) : base(ownsHandle: true) => SetHandle(handle);

            protected override bool ReleaseHandle()
            {
                NativeMethods.mlt_dist_group_free(handle);
                return true;
            }
        }
    }
}
