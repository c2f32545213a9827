namespace Recreation.Cli.Tests.ChildProcesses;

/// <summary>Every file and folder under a directory with its size and last write time, to prove a command wrote nothing.</summary>
public static class FolderSnapshot
{
    public static IReadOnlyList<string> Take(string directory) =>
        new DirectoryInfo(directory)
            .EnumerateFileSystemInfos("*", SearchOption.AllDirectories)
            .Select(entry => entry is FileInfo file
                ? $"{Path.GetRelativePath(directory, file.FullName)} {file.Length} bytes {file.LastWriteTimeUtc:O}"
                : $"{Path.GetRelativePath(directory, entry.FullName)}/ {entry.LastWriteTimeUtc:O}")
            .Order(StringComparer.Ordinal)
            .ToList();
}