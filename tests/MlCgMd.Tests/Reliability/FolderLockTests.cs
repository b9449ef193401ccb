using System.Diagnostics;
using MlCgMd.Data;
using MlCgMd.Tests.Training;
using MlCgMd.Training;

namespace MlCgMd.Tests.Reliability;

/// <summary>
/// A second writer of a run, rollout or dataset folder is refused at once. The other writer is a real
/// second process: util-linux flock(1) holding the same lock file with flock(2), as another mlcgmd would.
/// </summary>
public class FolderLockTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "mlcgmd-lock-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }

    /// <summary>Starts `flock -o LOCKFILE sleep 60` (flock itself holds the lock, not the sleep) and returns once it holds it.</summary>
    private static Process HoldLock(string folder)
    {
        Directory.CreateDirectory(folder);
        string lockFile = Path.Combine(folder, FolderLock.FileName);
        File.WriteAllText(lockFile, "pid of the test's flock(1)\n");
        var holder = Process.Start(new ProcessStartInfo("flock", ["-o", lockFile, "sleep", "60"]) { UseShellExecute = false })!;
        var clock = Stopwatch.StartNew();
        while (Process.Start(new ProcessStartInfo("flock", ["-n", lockFile, "true"]) { UseShellExecute = false })!
                   .WaitForExitAndGetCode() == 0)
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(20)) throw new TimeoutException("flock(1) did not take the lock");
            Thread.Sleep(50);
        }
        return holder;
    }

    [Fact]
    public void A_second_trainer_on_a_locked_run_folder_is_refused_at_once_and_writes_nothing()
    {
        string data = TinyDataset.Write(Path.Combine(root, "data"));
        string run = Path.Combine(root, "run");
        using Process holder = HoldLock(run);
        try
        {
            var clock = Stopwatch.StartNew();
            var e = Assert.Throws<IOException>(() => new Trainer(TinyDataset.Config(data, steps: 3), root, run).Run(resume: true));
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"refused after {clock.Elapsed}");
            Assert.Contains("in use", e.Message);
            Assert.Contains("pid of the test's flock(1)", e.Message);
            Assert.Equal([FolderLock.FileName], Directory.GetFileSystemEntries(run).Select(Path.GetFileName));
        }
        finally
        {
            holder.Kill(entireProcessTree: true);
            holder.WaitForExit();
        }
        // The holder is gone, so is its lock: the lock file left behind blocks no one.
        new Trainer(TinyDataset.Config(data, steps: 3), root, run).Run(resume: true);
        Assert.True(Checkpoint.Exists(Path.Combine(run, "checkpoints", "last")));
    }

    [Fact]
    public void The_lock_is_reentrant_within_one_process_and_released_by_its_last_holder()
    {
        string folder = Path.Combine(root, "folder");
        using (FolderLock outer = FolderLock.Acquire(folder, "test folder"))
        using (FolderLock inner = FolderLock.Acquire(folder, "test folder"))
        {
            inner.Dispose();
            Assert.NotEqual(0, Process.Start(new ProcessStartInfo("flock", ["-n", outer.Path, "true"]))!.WaitForExitAndGetCode());
        }
        Assert.Equal(0, Process.Start(new ProcessStartInfo("flock", ["-n", Path.Combine(folder, FolderLock.FileName), "true"]))!
            .WaitForExitAndGetCode());
    }
}

internal static class ProcessExtensions
{
    public static int WaitForExitAndGetCode(this Process process)
    {
        using (process)
        {
            process.WaitForExit();
            return process.ExitCode;
        }
    }
}
