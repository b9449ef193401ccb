namespace MlCgMd.Tests;

/// <summary>The repository checkout the test assembly was built in (the folder holding MlCgMd.sln).</summary>
internal static class RepositoryFolder
{
    public static string Root { get; } = Find();

    /// <summary>A shipped config, data/configs/<paramref name="name"/>.</summary>
    public static string Config(string name) => Path.Combine(Root, "data", "configs", name);

    private static string Find()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MlCgMd.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("the repository root (MlCgMd.sln) is not above the test assembly");
    }
}
