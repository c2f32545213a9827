namespace Recreation.Core.Tests.Samples;

/// <summary>Files of the repository the samples tests read: examples/, pipelines/, schema/, README.md.</summary>
public static class Repository
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The folder holding Recreation.sln, found by walking up from the test's output folder.</summary>
    public static string Root => RootPath.Value;

    public static string SchemaPath => Path.Combine(Root, "schema", "scene.schema.json");

    public static string ReadmePath => Path.Combine(Root, "README.md");

    public static string BatchSchemaPath => Path.Combine(Root, "schema", "batch.schema.json");

    /// <summary>Every scene file of examples/ and pipelines/ (top level <c>scenes:</c>), as paths relative to the root (with '/').</summary>
    public static IReadOnlyList<string> SampleFiles() =>
        YamlFiles().Where(f => global::Recreation.Core.Batch.BatchFileReader.IsSceneFile(Full(f))).ToList();

    /// <summary>Every batch file of examples/ and pipelines/ (top level <c>items:</c>).</summary>
    public static IReadOnlyList<string> BatchFiles() =>
        YamlFiles().Where(f => global::Recreation.Core.Batch.BatchFileReader.IsBatchFile(Full(f))).ToList();

    /// <summary>The YAML files of examples/ and pipelines/ that are neither scene files nor batch files (a Kubernetes Job, a CI workflow).</summary>
    public static IReadOnlyList<string> OtherYamlFiles() =>
        YamlFiles().Except(SampleFiles()).Except(BatchFiles()).ToList();

    /// <summary>Every YAML file of examples/ and pipelines/, as paths relative to the root (with '/').</summary>
    public static IReadOnlyList<string> YamlFiles() =>
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