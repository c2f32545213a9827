using Recreation.Core.Diagnostics;
using Recreation.Core.Files;

namespace Recreation.Pipeline.Manual;

/// <summary>
/// What the paths given to <c>import</c> hold: video files, manifest CSVs (header
/// <c>clip_id,file</c>), folders (their top level) and <c>.zip</c> exports (only their videos and
/// manifests are extracted, within limits, to a temp folder deleted on dispose: see
/// <see cref="ZipExtractor"/>). Only regular files are read: a FIFO or a device in a folder is
/// skipped with a note, and one named on the command line is refused. Nothing is written next to
/// the user's files.
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

    /// <summary>Each manifest with the folder its files must stay inside (its own folder, or the zip's extraction folder).</summary>
    public List<(string Path, string Root)> Manifests { get; } = [];

    /// <summary>Paths that do not exist.</summary>
    public List<string> Missing { get; } = [];

    /// <summary>Files left out on purpose (not regular files, links in a zip), by name, with why.</summary>
    public List<(string Path, string Name, string Reason)> Skipped { get; } = [];

    /// <summary>Paths named on the command line that cannot be read (a FIFO, a device).</summary>
    public List<Diagnostic> Refused { get; } = [];

    public static bool IsCandidate(string path) =>
        !System.IO.Path.GetFileName(path).StartsWith('.') && (VideoExtensions.Contains(System.IO.Path.GetExtension(path)) || IsZip(path)) && InputFiles.IsReadableFile(path);

    /// <exception cref="InvalidInputException">A zip is unreadable or hostile (see <see cref="ZipExtractor"/>).</exception>
    public static ImportSources Collect(IEnumerable<string> paths, CancellationToken cancellationToken = default)
    {
        var sources = new ImportSources();
        try
        {
            foreach (var path in paths.Select(System.IO.Path.GetFullPath).Distinct(StringComparer.Ordinal))
            {
                switch (InputFiles.KindOf(path))
                {
                    case FileKind.Directory:
                        foreach (var file in Directory.EnumerateFiles(path).Order(StringComparer.Ordinal))
                        {
                            sources.AddFile(file, System.IO.Path.GetFileName(file), explicitly: false, cancellationToken);
                        }

                        break;
                    case FileKind.Missing:
                        sources.Missing.Add(path);
                        break;
                    default:
                        sources.AddFile(path, System.IO.Path.GetFileName(path), explicitly: true, cancellationToken);
                        break;
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

    private static bool IsCsv(string path) => System.IO.Path.GetExtension(path).Equals(".csv", StringComparison.OrdinalIgnoreCase);

    private void AddFile(string path, string name, bool explicitly, CancellationToken cancellationToken)
    {
        var file = System.IO.Path.GetFileName(path);
        if (file.StartsWith('.'))
        {
            return;
        }

        // Never opened when not a regular file: a FIFO would block the open and a device never ends.
        var why = InputFiles.WhyNotAFile(path);
        if (why is not null && explicitly)
        {
            Refused.Add(new Diagnostic(Severity.Error, path, 0, 0, "", why));
            return;
        }

        if (!(IsZip(path) || VideoExtensions.Contains(System.IO.Path.GetExtension(path)) || IsCsv(path)))
        {
            return;
        }

        if (why is not null)
        {
            Skipped.Add((path, name, $"skipped: it {why}"));
            return;
        }

        if (IsZip(path))
        {
            AddZip(path, cancellationToken);
        }
        else if (VideoExtensions.Contains(System.IO.Path.GetExtension(path)))
        {
            Videos.Add((path, name));
        }
        else if (explicitly || ManifestReader.IsManifest(path))
        {
            Manifests.Add((path, System.IO.Path.GetDirectoryName(path)!));
        }
    }

    /// <summary>Extracts a zip export's videos and manifests (hidden files and <c>__MACOSX</c> are left in the zip).</summary>
    private void AddZip(string zip, CancellationToken cancellationToken)
    {
        var folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "recreation-import-" + Guid.NewGuid().ToString("N"));
        _tempFolders.Add(folder);
        var zipName = System.IO.Path.GetFileName(zip);
        var skipped = new List<(string Inside, string Reason)>();
        var files = ZipExtractor.Extract(zip, folder, Wanted, skipped, cancellationToken);
        foreach (var (inside, reason) in skipped)
        {
            Skipped.Add((zip, $"{zipName}:{inside}", $"skipped: it {reason}"));
        }

        foreach (var (file, inside) in files.OrderBy(f => f.Inside, StringComparer.Ordinal))
        {
            if (VideoExtensions.Contains(System.IO.Path.GetExtension(file)))
            {
                Videos.Add((file, $"{zipName}:{inside}"));
            }
            else if (ManifestReader.IsManifest(file))
            {
                Manifests.Add((file, folder));
            }
        }

        static bool Wanted(string inside) =>
            !inside.Split('/').Any(part => part.StartsWith('.') || part == "__MACOSX")
            && (VideoExtensions.Contains(System.IO.Path.GetExtension(inside)) || IsCsv(inside));
    }
}