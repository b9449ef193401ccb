using System.Diagnostics;
using System.Runtime.InteropServices;

namespace MlCgMd.Benchmarks;

/// <summary>
/// Wall time, CPU time of the whole process (all threads) and CPU time of the calling thread over
/// one measured region. CPU time over wall time says how many cores a computation used; the CPU
/// of the other threads says whether a thread pool ran beside the calling thread — which, unlike
/// the ratio, a loaded machine does not hide (a starved pool still accrues its share of the work).
/// </summary>
public readonly record struct CpuSample(TimeSpan Wall, TimeSpan ProcessCpu, TimeSpan ThreadCpu)
{
    /// <summary>Process CPU time over wall time: the cores the region kept busy on average.</summary>
    public double CpuPerWall => ProcessCpu / Wall;

    /// <summary>CPU time of every thread but the one that measured.</summary>
    public TimeSpan OtherThreadsCpu => ProcessCpu - ThreadCpu;

    public static CpuSample operator +(CpuSample a, CpuSample b) =>
        new(a.Wall + b.Wall, a.ProcessCpu + b.ProcessCpu, a.ThreadCpu + b.ThreadCpu);
}

/// <summary>Starts on creation; <see cref="Elapsed"/> reads the region so far (call it on the starting thread).</summary>
public sealed class CpuClock
{
    private readonly long wallStart;
    private readonly TimeSpan processStart;
    private readonly TimeSpan threadStart;

    private CpuClock()
    {
        threadStart = ThreadCpu();
        processStart = Environment.CpuUsage.TotalTime;
        wallStart = Stopwatch.GetTimestamp();
    }

    public static CpuClock Start() => new();

    public CpuSample Elapsed
    {
        get
        {
            TimeSpan wall = Stopwatch.GetElapsedTime(wallStart);
            TimeSpan process = Environment.CpuUsage.TotalTime - processStart;
            return new CpuSample(wall, process, ThreadCpu() - threadStart);
        }
    }

    /// <summary>CPU time of the calling thread (CLOCK_THREAD_CPUTIME_ID; Linux, as the whole project).</summary>
    private static TimeSpan ThreadCpu()
    {
        if (clock_gettime(ClockThreadCpuTime, out Timespec t) != 0)
            throw new InvalidOperationException($"clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed: errno {Marshal.GetLastPInvokeError()}");
        return TimeSpan.FromTicks(t.Seconds * TimeSpan.TicksPerSecond + t.Nanoseconds / 100);
    }

    private const int ClockThreadCpuTime = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int clock_gettime(int clock, out Timespec time);
}
