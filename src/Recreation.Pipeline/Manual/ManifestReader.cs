using Recreation.Core.Diagnostics;
using Recreation.Core.Files;

namespace Recreation.Pipeline.Manual;

/// <summary>
/// Reads a manifest CSV: a header <c>clip_id,file</c>, then one clip per line. A file is relative
/// to the manifest's folder. Every problem is reported with its line (exit 2, nothing imported).
/// </summary>
public static class ManifestReader
{
    /// <summary>True when a regular file starts with the manifest header (only its first 4 KiB are read).</summary>
    public static bool IsManifest(string path)
    {
        if (!InputFiles.IsReadableFile(path))
        {
            return false;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var head = new byte[4096];
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        using var reader = new StringReader(System.Text.Encoding.UTF8.GetString(head, 0, read));
        return IsHeader(reader.ReadLine());
    }

    /// <summary>
    /// Reads a manifest. Each file it names must be a regular file inside <paramref name="root"/>
    /// (the manifest's own folder, or the folder a zip was extracted to): a manifest that travels in
    /// a zip or a downloads folder cannot reach out to other files on the disk.
    /// </summary>
    public static IReadOnlyList<ManifestEntry> Read(string path, string root, IReadOnlySet<string> clipIds, List<Diagnostic> problems)
    {
        var entries = new List<ManifestEntry>();
        var lines = InputFiles.ReadText(path, InputFiles.MaxManifestBytes).Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var inside = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
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
            if (!full.StartsWith(inside, StringComparison.Ordinal))
            {
                problems.Add(new Diagnostic(Severity.Error, path, i + 1, comma + 2, "file", $"'{file}' is outside the manifest's folder{(inside == folder + Path.DirectorySeparatorChar ? "" : " (or zip)")}; a manifest may only name files beside it"));
                continue;
            }

            if (InputFiles.WhyNotAFile(full) is { } why)
            {
                problems.Add(new Diagnostic(Severity.Error, path, i + 1, comma + 2, "file", why.StartsWith("file not found", StringComparison.Ordinal) ? $"'{file}' not found (relative to the manifest's folder)" : $"'{file}' {why}"));
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