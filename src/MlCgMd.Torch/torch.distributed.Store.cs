using Microsoft.Win32.SafeHandles;
using MlCgMd.Torch.Native;

namespace MlCgMd.Torch;

public static partial class torch
{
    public static partial class distributed
    {
        /// <summary>
        /// A key-value store the processes of a group meet through (c10d::Store). Owns its native
        /// store; a process group keeps its own reference, so disposing the store after creating
        /// the group is safe.
        /// </summary>
        public abstract class Store : IDisposable
        {
            private protected Store(IntPtr handle) => Handle = new StoreHandle(NativeCheck.Handle(handle));

            internal StoreHandle Handle { get; }

            public void Dispose() => Handle.Dispose();
        }

        /// <summary>
        /// A store served over TCP by the master process (PyTorch's TCPStore): the master listens on
        /// host:port and waits for world_size - 1 clients; the others connect, retrying until the
        /// timeout.
        /// </summary>
        public sealed class TCPStore(string host_name, int port, int world_size, bool is_master, TimeSpan? timeout = null)
            : Store(Create(host_name, port, world_size, is_master, timeout ?? TimeSpan.FromMinutes(5)))
        {
            private static IntPtr Create(string host, int port, int worldSize, bool isMaster, TimeSpan timeout)
            {
                if (port is < 0 or > 65535) throw new ArgumentOutOfRangeException(nameof(port), port, "a TCP port is 0..65535");
                if (worldSize < 1) throw new ArgumentOutOfRangeException(nameof(world_size), worldSize, "world size must be at least 1");
                return NativeMethods.mlt_dist_tcp_store(host, port, worldSize, isMaster ? 1 : 0, (long)timeout.TotalMilliseconds);
            }
        }

        /// <summary>
        /// A store in a file every process can reach (PyTorch's FileStore): on one machine or a shared
        /// file system, with no port to choose. The file is removed when the last process closes it.
        /// </summary>
        public sealed class FileStore(string file_name, int world_size)
            : Store(NativeMethods.mlt_dist_file_store(file_name, world_size));

        internal sealed class StoreHandle : SafeHandleZeroOrMinusOneIsInvalid
        {
            public StoreHandle(IntPtr handle) : base(ownsHandle: true) => SetHandle(handle);

            protected override bool ReleaseHandle()
            {
                NativeMethods.mlt_dist_store_free(handle);
                return true;
            }
        }
    }
}
