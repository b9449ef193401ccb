namespace MlCgMd.Data;

/// <summary>
/// The rules for writing into a folder that already holds files: a fresh start needs an empty (or
/// missing) folder, so nothing is overwritten silently; <see cref="Clear"/> empties a folder that the
/// same verb wrote before (the CLI's --overwrite), and refuses any other.
/// </summary>
public static class OutputFolder
{
    /// <summary>Refuses to start afresh in a folder that holds anything but the lock and <paramref name="provenance"/> files.</summary>
    /// <param name="what">what the folder holds: "training run", "rollout"</param>
    /// <param name="provenance">files a caller writes just before starting (e.g. overrides.json)</param>
    public static void RequireFresh(string directory, string what, params string[] provenance)
    {
        if (!Directory.Exists(directory)) return;
        var entries = Directory.EnumerateFileSystemEntries(directory).Select(Path.GetFileName)
            .Where(name => name != FolderLock.FileName && !provenance.Contains(name)).Order(StringComparer.Ordinal).ToList();
        if (entries.Count == 0) return;
        throw new IOException(
            $"'{directory}' already holds files ({string.Join(", ", entries.Take(3))}{(entries.Count > 3 ? $", ... {entries.Count} in all" : "")}); " +
            $"add --resume to continue that {what}, --overwrite to replace it, or choose another folder");
    }

    /// <summary>
    /// Deletes everything in <paramref name="directory"/> but the lock file, provided it holds
    /// <paramref name="marker"/> (the file the verb always writes there), so --overwrite never empties
    /// a folder some other program wrote. Take the folder's <see cref="FolderLock"/> first.
    /// </summary>
    public static void Clear(string directory, string marker, string what)
    {
        if (!Directory.Exists(directory)) return;
        var entries = Directory.EnumerateFileSystemEntries(directory).Where(e => Path.GetFileName(e) != FolderLock.FileName).ToList();
        if (entries.Count == 0) return;
        if (!File.Exists(Path.Combine(directory, marker)))
            throw new IOException($"'{directory}' is not a {what} folder (it has no {marker}); --overwrite deletes only folders " +
                                  "that mlcgmd wrote: remove it yourself or choose another folder");
        foreach (string entry in entries)
        {
            if (Directory.Exists(entry) && !File.GetAttributes(entry).HasFlag(FileAttributes.ReparsePoint))
                Directory.Delete(entry, recursive: true);
            else
                File.Delete(entry);
        }
    }

    /// <summary>
    /// Refuses paths that are not regular files (FIFOs, devices, sockets): reading one would block
    /// forever or read without end.
    /// </summary>
    public static void RequireRegularFile(string path, string what)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{what} '{path}' does not exist", path);
        if (!IsRegularFile(path))
            throw new InvalidDataException($"{what} '{path}' is not a regular file (a pipe, socket or device?)");
    }

    /// <summary>
    /// Resolves <paramref name="name"/> (a file or folder name from a config or manifest) under
    /// <paramref name="directory"/>, refusing names that would lead outside it.
    /// </summary>
    /// <param name="source">where the name comes from, for the message: "rollout.json field 'file'"</param>
    /// <param name="subfolders">whether <paramref name="name"/> may be a relative path into subfolders ("shards/0-of-2/x.h5")</param>
    public static string Inside(string directory, string name, string source, bool subfolders = false)
    {
        string[] parts = name.Split('/');
        bool plain = !string.IsNullOrWhiteSpace(name) && name.IndexOfAny(['\\', '\0']) < 0 && (subfolders || parts.Length == 1) &&
                     parts.All(p => p.Length > 0 && p is not ("." or ".."));
        if (!plain)
            throw new InvalidDataException(subfolders
                ? $"{source}: '{name}' is not a relative path inside the folder (no leading '/', no '..')"
                : $"{source}: '{name}' is not a plain file name (no folders, no '..')");
        return Path.Combine(directory, name);
    }

    /// <summary>statx(2), whose buffer layout is the same on every Linux architecture: stx_mode is the u16 at offset 28.</summary>
    private static bool IsRegularFile(string path)
    {
        if (OperatingSystem.IsWindows()) return true;
        var buffer = new byte[256];
        if (statx(-100 /* AT_FDCWD */, path, 0, 1 /* STATX_TYPE */, buffer) != 0) return true;   // let the open report it
        ushort mode = BitConverter.ToUInt16(buffer, 28);
        return (mode & 0xF000) == 0x8000;   // S_IFREG
    }

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    private static extern int statx(int directoryFd, string path, int flags, uint mask, byte[] buffer);
}
