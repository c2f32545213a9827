namespace Recreation.Testing;

/// <summary>A fresh folder under the system temp directory, deleted (with its contents) on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory(string prefix = "recreation-test")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>The full path of a file or folder inside this directory (not created).</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Creates a sub-folder and returns its path.</summary>
    public string Folder(string name) => Directory.CreateDirectory(System.IO.Path.Combine(Path, name)).FullName;

    /// <summary>The files now in this directory (recursively), as names relative to it.</summary>
    public IReadOnlyList<string> ListFiles()
    {
        return Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories)
            .Select(f => System.IO.Path.GetRelativePath(Path, f))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a process being torn down: the OS temp cleaner gets it later.
        }
        catch (UnauthorizedAccessException)
        {
            // Same as above.
        }
    }

    public override string ToString() => Path;
}