using Recreation.Media.Files;

namespace Recreation.Media.Stitching;

/// <summary>A private sub-folder of the caller's work folder for one stitch; deleted with everything in it on dispose.</summary>
internal sealed class WorkFolder : IDisposable
{
    public WorkFolder(string parent)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(parent);
        Path = System.IO.Path.Combine(System.IO.Path.GetFullPath(parent), "stitch-" + Guid.NewGuid().ToString("N")[..12]);
        AtomicFile.CreateFolder(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Intermediates left behind in the work folder cost disk space, not correctness.
        }
        catch (UnauthorizedAccessException)
        {
            // Same as above.
        }
    }
}