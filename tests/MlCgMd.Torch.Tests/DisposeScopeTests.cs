namespace MlCgMd.Torch.Tests;

/// <summary>Dispose scopes free exactly the tensors they own, and native memory returns to its baseline.</summary>
public class DisposeScopeTests
{
    private static long Baseline()
    {
        // Tensors dropped by earlier tests are freed by finalizers; settle them first.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return Tensor.LiveCount;
    }

    [Fact]
    public void Tensors_created_in_a_scope_are_freed_at_its_end()
    {
        long baseline = Baseline();
        Tensor a, b;
        using (var scope = torch.NewDisposeScope())
        {
            a = torch.ones(3);
            b = (a * 2).exp().sum();
            Assert.Equal(4, scope.Count);
            Assert.Equal(baseline + 4, Tensor.LiveCount);
        }
        Assert.True(a.IsDisposed);
        Assert.True(b.IsDisposed);
        Assert.Equal(baseline, Tensor.LiveCount);
    }

    [Fact]
    public void Moved_tensors_survive_the_inner_scope_and_die_with_the_outer()
    {
        long baseline = Baseline();
        Tensor kept, dropped;
        using (var outer = torch.NewDisposeScope())
        {
            using (var inner = torch.NewDisposeScope())
            {
                Assert.Same(inner, DisposeScope.Current);
                Assert.Same(outer, inner.Outer);
                dropped = torch.zeros(2);
                kept = (dropped + 1).MoveToOuterDisposeScope();
                Assert.Equal(1, inner.Count);
            }
            Assert.True(dropped.IsDisposed);
            Assert.False(kept.IsDisposed);
            Assert.Equal(new float[] { 1, 1 }, kept.ToArray<float>());
            Assert.Equal(1, outer.Count);
        }
        Assert.True(kept.IsDisposed);
        Assert.Null(DisposeScope.Current);
        Assert.Equal(baseline, Tensor.LiveCount);
    }

    [Fact]
    public void Detached_tensors_belong_to_the_caller()
    {
        long baseline = Baseline();
        Tensor survivor;
        using (torch.NewDisposeScope())
        {
            survivor = torch.ones(2).DetachFromDisposeScope();
            torch.zeros(5);
        }
        Assert.False(survivor.IsDisposed);
        Assert.Equal(baseline + 1, Tensor.LiveCount);
        survivor.Dispose();
        Assert.Equal(baseline, Tensor.LiveCount);
        // Moving out of the outermost scope leaves the tensor unowned.
        using (torch.NewDisposeScope()) survivor = torch.ones(1).MoveToOuterDisposeScope();
        Assert.False(survivor.IsDisposed);
        survivor.Dispose();
        Assert.Equal(baseline, Tensor.LiveCount);
    }

    [Fact]
    public void Dispose_everything_but_keeps_the_named_tensors()
    {
        long baseline = Baseline();
        using (var scope = torch.NewDisposeScope())
        {
            Tensor keep = torch.ones(2);
            Tensor drop = keep * 2;
            scope.DisposeEverythingBut(keep);
            Assert.True(drop.IsDisposed);
            Assert.False(keep.IsDisposed);
            Assert.Equal(1, scope.Count);
        }
        Assert.Equal(baseline, Tensor.LiveCount);
    }

    [Fact]
    public void Disposing_a_tensor_early_removes_it_from_its_scope()
    {
        long baseline = Baseline();
        using (var scope = torch.NewDisposeScope())
        {
            Tensor t = torch.ones(2);
            t.Dispose();
            Assert.Equal(0, scope.Count);
        }
        Assert.Equal(baseline, Tensor.LiveCount);
    }

    [Fact]
    public void Scopes_must_close_innermost_first()
    {
        long baseline = Baseline();
        var outer = torch.NewDisposeScope();
        Tensor a = torch.ones(1);
        var inner = torch.NewDisposeScope();
        Tensor b = torch.ones(1);
        Assert.Throws<InvalidOperationException>(outer.Dispose);
        inner.Dispose();
        outer.Dispose();
        Assert.True(a.IsDisposed);
        Assert.True(b.IsDisposed);
        Assert.Null(DisposeScope.Current);
        Assert.Equal(baseline, Tensor.LiveCount);
    }

    [Fact]
    public void A_training_step_loop_keeps_the_live_count_flat()
    {
        long baseline = Baseline();
        using var weight = torch.randn([4, 4], requires_grad: true);
        long withWeight = Tensor.LiveCount;
        for (int step = 0; step < 20; step++)
        {
            using var scope = torch.NewDisposeScope();
            Tensor loss = torch.randn(8, 4).matmul(weight).relu().pow(2L).mean();
            loss.backward();
            using (torch.no_grad()) weight.add_(weight.grad!, alpha: -0.01);
            weight.grad = null;
        }
        Assert.Equal(withWeight, Tensor.LiveCount);
        Assert.Equal(baseline + 1, withWeight);
    }
}
