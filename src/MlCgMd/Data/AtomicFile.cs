namespace MlCgMd.Data;

/// <summary>
/// Writes a file so that readers see either the old content or the complete new one: the
/// content goes to a hidden temporary file in the same folder, which is then renamed over the
/// target (a rename within one file system is atomic).
/// </summary>
public static class AtomicFile
{
    /// <summary>Calls <paramref name="writeTemporary"/> with a temporary path, then moves it to <paramref name="path"/>.</summary>
    public static void Write(string path, Action<string> writeTemporary)
    {
        string fullPath = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(fullPath)!;
        Directory.CreateDirectory(folder);
        string temporary = Path.Combine(folder, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            writeTemporary(temporary);
            File.Move(temporary, fullPath, overwrite: true);
        }
        catch (Exception e) when (e is IOException or ArgumentException { ParamName: "value" })
        {
            // EFBIG (file-size limit) arrives as ArgumentException("value"), ENOSPC as IOException; neither names the file.
            throw new IOException($"could not write '{fullPath}': {e.Message} (disk full or file-size limit?); the previous version, if any, is kept", e);
        }
        finally
        {
            if (File.Exists(temporary))
                File.Delete(temporary);
        }
    }

    /// <summary>Streams the new content through <paramref name="writeContent"/> (a seekable file stream).</summary>
    public static void Write(string path, Action<FileStream> writeContent) =>
        Write(path, temporary =>
        {
            using var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite);
            writeContent(stream);
        });

    /// <summary>Writes text in UTF-8 without a byte-order mark and with '\n' line ends.</summary>
    public static void WriteText(string path, Action<TextWriter> writeContent) =>
        Write(path, (FileStream stream) =>
        {
            using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false)) { NewLine = "\n" };
            writeContent(writer);
        });
}
