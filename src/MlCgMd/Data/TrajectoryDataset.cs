namespace MlCgMd.Data;

/// <summary>
/// The trajectory folders a split file names, as the official <c>MDDataset</c> loads them:
/// one folder name per line, resolved under the data directory and sorted by path.
/// </summary>
public sealed class TrajectoryDataset
{
    private TrajectoryDataset(string dataDirectory, string splitFile, IReadOnlyList<TrajectoryFolder> folders)
    {
        DataDirectory = dataDirectory;
        SplitFile = splitFile;
        Folders = folders;
    }

    public string DataDirectory { get; }

    public string SplitFile { get; }

    /// <summary>Trajectory folders in ordinal path order.</summary>
    public IReadOnlyList<TrajectoryFolder> Folders { get; }

    public int Count => Folders.Count;

    /// <summary>
    /// Resolves every folder <paramref name="splitFile"/> names under <paramref name="dataDirectory"/>;
    /// an empty split or a missing folder is an error naming the split file.
    /// </summary>
    public static TrajectoryDataset FromSplit(string dataDirectory, string splitFile, TrajectorySchema? schema = null)
    {
        string root = Path.GetFullPath(dataDirectory);
        if (!Directory.Exists(root))
            throw new DirectoryNotFoundException($"data directory '{root}' (for split '{splitFile}') does not exist");
        var names = ReadSplit(splitFile);
        var folders = names
            .Select(name => new TrajectoryFolder(Path.Combine(root, name), schema))
            .OrderBy(folder => folder.Path, StringComparer.Ordinal)
            .ToList();
        foreach (var folder in folders)
            if (!Directory.Exists(folder.Path))
                throw new DirectoryNotFoundException(
                    $"split file '{splitFile}' names trajectory '{folder.Name}', but folder '{folder.Path}' does not exist");
        return new TrajectoryDataset(root, splitFile, folders);
    }

    /// <summary>Folder names listed in a split file, in file order; blank lines are ignored.</summary>
    public static IReadOnlyList<string> ReadSplit(string splitFile)
    {
        OutputFolder.RequireRegularFile(splitFile, "split file");
        var names = File.ReadAllLines(splitFile)
            .Select(line => line.Trim())
            .Where(line => line.Length > 0)
            .ToList();
        if (names.Count == 0)
            throw new InvalidDataException($"split file '{splitFile}' is empty, expected one trajectory folder name per line");
        foreach (var name in names)
            if (name.IndexOfAny(['/', '\\', '\0']) >= 0 || name is "." or "..")
                throw new InvalidDataException($"split file '{splitFile}' lists '{name}', expected a plain folder name");
        if (names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new InvalidDataException(
                $"split file '{splitFile}' lists trajectory '{twice.Key}' {twice.Count()} times, expected each once (it would weigh double)");
        return names;
    }

    /// <summary>Writes a split file (one name per line, no trailing newline, as the official files are), atomically.</summary>
    public static void WriteSplit(string splitFile, IEnumerable<string> folderNames)
    {
        var names = folderNames.ToList();
        if (names.Count == 0)
            throw new ArgumentException($"split file '{splitFile}' needs at least one trajectory", nameof(folderNames));
        AtomicFile.WriteText(splitFile, writer => writer.Write(string.Join("\n", names)));
    }
}
