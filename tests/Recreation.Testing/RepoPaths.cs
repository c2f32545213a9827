namespace Recreation.Testing;

/// <summary>Folders of the repository, found from the running test assembly.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The folder holding Recreation.sln, found by walking up from the test assembly's folder.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>
    /// The shared real-world clips (<c>../shared/media</c> beside the repository), or null when the
    /// folder is not there (a fresh clone elsewhere): tests then skip with Assert.Ignore.
    /// </summary>
    public static string? SharedMedia
    {
        get
        {
            var folder = Path.GetFullPath(Path.Combine(Root, "..", "shared", "media"));
            return Directory.Exists(folder) ? folder : null;
        }
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Recreation.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Recreation.sln above '{AppContext.BaseDirectory}': run the tests from inside the repository.");
    }
}