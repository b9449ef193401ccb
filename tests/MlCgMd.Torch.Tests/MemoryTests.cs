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
