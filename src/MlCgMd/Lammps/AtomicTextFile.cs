namespace MlCgMd.Lammps;

/// <summary>Writes a text file through a temporary sibling and a rename, so readers never see half a file.</summary>
internal static class AtomicTextFile
{
    public static void Write(string path, Action<TextWriter> write)
    {
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temporary = full + $".tmp{Environment.ProcessId}_{Environment.CurrentManagedThreadId}";
        try
        {
            using (var writer = new StreamWriter(temporary))
            {
                writer.NewLine = "\n";
                write(writer);
            }
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
                File.Delete(temporary);
        }
    }
}
