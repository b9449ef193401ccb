using System.Diagnostics;
using MlCgMd.Torch.Modules;
using MlCgMd.Torch.Optim;
using Xunit.Abstractions;

namespace MlCgMd.Torch.Tests;

/// <summary>Runs alone: Tensor.LiveCount and the resident size are process-wide.</summary>
[CollectionDefinition(nameof(MemoryTests), DisableParallelization = true)]
public sealed class MemoryTestsCollection;

[Collection(nameof(MemoryTests))]
public class MemoryTests(ITestOutputHelper output)
{
    [Fact]
    public void Temporaries_outside_any_dispose_scope_survive_garbage_collections_during_their_native_calls()
    {
        // A temporary operand (x * 2 in (x * 2).gt(1).sum(), the tensors of a lazy sequence given to cat) is referenced
        // by nothing once its handle is read; a collection during the native call then ran its finalizer, which freed
        // the native tensor under the call. Before the binding kept operands alive this loop segfaulted within 2 s
        // in 5 of 5 runs; the test host would die with it.
        bool stop = false;
        var collector = new Thread(() =>
        {
            while (!Volatile.Read(ref stop))
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
        });
        collector.Start();
        var clock = Stopwatch.StartNew();
        long iterations = 0;
        try
        {
            while (clock.Elapsed.TotalSeconds < 1.5)
            {
                Tensor x = torch.ones(20000);
                Assert.Equal(20000.0, (x * 2.0).gt(1.0).sum().item<double>());
                Assert.Equal(200000.0, torch.cat(Enumerable.Range(0, 20).Select(_ => torch.ones(5000) + 1.0)).sum().item<double>());
                iterations++;
            }
        }
        finally
        {
            Volatile.Write(ref stop, true);
            collector.Join();
        }
        output.WriteLine($"{iterations} iterations under continuous collections");
        Assert.True(iterations > 10);
    }

    [Fact]
    public void Training_loop_in_dispose_scopes_keeps_native_tensors_and_memory_flat()
    {
        // Let the finalizers of other tests' abandoned tensors run first, so they do not move the count.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long liveAtStart = Tensor.LiveCount;
        long rssAfterWarmUp = 0;
        torch.manual_seed(0);
        using (var model = new Sequential(new Linear(4, 16), new ReLU(), new Linear(16, 1)))
        using (var optimizer = new Adam(model.parameters(), lr: 1e-3))
        {
            Tensor x, y;
            using (torch.NewDisposeScope())
            {
                x = torch.randn(8, 4).DetachFromDisposeScope();
                y = torch.randn(8, 1).DetachFromDisposeScope();
            }
            for (int i = 0; i < 10_000; i++)
            {
                using (torch.NewDisposeScope())
                {
                    optimizer.zero_grad();
                    Tensor loss = nn.functional.mse_loss(model.forward(x), y);
                    loss.backward();
                    nn.utils.clip_grad_norm_(model.parameters(), 20);
                    optimizer.step();
                }
                if (i == 999) rssAfterWarmUp = ResidentBytes();
            }
            long growth = ResidentBytes() - rssAfterWarmUp;
            output.WriteLine($"resident memory: {rssAfterWarmUp >> 20} MB after 1000 iterations, growth {growth / 1024} kB by 10000");
            Assert.True(growth < 50L << 20, $"resident memory grew by {growth >> 20} MB between iterations 1000 and 10000");
            x.Dispose();
            y.Dispose();
        }
        Assert.InRange(Tensor.LiveCount - liveAtStart, 0, 2);
    }

    /// <summary>Resident size after a full collection, so uncollected managed garbage does not count as growth.</summary>
    private static long ResidentBytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using Process self = Process.GetCurrentProcess();
        self.Refresh();
        return self.WorkingSet64;
    }
}
