using System.Net;
using System.Net.Sockets;
using static MlCgMd.Torch.torch.distributed;

namespace MlCgMd.Torch.Tests;

/// <summary>
/// Collectives between ranks played by threads of this process (Gloo groups are independent
/// objects; only the default group is one per process). Each test uses its own store.
/// </summary>
public class DistributedTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>Runs body(rank, group) on one thread per rank, all joined through one file store.</summary>
    private static T[] OnRanks<T>(int world, Func<int, ProcessGroup, T> body)
    {
        string file = Path.Combine(Path.GetTempPath(), $"mlcgmd-filestore-{Guid.NewGuid():N}");
        var results = new T[world];
        var errors = new Exception?[world];
        Thread[] threads = Enumerable.Range(0, world).Select(rank => new Thread(() =>
        {
            try
            {
                using var store = new FileStore(file, world);
                using var group = new ProcessGroupGloo(store, rank, world, Timeout, hostname: "127.0.0.1");
                results[rank] = body(rank, group);
            }
            catch (Exception e)
            {
                errors[rank] = e;
            }
        })).ToArray();
        foreach (Thread t in threads) t.Start();
        foreach (Thread t in threads) t.Join();
        if (errors.FirstOrDefault(e => e is not null) is { } error) throw error;
        return results;
    }

    [Fact]
    public void All_reduce_leaves_the_sum_of_every_rank_s_tensor_on_every_rank()
    {
        float[][] results = OnRanks(3, (rank, group) =>
        {
            using var t = torch.tensor(new float[] { rank + 1, 10 * (rank + 1) });
            all_reduce(t, ReduceOp.SUM, group);
            return t.ToArray<float>();
        });
        foreach (float[] r in results) Assert.Equal(new float[] { 6, 60 }, r);
    }

    [Fact]
    public void All_reduce_max_and_min_pick_the_extreme_rank()
    {
        double[][] results = OnRanks(2, (rank, group) =>
        {
            using var high = torch.tensor(new double[] { rank, -rank });
            using var low = torch.tensor(new double[] { rank, -rank });
            all_reduce(high, ReduceOp.MAX, group);
            all_reduce(low, ReduceOp.MIN, group);
            return high.ToArray<double>().Concat(low.ToArray<double>()).ToArray();
        });
        foreach (double[] r in results) Assert.Equal(new double[] { 1, 0, 0, -1 }, r);
    }

    [Fact]
    public void Broadcast_copies_the_source_rank_s_tensor_everywhere()
    {
        long[][] results = OnRanks(3, (rank, group) =>
        {
            using var t = torch.tensor(new long[] { rank, rank * rank, 7 });
            broadcast(t, src: 2, group);
            barrier(group);
            return t.ToArray<long>();
        });
        foreach (long[] r in results) Assert.Equal(new long[] { 2, 4, 7 }, r);
    }

    [Fact]
    public void A_tcp_store_served_by_rank_zero_joins_the_ranks()
    {
        int port = FreePort();
        var results = new float[2];
        Exception? failure = null;
        Thread[] threads = Enumerable.Range(0, 2).Select(rank => new Thread(() =>
        {
            try
            {
                using var store = new TCPStore("127.0.0.1", port, 2, is_master: rank == 0, Timeout);
                using var group = new ProcessGroupGloo(store, rank, 2, Timeout, hostname: "127.0.0.1");
                using var t = torch.tensor(new float[] { rank + 0.5f });
                all_reduce(t, group: group);
                results[rank] = t.item<float>();
            }
            catch (Exception e)
            {
                failure = e;
            }
        })).ToArray();
        foreach (Thread t in threads) t.Start();
        foreach (Thread t in threads) t.Join();
        Assert.Null(failure);
        Assert.Equal(new[] { 2f, 2f }, results);
    }

    [Fact]
    public void A_group_whose_peer_never_comes_fails_after_its_timeout_instead_of_hanging()
    {
        string file = Path.Combine(Path.GetTempPath(), $"mlcgmd-filestore-{Guid.NewGuid():N}");
        try
        {
            using var store = new FileStore(file, 2);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            Assert.Throws<TorchException>(() => new ProcessGroupGloo(store, 0, 2, TimeSpan.FromSeconds(2), hostname: "127.0.0.1"));
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed}");
        }
        finally
        {
            File.Delete(file);   // the peer that never came would have removed it
        }
    }

    [Fact]
    public void The_default_group_is_needed_before_collectives_and_env_init_names_what_is_missing()
    {
        Assert.False(is_initialized());
        var notInitialized = Assert.Throws<InvalidOperationException>(() => get_rank());
        Assert.Contains("init_process_group", notInitialized.Message);
        string? saved = Environment.GetEnvironmentVariable("MASTER_ADDR");
        try
        {
            Environment.SetEnvironmentVariable("MASTER_ADDR", null);
            var missing = Assert.Throws<ArgumentException>(() => init_process_group("gloo", "env://", world_size: 1, rank: 0));
            Assert.Contains("MASTER_ADDR", missing.Message);
        }
        finally
        {
            Environment.SetEnvironmentVariable("MASTER_ADDR", saved);
        }
        Assert.Throws<ArgumentException>(() => init_process_group("mpi"));
        Assert.False(is_initialized());
    }

    [Fact]
    public void A_single_process_world_initializes_from_a_file_address_and_is_destroyed()
    {
        string file = Path.Combine(Path.GetTempPath(), $"mlcgmd-filestore-{Guid.NewGuid():N}");
        init_process_group("gloo", "file://" + file, world_size: 1, rank: 0);
        try
        {
            Assert.True(is_initialized());
            Assert.Equal(0, get_rank());
            Assert.Equal(1, get_world_size());
            Assert.Equal("gloo", get_backend());
            using var t = torch.tensor(new float[] { 3 });
            all_reduce(t);
            Assert.Equal(3f, t.item<float>());
        }
        finally
        {
            destroy_process_group();
        }
        Assert.False(is_initialized());
    }

    [Fact]
    public void Nccl_is_reported_unavailable_on_a_cpu_build_and_its_group_says_why()
    {
        Assert.True(is_gloo_available());
        if (torch.cuda.is_available()) return;   // a CUDA build may have NCCL; nothing to say here
        Assert.False(is_nccl_available());
        string file = Path.Combine(Path.GetTempPath(), $"mlcgmd-filestore-{Guid.NewGuid():N}");
        try
        {
            using var store = new FileStore(file, 1);
            var e = Assert.Throws<TorchException>(() => new ProcessGroupNCCL(store, 0, 1));
            Assert.Contains("nccl", e.Message);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
