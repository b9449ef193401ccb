using MlCgMd.Benchmarks;
using MlCgMd.Torch;

namespace MlCgMd.Cli.Commands;

/// <summary>The closing line of a verb that computed with libtorch: how many cores it kept busy, and the thread settings.</summary>
internal static class CpuTimeLine
{
    public static string Format(CpuSample s)
    {
        string blas = torch.blas.get_num_threads() is { } n ? $"{n}" : "not controlled";
        return $"process CPU {s.ProcessCpu.TotalSeconds:F1} s over wall {s.Wall.TotalSeconds:F1} s = {s.CpuPerWall:F2} cores " +
               $"(threads: intra-op {torch.get_num_threads()}, inter-op {torch.get_num_interop_threads()}, BLAS {blas})";
    }
}
