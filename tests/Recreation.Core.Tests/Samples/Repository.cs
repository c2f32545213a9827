namespace Recreation.Core.Tests.Samples;

/// <summary>Files of the repository the samples tests read: examples/, pipelines/, schema/, README.md.</summary>
public static class Repository
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The folder holding Recreation.sln, found by walking up from the test's output folder.</summary>
    public static string Root => RootPath.Value;

    public static string SchemaPath => Path.Combine(Root, "schema", "scene.schema.json");

    public static string ReadmePath => Path.Combine(Root, "README.md");

    /// <summary>Every scene file of examples/ and pipelines/, as paths relative to the root (with '/').</summary>
    public static IReadOnlyList<string> SampleFiles() =>
        new[] { "examples", "pipelines" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(Root, folder), "*.*", SearchOption.AllDirectories))
            .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            .Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

    public static string Full(string relativePath) => Path.Combine(Root, relativePath);

    private static string FindRoot()
    {
        var start = TestContext.CurrentContext.TestDirectory ?? AppContext.BaseDirectory;
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Recreation.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no folder holding Recreation.sln above {start}");
    }
}