using System.IO.Compression;

namespace Recreation.Pipeline.Manual;

/// <summary>
/// What the paths given to <c>import</c> hold: video files, manifest CSVs (header
/// <c>clip_id,file</c>), folders (their top level) and <c>.zip</c> exports (extracted to a temp
/// folder, whole tree, deleted on dispose). Nothing is written next to the user's files.
/// </summary>
public sealed class ImportSources : IDisposable
{
    /// <summary>File endings taken as video; anything else in a folder (half-finished downloads, images) is left alone.</summary>
    public static readonly IReadOnlySet<string> VideoExtensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ".mp4", ".mov", ".m4v", ".webm", ".mkv", ".avi" };

    private readonly List<string> _tempFolders = [];

    private ImportSources()
    {
    }

    /// <summary>Each video with the name a person knows it by (<c>export.zip:dir/a.mp4</c> for a file from a zip).</summary>
    public List<(string Path, string Name)> Videos { get; } = [];

    public List<string> Manifests { get; } = [];

    /// <summary>Paths that do not exist.</summary>
    public List<string> Missing { get; } = [];

    public static bool IsCandidate(string path) =>
        !System.IO.Path.GetFileName(path).StartsWith('.') && (VideoExtensions.Contains(System.IO.Path.GetExtension(path)) || IsZip(path));

    public static ImportSources Collect(IEnumerable<string> paths)
    {
        var sources = new ImportSources();
        try
        {
            foreach (var path in paths.Select(System.IO.Path.GetFullPath).Distinct(StringComparer.Ordinal))
            {
                if (Directory.Exists(path))
                {
                    foreach (var file in Directory.EnumerateFiles(path).Order(StringComparer.Ordinal))
                    {
                        sources.AddFile(file, System.IO.Path.GetFileName(file), explicitly: false);
                    }
                }
                else if (File.Exists(path))
                {
                    sources.AddFile(path, System.IO.Path.GetFileName(path), explicitly: true);
                }
                else
                {
                    sources.Missing.Add(path);
                }
            }
        }
        catch
        {
            sources.Dispose();
            throw;
        }

        return sources;
    }

    public void Dispose()
    {
        foreach (var folder in _tempFolders)
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // The temp cleaner gets it later.
            }
        }
    }

    private static bool IsZip(string path) => System.IO.Path.GetExtension(path).Equals(".zip", StringComparison.OrdinalIgnoreCase);

    private void AddFile(string path, string name, bool explicitly)
    {
        var file = System.IO.Path.GetFileName(path);
        if (file.StartsWith('.'))
        {
            return;
        }

        if (IsZip(path))
        {
            AddZip(path);
        }
        else if (VideoExtensions.Contains(System.IO.Path.GetExtension(path)))
        {
            Videos.Add((path, name));
        }
        else if (System.IO.Path.GetExtension(path).Equals(".csv", StringComparison.OrdinalIgnoreCase) && (explicitly || ManifestReader.IsManifest(path)))
        {
            Manifests.Add(path);
        }
    }

    /// <summary>Extracts a zip export (the runtime refuses entries that would land outside the folder).</summary>
    private void AddZip(string zip)
    {
        var folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "recreation-import-" + Guid.NewGuid().ToString("N"));
        _tempFolders.Add(folder);
        try
        {
            ZipFile.ExtractToDirectory(zip, folder);
        }
        catch (InvalidDataException e)
        {
            throw new Core.RecreationException($"{zip} is not a readable zip file ({e.Message}).", Core.ExitCodes.InvalidInput, isFatal: true, e);
        }

        var zipName = System.IO.Path.GetFileName(zip);
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var inside = System.IO.Path.GetRelativePath(folder, file).Replace('\\', '/');
            if (inside.Split('/').Any(part => part.StartsWith('.') || part == "__MACOSX"))
            {
                continue;
            }

            if (VideoExtensions.Contains(System.IO.Path.GetExtension(file)))
            {
                Videos.Add((file, $"{zipName}:{inside}"));
            }
            else if (System.IO.Path.GetExtension(file).Equals(".csv", StringComparison.OrdinalIgnoreCase) && ManifestReader.IsManifest(file))
            {
                Manifests.Add(file);
            }
        }
    }
}