using System.Runtime;
using MlCgMd.Benchmarks;
using MlCgMd.Torch;

namespace MlCgMd.Tests.Benchmarks;

/// <summary>
/// One thread setting bounds every pool: with torch.set_num_threads(1) a large matrix product
/// (libtorch -> OpenBLAS) runs on the calling thread alone. Measured as the CPU time other threads
/// accrue during the products, which a loaded machine cannot hide the way it hides CPU/wall. The
/// runtime's background JIT (tiered compilation of what the test host ran before) is the one other
/// thread that works meanwhile; its compile time is taken out.
/// </summary>
public class ThreadPoolCpuTests
{
    /// <summary>CPU of threads other than the calling one while 1024 x 1024 float products run on it for 0.4 s of its CPU.</summary>
    private static (TimeSpan Others, TimeSpan Calling) ProductsOn(int threads)
    {
        int previous = torch.get_num_threads();
        torch.set_num_threads(threads);
        try
        {
            using var scope = torch.NewDisposeScope();
            torch.manual_seed(0);
            Tensor a = torch.randn(1024, 1024), b = torch.randn(1024, 1024);
            // Warm-up (BLAS buffers, this loop's own JIT) until the runtime compiles nothing more, at most 1.2 s of CPU.
            for (int i = 0; i < 8; i++)
            {
                long compiled = JitInfo.GetCompiledMethodCount();
                Measure(a, b, TimeSpan.FromSeconds(0.15));
                if (JitInfo.GetCompiledMethodCount() == compiled) break;
            }
            TimeSpan jitBefore = JitInfo.GetCompilationTime();
            CpuSample s = Measure(a, b, TimeSpan.FromSeconds(0.4));
            TimeSpan jit = JitInfo.GetCompilationTime() - jitBefore;
            return (s.OtherThreadsCpu - jit, s.ThreadCpu);
        }
        finally
        {
            torch.set_num_threads(previous);
        }
    }

    private static CpuSample Measure(Tensor a, Tensor b, TimeSpan threadCpu)
    {
        CpuClock clock = CpuClock.Start();
        while (clock.Elapsed.ThreadCpu < threadCpu) a.mm(b).Dispose();
        return clock.Elapsed;
    }

    [Fact]
    public void With_one_thread_a_matrix_product_keeps_to_the_calling_thread()
    {
        var (others, calling) = ProductsOn(1);
        // 10 % of the calling thread's CPU, plus 30 ms for the runtime's other threads (GC, timers).
        Assert.True(others <= calling * 0.1 + TimeSpan.FromMilliseconds(30),
            $"other threads used {others.TotalMilliseconds:F0} ms beside the calling thread's {calling.TotalMilliseconds:F0} ms");
    }

    [Fact]
    public void With_two_threads_the_blas_pool_takes_part_of_the_product()
    {
        if (Environment.ProcessorCount < 2) return;   // one core: OpenBLAS runs one thread whatever it is told
        var (others, calling) = ProductsOn(2);
        // The control for the test above: the measurement sees a second pool thread when there is one.
        Assert.True(others >= calling * 0.3,
            $"other threads used {others.TotalMilliseconds:F0} ms beside the calling thread's {calling.TotalMilliseconds:F0} ms");
    }

    [Fact]
    public void The_clock_counts_a_busy_loop_as_calling_thread_cpu()
    {
        CpuClock clock = CpuClock.Start();
        double x = 0;
        while (clock.Elapsed.ThreadCpu < TimeSpan.FromMilliseconds(100)) x += Math.Sqrt(x + 1);
        CpuSample s = clock.Elapsed;
        Assert.True(x > 0);
        Assert.InRange(s.ThreadCpu.TotalMilliseconds, 100, 1000);
        Assert.True(s.ProcessCpu >= s.ThreadCpu - TimeSpan.FromMilliseconds(10), $"process {s.ProcessCpu} < thread {s.ThreadCpu}");
        Assert.True(s.Wall >= s.ThreadCpu - TimeSpan.FromMilliseconds(10), $"wall {s.Wall} < thread CPU {s.ThreadCpu}");
    }
}
