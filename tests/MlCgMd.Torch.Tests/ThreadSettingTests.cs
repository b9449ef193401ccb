namespace MlCgMd.Torch.Tests;

public class ThreadSettingTests
{
    [Fact]
    public void Set_num_threads_sets_the_intra_op_pool_and_the_blas_pool_together()
    {
        int previous = torch.get_num_threads();
        try
        {
            foreach (int n in new[] { 2, 1 })
            {
                torch.set_num_threads(n);
                Assert.Equal(n, torch.get_num_threads());
                // environment/setup.sh makes libtorch resolve BLAS to OpenBLAS, whose pool has its own count.
                Assert.Contains("OpenBLAS", torch.blas.library);
                Assert.Equal(n, torch.blas.get_num_threads());
            }
        }
        finally
        {
            torch.set_num_threads(previous);
        }
    }

    [Fact]
    public void The_inter_op_pool_is_fixed_once_and_a_later_change_is_refused_with_the_reason()
    {
        torch.set_num_threads(torch.get_num_threads());   // the first call of the process fixes the inter-op pool
        int interop = torch.get_num_interop_threads();
        Assert.True(interop >= 1);
        var e = Assert.Throws<TorchException>(() => torch.set_num_interop_threads(interop + 1));
        Assert.Contains("interop", e.Message);
        Assert.Equal(interop, torch.get_num_interop_threads());
    }

    [Fact]
    public void Parallel_info_names_every_pool()
    {
        string info = torch.parallel_info();
        Assert.Contains("at::get_num_threads()", info);
        Assert.Contains("at::get_num_interop_threads()", info);
        Assert.Contains("BLAS: ", info);
    }

    [Fact]
    public void Thread_counts_below_one_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => torch.set_num_threads(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => torch.set_num_interop_threads(0));
    }
}
