using System.Text.RegularExpressions;

namespace Recreation.Cli.Tests.ChildProcesses;

/// <summary>
/// Files of the malformed corpus kept in tests/Recreation.Core.Tests/Malformed (the Core tests own
/// it): each says what it must produce in <c># expect: LINE:COLUMN: PATH: MESSAGE</c> lines, and a
/// <c># loader-bug:</c> line when the loader gets it wrong today.
/// </summary>
public static partial class MalformedCorpusCopy
{
    public static string Folder => Path.Combine(RepositoryRoot(), "tests", "Recreation.Core.Tests", "Malformed");

    /// <summary>The <c>file:line:column: path: </c> prefixes the file's errors must be printed with.</summary>
    public static IReadOnlyList<string> ExpectedPrefixes(string fileName) =>
        File.ReadLines(Path.Combine(Folder, fileName))
            .Select(l => ExpectLine().Match(l))
            .Where(m => m.Success)
            .Select(m => m.Groups["path"].Value.Length == 0
                ? $"{fileName}:{m.Groups["position"].Value}: "
                : $"{fileName}:{m.Groups["position"].Value}: {m.Groups["path"].Value}: ")
            .ToList();

    public static string? LoaderBug(string fileName) =>
        File.ReadLines(Path.Combine(Folder, fileName))
            .Select(l => LoaderBugLine().Match(l))
            .FirstOrDefault(m => m.Success)?.Groups["reason"].Value;

    /// <summary>Copies a corpus file into <paramref name="directory"/> and returns its name there.</summary>
    public static string CopyTo(string fileName, string directory)
    {
        File.Copy(Path.Combine(Folder, fileName), Path.Combine(directory, fileName));
        return fileName;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory ?? AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Recreation.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Recreation.sln above {AppContext.BaseDirectory}");
    }

    [GeneratedRegex(@"^# expect: (?<position>\d+:\d+): (?<path>.*?): (?<message>.+)$")]
    private static partial Regex ExpectLine();

    [GeneratedRegex(@"^# loader-bug: (?<reason>.+)$")]
    private static partial Regex LoaderBugLine();
}