namespace MlCgMd.Torch.Tests;

/// <summary>
/// Every wrong call surfaces as a .NET exception carrying libtorch's message (without the
/// C++ backtrace), and the process carries on normally afterwards.
/// </summary>
public class ErrorPathTests
{
    public static TheoryData<string, string> Cases
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var (name, call) in Calls) data.Add(name, call.Fragment);
            return data;
        }
    }

    private static readonly Dictionary<string, (Func<Tensor> Call, string Fragment)> Calls = new()
    {
        ["add shape mismatch"] = (() => torch.zeros(3) + torch.zeros(4),
            "The size of tensor a (3) must match the size of tensor b (4)"),
        ["matmul shape mismatch"] = (() => torch.zeros(2, 3).matmul(torch.zeros(4, 5)), "cannot be multiplied (2x3 and 4x5)"),
        ["mm shape mismatch"] = (() => torch.zeros(2, 3).mm(torch.zeros(2, 3)), "cannot be multiplied"),
        ["cat shape mismatch"] = (() => torch.cat([torch.zeros(2, 3), torch.zeros(2, 4)]), "Sizes of tensors must match"),
        ["cat of nothing"] = (() => torch.cat(Array.Empty<Tensor>()), "non-empty"),
        ["view of wrong size"] = (() => torch.zeros(2, 3).view(5), "shape '[5]' is invalid for input of size 6"),
        ["view of a non-contiguous tensor"] = (() => torch.zeros(2, 3).t().view(6), "view size is not compatible"),
        ["float index tensor"] = (() => torch.zeros(3).index_select(0, torch.zeros(1)), "index"),
        ["int32 gather index"] = (() => torch.zeros(3).gather(0, torch.tensor(new[] { 0 })), "int64"),
        ["index_select out of range"] = (() => torch.zeros(3).index_select(0, torch.tensor(new long[] { 5 })),
            "index out of range"),
        ["select out of range"] = (() => torch.zeros(3).select(0, 5), "out of range"),
        ["gather out of range"] = (() => torch.zeros(2, 4).gather(1, torch.tensor(new long[] { 5, 0 }, [2, 1])),
            "out of bounds"),
        ["advanced index out of range"] = (() => torch.zeros(3)[torch.tensor(new long[] { 3 })], "out of bounds"),
        ["integer index out of range"] = (() => torch.zeros(3)[3], "index 3 is out of bounds for dimension 0 with size 3"),
        ["bad reduction dim"] = (() => torch.zeros(2, 3).sum(5), "Dimension out of range (expected to be in range of [-2, 1], but got 5)"),
        ["bad transpose dim"] = (() => torch.zeros(2, 3).transpose(0, 2), "Dimension out of range"),
        ["bad dim of max"] = (() => torch.zeros(2, 3).max(-3).values, "Dimension out of range"),
        ["cuda tensor"] = (() => torch.zeros([2], device: Device.CUDA), "CUDA is not available"),
        ["move to cuda"] = (() => torch.zeros(2).cuda(), "CUDA is not available"),
        ["item of many"] = (() => torch.tensor(torch.zeros(3).item<double>()), "cannot be converted to Scalar"),
        ["topk larger than size"] = (() => torch.zeros(3).topk(5).values, "out of range"),
        ["negative step"] = (() => torch.zeros(3)[TensorIndex.Slice(null, null, -1)], "step must be greater than zero"),
        ["mean of integers"] = (() => torch.arange(3).mean(), "dtype"),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Wrong_call_throws_torch_exception_with_the_cause(string name, string fragment)
    {
        using var scope = torch.NewDisposeScope();
        var error = Assert.Throws<TorchException>(() => Calls[name].Call());
        Assert.Contains(fragment, error.Message);
        Assert.DoesNotContain("Exception raised from", error.Message);
    }

    [Fact]
    public void Cuda_is_reported_unavailable_on_this_build()
    {
        Assert.False(torch.cuda.is_available());
        Assert.Equal(0, torch.cuda.device_count());
        Assert.Throws<TorchException>(torch.cuda.synchronize);
        Assert.Equal(Device.CUDA, Device.Parse("cuda"));
        Assert.Equal(new Device(DeviceType.CUDA, 1), (Device)"cuda:1");
        Assert.Throws<ArgumentException>(() => Device.Parse("gpu"));
    }

    [Fact]
    public void Using_a_disposed_tensor_throws_object_disposed()
    {
        var t = torch.ones(2);
        t.Dispose();
        t.Dispose(); // a second Dispose is harmless
        Assert.True(t.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => t.sum());
        Assert.Throws<ObjectDisposedException>(() => t.shape);
        using var other = torch.ones(2);
        Assert.Throws<ObjectDisposedException>(() => other + t);
        Assert.Equal("tensor(<disposed>)", t.ToString());
    }

    [Fact]
    public void Copying_out_with_the_wrong_element_type_is_refused()
    {
        using var t = torch.ones(2);
        var error = Assert.Throws<TorchException>(() => t.ToArray<double>());
        Assert.Contains("Float", error.Message);
        Assert.Throws<NotSupportedException>(() => t.ToArray<short>());
        Assert.Throws<TorchException>(() => t.CopyTo(new float[1].AsSpan()));
        Assert.Throws<NotSupportedException>(() => t.item<decimal>());
    }

    [Fact]
    public void Data_that_does_not_fill_the_shape_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => torch.tensor(new float[5], [2, 3]));
        Assert.Contains("[2, 3]", error.Message);
        Assert.Throws<ArgumentException>(() => torch.tensor(new float[0], [-1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => torch.set_num_threads(0));
    }

    [Fact]
    public void Autograd_misuse_is_reported()
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = torch.ones([3], requires_grad: true);
        var error = Assert.Throws<TorchException>(() => (x * 2).backward());
        Assert.Contains("only for scalar outputs", error.Message);
        error = Assert.Throws<TorchException>(() => torch.ones(3).sum().backward());
        Assert.Contains("does not require grad", error.Message);
        Tensor y = (x * x).sum();
        y.backward();
        error = Assert.Throws<TorchException>(() => y.backward());
        Assert.Contains("backward through the graph a second time", error.Message);
    }

    [Fact]
    public void Process_survives_a_hundred_errors_without_leaking_tensors()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var a = torch.ones(3);
        using var b = torch.ones(4);
        using var badIndex = torch.tensor(new long[] { 7 });
        long before = Tensor.LiveCount;
        for (int i = 0; i < 100; i++)
        {
            Assert.Throws<TorchException>(() => a + b);
            Assert.Throws<TorchException>(() => a.index_select(0, badIndex));
            Assert.Throws<ObjectDisposedException>(() => { var t = torch.zeros(1); t.Dispose(); return t.neg(); });
        }
        Assert.Equal(before, Tensor.LiveCount);
        using var sum = a + a;
        Assert.Equal(new float[] { 2, 2, 2 }, sum.ToArray<float>());
    }

    [Fact]
    public void Errors_on_one_thread_do_not_leak_into_another()
    {
        string? message = null;
        var worker = new Thread(() =>
        {
            using var a = torch.zeros(2);
            try { a.select(0, 9); }
            catch (TorchException e) { message = e.Message; }
        });
        worker.Start();
        worker.Join();
        Assert.Contains("out of range", message);
        using var ok = torch.ones(2).sum();
        Assert.Equal(2f, ok.item<float>());
    }
}
