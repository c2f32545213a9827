using System.Globalization;
using System.Text.RegularExpressions;

namespace Recreation.Core.Tests.Malformed;

/// <summary>One problem a corpus file says it holds: <c># expect: LINE:COLUMN: PATH: MESSAGE-FRAGMENT</c>.</summary>
public sealed record ExpectedDiagnostic(int Line, int Column, string Path, string Fragment)
{
    public override string ToString() => $"{Line}:{Column}: {Path}: …{Fragment}…";
}

/// <summary>
/// A file of the malformed corpus (copied next to the test assembly). Its leading comment lines say
/// what the loader must report (<c># expect:</c>); a <c># loader-bug:</c> line anywhere marks a case
/// the loader gets wrong today, so its test is ignored with that reason until the loader is fixed.
/// </summary>
public sealed partial record CorpusFile(string Name, string FullPath, IReadOnlyList<ExpectedDiagnostic> Expected, string? LoaderBug)
{
    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "Malformed");

    public static IReadOnlyList<CorpusFile> All() =>
        Directory.EnumerateFiles(Folder, "*.yaml")
            .Order(StringComparer.Ordinal)
            .Select(Read)
            .ToList();

    public static CorpusFile Read(string path)
    {
        var lines = File.ReadAllLines(path);
        var expected = new List<ExpectedDiagnostic>();
        foreach (var line in lines.TakeWhile(l => l.StartsWith('#')))
        {
            if (ExpectLine().Match(line) is { Success: true } m)
            {
                expected.Add(new ExpectedDiagnostic(
                    int.Parse(m.Groups["line"].Value, CultureInfo.InvariantCulture),
                    int.Parse(m.Groups["column"].Value, CultureInfo.InvariantCulture),
                    m.Groups["path"].Value,
                    m.Groups["message"].Value.Trim()));
            }
        }

        var bug = lines.Select(l => LoaderBugLine().Match(l)).FirstOrDefault(m => m.Success)?.Groups["reason"].Value.Trim();
        return new CorpusFile(System.IO.Path.GetFileName(path), path, expected, bug);
    }

    public override string ToString() => Name;

    [GeneratedRegex(@"^# expect: (?<line>\d+):(?<column>\d+): (?<path>.*?): (?<message>.+)$")]
    private static partial Regex ExpectLine();

    [GeneratedRegex(@"^# loader-bug: (?<reason>.+)$")]
    private static partial Regex LoaderBugLine();
}