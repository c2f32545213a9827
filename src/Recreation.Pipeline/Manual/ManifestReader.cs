using Recreation.Core.Diagnostics;

namespace Recreation.Pipeline.Manual;

/// <summary>
/// Reads a manifest CSV: a header <c>clip_id,file</c>, then one clip per line. A file is relative
/// to the manifest's folder. Every problem is reported with its line (exit 2, nothing imported).
/// </summary>
public static class ManifestReader
{
    public static bool IsManifest(string path)
    {
        using var reader = new StreamReader(path);
        return IsHeader(reader.ReadLine());
    }

    public static IReadOnlyList<ManifestEntry> Read(string path, IReadOnlySet<string> clipIds, List<Diagnostic> problems)
    {
        var entries = new List<ManifestEntry>();
        var lines = File.ReadAllLines(path);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (lines.Length == 0 || !IsHeader(lines[0]))
        {
            problems.Add(new Diagnostic(Severity.Error, path, 1, 1, "", "a manifest starts with the header 'clip_id,file'"));
            return entries;
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var comma = line.IndexOf(',', StringComparison.Ordinal);
            if (comma < 0)
            {
                problems.Add(new Diagnostic(Severity.Error, path, i + 1, 1, "", "expected 'clip_id,file'"));
                continue;
            }

            var clipId = Unquote(line[..comma]);
            var file = Unquote(line[(comma + 1)..]);
            if (!clipIds.Contains(clipId))
            {
                problems.Add(new Diagnostic(Severity.Error, path, i + 1, 1, "clip_id", $"'{clipId}' is not a clip of this scene file (clips: {string.Join(", ", clipIds.Take(8))}{(clipIds.Count > 8 ? ", …" : "")})"));
                continue;
            }

            if (seen.TryGetValue(clipId, out var earlier))
            {
                problems.Add(new Diagnostic(Severity.Error, path, i + 1, 1, "clip_id", $"{clipId} is already given on line {earlier}"));
                continue;
            }

            seen[clipId] = i + 1;
            var full = Path.GetFullPath(Path.Combine(folder, file));
            if (!File.Exists(full))
            {
                problems.Add(new Diagnostic(Severity.Error, path, i + 1, comma + 2, "file", $"'{file}' not found (relative to the manifest's folder)"));
                continue;
            }

            entries.Add(new ManifestEntry(clipId, full, Path.GetFileName(path), i + 1));
        }

        return entries;
    }

    private static bool IsHeader(string? line) =>
        line is not null && line.Replace(" ", "", StringComparison.Ordinal).Trim().TrimStart('\uFEFF').Equals("clip_id,file", StringComparison.OrdinalIgnoreCase);

    private static string Unquote(string field)
    {
        var text = field.Trim();
        return text.Length >= 2 && text[0] == '"' && text[^1] == '"' ? text[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal) : text;
    }
}