namespace MlCgMd.Torch.Tests;

/// <summary>requires_grad, backward, .grad, detach, grad mode and torch.autograd.grad.</summary>
public class AutogradTests
{
    private static Tensor X() => torch.tensor(new[] { 1.0, -2.0, 3.0 }, requires_grad: true);

    [Fact]
    public void Backward_of_a_scalar_fills_the_leaf_gradient()
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = X();
        Assert.True(x.requires_grad);
        Assert.True(x.is_leaf);
        Assert.Null(x.grad);
        Tensor y = (x * x * x).sum();
        Assert.False(y.is_leaf);
        y.backward();
        Assert.Equal(new[] { 3.0, 12.0, 27.0 }, x.grad!.ToArray<double>());
    }

    [Fact]
    public void Backward_with_a_gradient_weights_a_vector_output()
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = X();
        (x * 2).backward(torch.tensor(new[] { 1.0, 10.0, 100.0 }));
        Assert.Equal(new[] { 2.0, 20.0, 200.0 }, x.grad!.ToArray<double>());
    }

    [Fact]
    public void Gradients_accumulate_until_cleared()
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = X();
        Tensor y = (x * 3).sum();
        y.backward(retain_graph: true);
        y.backward();
        Assert.Equal(new[] { 6.0, 6.0, 6.0 }, x.grad!.ToArray<double>());
        x.grad = null;
        Assert.Null(x.grad);
        x.grad = torch.ones([3], torch.float64);
        (x * 1).sum().backward();
        Assert.Equal(new[] { 2.0, 2.0, 2.0 }, x.grad!.ToArray<double>());
    }

    [Fact]
    public void Detach_shares_storage_but_leaves_the_graph()
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = X();
        Tensor d = x.detach();
        Assert.False(d.requires_grad);
        d[0] = torch.tensor(5.0);
        Assert.Equal(5.0, x[0].item<double>());
        Tensor y = (x * d).sum();
        y.backward();
        Assert.Equal(d.ToArray<double>(), x.grad!.ToArray<double>());
    }

    [Fact]
    public void No_grad_stops_recording_and_restores_the_previous_mode()
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = X();
        Assert.True(torch.is_grad_enabled());
        using (torch.no_grad())
        {
            Assert.False(torch.is_grad_enabled());
            Assert.False((x * 2).requires_grad);
            using (torch.enable_grad())
            {
                Assert.True((x * 2).requires_grad);
            }
            using (torch.no_grad()) { }
            Assert.False(torch.is_grad_enabled());
        }
        Assert.True(torch.is_grad_enabled());
        Assert.True((x * 2).requires_grad);
    }

    [Fact]
    public void Autograd_grad_returns_gradients_without_touching_grad()
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = X();
        Tensor w = torch.tensor(new[] { 2.0 }, requires_grad: true);
        Tensor unused = torch.zeros([1], torch.float64, requires_grad: true);
        Tensor y = (x * w).pow(2L).sum();
        Tensor?[] grads = torch.autograd.grad([y], [x, w, unused], allow_unused: true);
        Assert.Equal(new[] { 8.0, -16.0, 24.0 }, grads[0]!.ToArray<double>()); // 2 w^2 x
        Assert.Equal(2 * 2 * 14.0, grads[1]!.item<double>());                  // 2 w |x|^2
        Assert.Null(grads[2]);
        Assert.Null(x.grad);
        Assert.Throws<TorchException>(() => torch.autograd.grad([(x * unused).sum(), x.sum()], [w]));
    }

    [Fact]
    public void Create_graph_gives_second_derivatives()
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = X();
        Tensor y = x.pow(3L).sum();
        Tensor first = torch.autograd.grad([y], [x], create_graph: true)[0]!;
        Assert.Equal(new[] { 3.0, 12.0, 27.0 }, first.ToArray<double>());
        Tensor second = torch.autograd.grad([first.sum()], [x])[0]!;
        Assert.Equal(new[] { 6.0, -12.0, 18.0 }, second.ToArray<double>());
    }

    [Fact]
    public void Grad_outputs_weight_each_output()
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = X();
        Tensor?[] grads = torch.autograd.grad([x * 2, x.sum()], [x],
            grad_outputs: [torch.tensor(new[] { 1.0, 0, 0 }), torch.tensor(3.0)]);
        Assert.Equal(new[] { 5.0, 3.0, 3.0 }, grads[0]!.ToArray<double>());
    }

    [Fact]
    public void Retained_gradient_of_an_intermediate_is_available()
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = X();
        Tensor h = (x * 2).retain_grad();
        (h * h).sum().backward();
        Assert.Equal(new[] { 4.0, -8.0, 12.0 }, h.grad!.ToArray<double>());
        Tensor y = torch.ones(2).requires_grad_();
        Assert.True(y.requires_grad);
        y.requires_grad_(false);
        Assert.False(y.requires_grad);
    }
}
