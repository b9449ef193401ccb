using System.Runtime.InteropServices;
using System.Text;

namespace MlCgMd.Data;

/// <summary>
/// An advisory lock on an output folder (a run, a rollout, a dataset): the file <see cref="FileName"/>
/// in the folder, held with flock(2) for as long as this object lives. A second writer is refused at
/// once with the holder's process id and command; the kernel drops the lock when the holder exits or
/// is killed, so a lock file left behind by a crash never blocks anyone.
/// flock is called directly (not through FileStream's share modes) so the file's owner line stays
/// readable while it is held. Within one process the lock is re-entrant (a verb and the library entry
/// point it calls both take it); the last holder to dispose releases it.
/// </summary>
public sealed class FolderLock : IDisposable
{
    public const string FileName = ".mlcgmd.lock";

    private static readonly Dictionary<string, (int Descriptor, int Holders)> Held = new(StringComparer.Ordinal);

    private bool disposed;

    private FolderLock(string path) => Path = path;

    /// <summary>The lock file.</summary>
    public string Path { get; }

    /// <summary>Takes the lock on <paramref name="directory"/> (created if missing).</summary>
    /// <param name="what">what the folder holds, for the message: "training run", "rollout", "dataset"</param>
    /// <exception cref="IOException">another process holds it</exception>
    public static FolderLock Acquire(string directory, string what)
    {
        Directory.CreateDirectory(directory);
        string path = System.IO.Path.Combine(System.IO.Path.GetFullPath(directory), FileName);
        lock (Held)
        {
            if (Held.TryGetValue(path, out var held))
            {
                Held[path] = (held.Descriptor, held.Holders + 1);
                return new FolderLock(path);
            }
            Held[path] = (Take(path, directory, what), 1);
            return new FolderLock(path);
        }
    }

    private static int Take(string path, string directory, string what)
    {
        int fd = open(path, OpenReadWrite | OpenCreate | OpenCloseOnExec, Convert.ToInt32("644", 8));
        if (fd < 0)
            throw new IOException($"cannot create the lock file '{path}': {Marshal.GetLastPInvokeErrorMessage()}");
        if (flock(fd, LockExclusive | LockNonBlocking) != 0)
        {
            int error = Marshal.GetLastPInvokeError();
            string holder = ReadOwner(fd);
            close(fd);
            throw new IOException(error == WouldBlock
                ? $"'{directory}' is in use: another mlcgmd process writes this {what} ({(holder.Length > 0 ? holder : "owner unknown")}); " +
                  "wait for it to finish or stop it, or use another folder"
                : $"cannot lock '{path}': {Marshal.GetPInvokeErrorMessage(error)}");
        }
        byte[] owner = Encoding.UTF8.GetBytes(
            $"pid {Environment.ProcessId} on {Environment.MachineName} since {DateTime.UtcNow:yyyy-MM-ddTHH:mm:ssZ}: " +
            string.Join(' ', Environment.GetCommandLineArgs().Skip(1)) + "\n");
        if (ftruncate(fd, 0) != 0 || write(fd, owner, owner.Length) != owner.Length)
        {
            close(fd);
            throw new IOException($"cannot write the lock file '{path}': {Marshal.GetLastPInvokeErrorMessage()}");
        }
        return fd;
    }

    public void Dispose()
    {
        lock (Held)
        {
            if (disposed) return;
            disposed = true;
            var (fd, holders) = Held[Path];
            if (holders > 1)
            {
                Held[Path] = (fd, holders - 1);
                return;
            }
            Held.Remove(Path);
            close(fd);          // releases the flock; the file stays (harmless, reused next time)
        }
    }

    private static string ReadOwner(int fd)
    {
        var buffer = new byte[512];
        long n = pread(fd, buffer, buffer.Length, 0);
        return n > 0 ? Encoding.UTF8.GetString(buffer, 0, (int)n).Trim() : "";
    }

    private const int OpenReadWrite = 2, OpenCreate = 0x40, OpenCloseOnExec = 0x80000;   // Linux values
    private const int LockExclusive = 2, LockNonBlocking = 4;
    private const int WouldBlock = 11;   // EWOULDBLOCK = EAGAIN on Linux

    [DllImport("libc", SetLastError = true)] private static extern int open(string path, int flags, int mode);
    [DllImport("libc", SetLastError = true)] private static extern int flock(int fd, int operation);
    [DllImport("libc", SetLastError = true)] private static extern int ftruncate(int fd, long length);
    [DllImport("libc", SetLastError = true)] private static extern nint write(int fd, byte[] buffer, nint count);
    [DllImport("libc", SetLastError = true)] private static extern nint pread(int fd, byte[] buffer, nint count, long offset);
    [DllImport("libc", SetLastError = true)] private static extern int close(int fd);
}
