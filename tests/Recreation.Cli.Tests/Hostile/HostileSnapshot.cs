namespace Recreation.Cli.Tests.Hostile;

/// <summary>
/// Every entry under a folder (kind, size, last write time), walked without following symbolic
/// links and without opening anything, so FIFOs and links to devices in a case are safe to list.
/// </summary>
public static class HostileSnapshot
{
    public static IReadOnlyDictionary<string, string> Take(string root)
    {
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        Walk(new DirectoryInfo(root), root, entries);
        return entries;
    }

    /// <summary>Relative paths created, changed or deleted between two snapshots.</summary>
    public static IReadOnlyList<string> Changed(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after) =>
        before.Keys.Union(after.Keys)
            .Where(k => !before.TryGetValue(k, out var b) || !after.TryGetValue(k, out var a) || a != b)
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>True for a file that is not a link and holds bytes (FIFOs and devices list as empty: never opened).</summary>
    public static bool IsPlainFile(string path)
    {
        var info = new FileInfo(path);
        return info.Exists && info.LinkTarget is null && info.Length > 0;
    }

    private static void Walk(DirectoryInfo directory, string root, Dictionary<string, string> entries)
    {
        foreach (var entry in directory.EnumerateFileSystemInfos())
        {
            var relative = Path.GetRelativePath(root, entry.FullName).Replace('\\', '/');
            if (entry.LinkTarget is { } target)
            {
                entries[relative] = $"link -> {target}";
            }
            else if (entry is DirectoryInfo sub)
            {
                entries[relative] = "folder";
                Walk(sub, root, entries);
            }
            else
            {
                var file = (FileInfo)entry;
                entries[relative] = $"file {file.Length} bytes {file.LastWriteTimeUtc:O}";
            }
        }
    }
}