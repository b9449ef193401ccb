using System.Globalization;
using System.Net;
using MlCgMd.Torch.Native;

namespace MlCgMd.Torch;

public static partial class torch
{
    /// <summary>
    /// PyTorch's torch.distributed over libtorch's c10d: one default process group per process,
    /// set up from the environment torchrun writes (RANK, WORLD_SIZE, MASTER_ADDR, MASTER_PORT) or
    /// from a tcp:// or file:// address, and the collectives data-parallel training needs. Every
    /// collective blocks until all ranks have joined it.
    /// </summary>
    public static partial class distributed
    {
        /// <summary>PyTorch's default timeout of a process group's collectives.</summary>
        public static readonly TimeSpan default_pg_timeout = TimeSpan.FromMinutes(30);

        private static ProcessGroup? defaultGroup;
        private static Store? defaultStore;

        public static bool is_available() => true;

        public static bool is_initialized() => defaultGroup is not null;

        public static bool is_gloo_available() => NativeMethods.mlt_dist_has_backend("gloo") == 1;

        public static bool is_nccl_available() => NativeMethods.mlt_dist_has_backend("nccl") == 1;

        /// <summary>
        /// Joins the default process group. <paramref name="init_method"/>: "env://" (the default:
        /// MASTER_ADDR, MASTER_PORT, and RANK and WORLD_SIZE unless given), "tcp://host:port" or
        /// "file:///path"; or pass a <paramref name="store"/> with rank and world_size. Rank 0 serves
        /// the TCP store; the call returns once every rank has joined.
        /// </summary>
        public static void init_process_group(string backend = "gloo", string? init_method = null, TimeSpan? timeout = null,
                                              int world_size = -1, int rank = -1, Store? store = null)
        {
            if (defaultGroup is not null)
                throw new InvalidOperationException("torch.distributed: the default process group is already initialized");
            if (backend is not ("gloo" or "nccl"))
                throw new ArgumentException($"torch.distributed: unknown backend '{backend}' (gloo, nccl)", nameof(backend));
            TimeSpan limit = timeout ?? default_pg_timeout;
            string? glooHostname = null;
            Store? ownedStore = null;
            if (store is null)
            {
                string method = init_method ?? "env://";
                if (method == "env://")
                {
                    rank = rank >= 0 ? rank : EnvironmentInt("RANK");
                    world_size = world_size >= 0 ? world_size : EnvironmentInt("WORLD_SIZE");
                    (ownedStore, glooHostname) = TcpRendezvous(EnvironmentText("MASTER_ADDR"), EnvironmentInt("MASTER_PORT"),
                        rank, world_size, limit);
                }
                else if (method.StartsWith("tcp://", StringComparison.Ordinal))
                {
                    RequireRankAndWorld(rank, world_size, method);
                    if (!Uri.TryCreate(method, UriKind.Absolute, out Uri? uri) || uri.Port < 0)
                        throw new ArgumentException($"torch.distributed: '{method}' is not tcp://host:port", nameof(init_method));
                    (ownedStore, glooHostname) = TcpRendezvous(uri.Host, uri.Port, rank, world_size, limit);
                }
                else if (method.StartsWith("file://", StringComparison.Ordinal))
                {
                    RequireRankAndWorld(rank, world_size, method);
                    ownedStore = new FileStore(method["file://".Length..], world_size);
                }
                else
                {
                    throw new ArgumentException($"torch.distributed: init_method '{method}' is not env://, tcp://host:port or file:///path",
                        nameof(init_method));
                }
                store = ownedStore;
            }
            else
            {
                RequireRankAndWorld(rank, world_size, "a store");
            }
            try
            {
                defaultGroup = backend == "gloo"
                    ? new ProcessGroupGloo(store, rank, world_size, limit, glooHostname)
                    : new ProcessGroupNCCL(store, rank, world_size, limit);
                defaultStore = ownedStore;
            }
            catch
            {
                ownedStore?.Dispose();
                throw;
            }
        }

        /// <summary>Leaves the default process group and frees it (and the store init_process_group made).</summary>
        public static void destroy_process_group()
        {
            defaultGroup?.Dispose();
            defaultStore?.Dispose();
            defaultGroup = null;
            defaultStore = null;
        }

        public static int get_rank(ProcessGroup? group = null) => Group(group).rank();

        public static int get_world_size(ProcessGroup? group = null) => Group(group).size();

        public static string get_backend(ProcessGroup? group = null) => Group(group).Backend;

        /// <summary>Reduces <paramref name="tensor"/> across all ranks, in place, so every rank holds the result.</summary>
        public static void all_reduce(Tensor tensor, ReduceOp op = ReduceOp.SUM, ProcessGroup? group = null) =>
            NativeCheck.Status(Tensor.KeepAlive(NativeMethods.mlt_dist_all_reduce(Group(group).Handle, tensor.Handle, (int)op), tensor));

        /// <summary>Copies rank <paramref name="src"/>'s <paramref name="tensor"/> into every other rank's, in place.</summary>
        public static void broadcast(Tensor tensor, int src, ProcessGroup? group = null)
        {
            ProcessGroup g = Group(group);
            if (src < 0 || src >= g.size())
                throw new ArgumentOutOfRangeException(nameof(src), src, $"source rank must be in [0, {g.size()})");
            NativeCheck.Status(Tensor.KeepAlive(NativeMethods.mlt_dist_broadcast(g.Handle, tensor.Handle, src), g, tensor));
        }

        /// <summary>Returns once every rank has called it.</summary>
        public static void barrier(ProcessGroup? group = null) => NativeCheck.Status(NativeMethods.mlt_dist_barrier(Group(group).Handle));

        private static ProcessGroup Group(ProcessGroup? group) =>
            group ?? defaultGroup ?? throw new InvalidOperationException(
                "torch.distributed: the default process group has not been initialized; call init_process_group first");

        /// <summary>Rank 0 serves the store at host:port; ranks on one machine talk over loopback.</summary>
        private static (Store Store, string? GlooHostname) TcpRendezvous(string host, int port, int rank, int worldSize, TimeSpan timeout)
        {
            RequireRankAndWorld(rank, worldSize, $"tcp://{host}:{port}");
            bool loopback = host == "localhost" || (IPAddress.TryParse(host, out IPAddress? address) && IPAddress.IsLoopback(address));
            return (new TCPStore(host, port, worldSize, is_master: rank == 0, timeout), loopback ? "127.0.0.1" : null);
        }

        private static void RequireRankAndWorld(int rank, int worldSize, string source)
        {
            if (worldSize < 1)
                throw new ArgumentException($"torch.distributed: world_size must be at least 1 with {source}, got {worldSize}");
            if (rank < 0 || rank >= worldSize)
                throw new ArgumentException($"torch.distributed: rank must be in [0, {worldSize}) with {source}, got {rank}");
        }

        private static string EnvironmentText(string name)
        {
            string? value = Environment.GetEnvironmentVariable(name);
            if (string.IsNullOrWhiteSpace(value))
                throw new ArgumentException($"torch.distributed: environment variable {name} expected, but not set " +
                                            "(env:// reads MASTER_ADDR, MASTER_PORT, RANK and WORLD_SIZE, as torchrun sets them)");
            return value.Trim();
        }

        private static int EnvironmentInt(string name)
        {
            string value = EnvironmentText(name);
            if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int parsed))
                throw new ArgumentException($"torch.distributed: environment variable {name}='{value}' is not an integer");
            return parsed;
        }
    }
}
