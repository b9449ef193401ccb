namespace MlCgMd.Torch.Tests;

/// <summary>manual_seed makes CPU randomness, and everything computed from it, bit-identical.</summary>
public class SeedTests
{
    private static (float[] Randn, float[] Rand, long[] Randint, float[] Dropout, long[] Perm, double[] Normal) Draw(ulong seed)
    {
        torch.manual_seed(seed);
        using var scope = torch.NewDisposeScope();
        return (torch.randn(100).ToArray<float>(),
            torch.rand(100).ToArray<float>(),
            torch.randint(0, 1000, [100]).ToArray<long>(),
            NativeOps.dropout(torch.ones(100), 0.5, train: true).ToArray<float>(),
            torch.randperm(50).ToArray<long>(),
            torch.empty([100], torch.float64).normal_(1, 2).ToArray<double>());
    }

    [Fact]
    public void Same_seed_gives_bit_identical_random_tensors()
    {
        var first = Draw(42);
        var second = Draw(42);
        Assert.Equal(first.Randn, second.Randn);
        Assert.Equal(first.Rand, second.Rand);
        Assert.Equal(first.Randint, second.Randint);
        Assert.Equal(first.Dropout, second.Dropout);
        Assert.Equal(first.Perm, second.Perm);
        Assert.Equal(first.Normal, second.Normal);
        var other = Draw(43);
        Assert.NotEqual(first.Randn, other.Randn);
        Assert.NotEqual(first.Dropout, other.Dropout);
    }

    [Fact]
    public void Dropout_zeroes_and_rescales_in_training_only()
    {
        torch.manual_seed(3);
        using var scope = torch.NewDisposeScope();
        float[] train = NativeOps.dropout(torch.ones(1000), 0.25, train: true).ToArray<float>();
        Assert.All(train, v => Assert.True(v == 0 || Math.Abs(v - 1 / 0.75f) < 1e-6));
        Assert.InRange(train.Count(v => v == 0), 200, 300);
        Assert.All(NativeOps.dropout(torch.ones(10), 0.25, train: false).ToArray<float>(), v => Assert.Equal(1f, v));
    }

    private static (float Loss, float[] Gradient) ForwardBackward(ulong seed)
    {
        torch.manual_seed(seed);
        using var scope = torch.NewDisposeScope();
        Tensor w1 = torch.randn([8, 16], requires_grad: true);
        Tensor w2 = torch.randn([16, 1], requires_grad: true);
        Tensor x = torch.randn(32, 8);
        Tensor hidden = NativeOps.dropout(x.matmul(w1).silu(), 0.1, train: true);
        Tensor loss = torch.layer_norm(hidden, [16]).matmul(w2).pow(2L).mean();
        loss.backward();
        return (loss.item<float>(), w1.grad!.ToArray<float>());
    }

    [Fact]
    public void Same_seed_gives_identical_forward_and_backward()
    {
        var first = ForwardBackward(5);
        var second = ForwardBackward(5);
        Assert.Equal(first.Loss, second.Loss);
        Assert.Equal(first.Gradient, second.Gradient);
    }

    [Fact]
    public void Thread_count_can_be_set_and_read()
    {
        int original = torch.get_num_threads();
        try
        {
            torch.set_num_threads(1);
            Assert.Equal(1, torch.get_num_threads());
            var single = ForwardBackward(9);
            torch.set_num_threads(2);
            Assert.Equal(2, torch.get_num_threads());
            var dual = ForwardBackward(9);
            Assert.Equal(single.Loss, dual.Loss, 1e-4f);
        }
        finally
        {
            torch.set_num_threads(original);
        }
    }
}
