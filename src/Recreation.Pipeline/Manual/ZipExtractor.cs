using System.IO.Compression;

using Recreation.Core.Diagnostics;

namespace Recreation.Pipeline.Manual;

/// <summary>
/// Extracts the entries of an untrusted zip export that an import will use — video files and
/// manifest CSVs — and nothing else, within limits: no entry may land outside the folder, name a
/// file twice, or be a link (links are skipped, never followed); each entry and the whole
/// extraction are capped in size, and an entry that inflates more than
/// <see cref="MaxCompressionRatio"/> times (a zip bomb: 2 GiB of zeros deflate to 2 MB) is refused.
/// The caps count the bytes actually inflated, not the sizes the zip claims.
/// </summary>
public static class ZipExtractor
{
    /// <summary>The largest entry extracted: far above any generated clip (a 20 s 4K clip is a few hundred MB).</summary>
    public const long MaxEntryBytes = 4L << 30;

    /// <summary>The most extracted from one zip in total.</summary>
    public const long MaxTotalBytes = 16L << 30;

    /// <summary>Video barely compresses (about 1:1); a CSV does, but is small. Bigger ratios only come from padding.</summary>
    public const int MaxCompressionRatio = 100;

    /// <summary>Entries up to this size are not held to the ratio (a tiny manifest can compress well).</summary>
    public const long RatioFreeBytes = 1 << 20;

    /// <summary>Extracts the wanted entries of <paramref name="zip"/> into <paramref name="folder"/> (created).</summary>
    /// <param name="wanted">Whether an entry's name (with '/' separators) is one to extract.</param>
    /// <param name="skipped">Entries left out on purpose, with why (links).</param>
    /// <returns>The extracted files, as (full path, name inside the zip).</returns>
    /// <exception cref="InvalidInputException">The zip is unreadable, climbs out, repeats a name or breaks a limit (nothing of it is used).</exception>
    public static List<(string Path, string Inside)> Extract(string zip, string folder, Func<string, bool> wanted, List<(string Inside, string Reason)> skipped, CancellationToken cancellationToken = default)
    {
        var zipName = Path.GetFileName(zip);
        InvalidInputException Refuse(string message) => new([new Diagnostic(Severity.Error, zip, 0, 0, "", message)]);

        var root = Path.GetFullPath(folder) + Path.DirectorySeparatorChar;
        Directory.CreateDirectory(root);
        var extracted = new List<(string, string)>();
        try
        {
            using var archive = ZipFile.OpenRead(zip);
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            long total = 0;
            foreach (var entry in archive.Entries)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var inside = entry.FullName.Replace('\\', '/');
                if (!names.Add(inside.TrimEnd('/')))
                {
                    throw Refuse($"holds two entries named '{inside}'; a zip export names each file once. Re-create the zip.");
                }

                var target = Path.GetFullPath(Path.Combine(root, inside));
                if (Path.IsPathRooted(inside) || !target.StartsWith(root, StringComparison.Ordinal) || inside.Split('/').Contains(".."))
                {
                    throw Refuse($"entry '{inside}' would land outside the zip's folder; a zip export only holds plain relative names. Nothing was imported from it.");
                }

                if (IsLink(entry))
                {
                    skipped.Add((inside, "is a symbolic link; links inside a zip are never followed"));
                    continue;
                }

                if (inside.EndsWith('/') || !wanted(inside))
                {
                    continue;
                }

                if (entry.Length > MaxEntryBytes)
                {
                    throw Refuse($"entry '{inside}' says it inflates to {Core.Files.InputFiles.Size(entry.Length)}, more than the {Core.Files.InputFiles.Size(MaxEntryBytes)} a clip may be.");
                }

                total += Copy(entry, target, inside, total, Refuse, cancellationToken);
                extracted.Add((target, inside));
            }
        }
        catch (InvalidDataException e)
        {
            throw Refuse($"is not a readable zip file ({e.Message.TrimEnd('.')}).");
        }
        catch (IOException e)
        {
            throw Refuse($"could not be extracted ({e.Message.TrimEnd('.')}).");
        }

        return extracted;
    }

    /// <summary>Unix mode bits in the high half of the external attributes: S_IFLNK.</summary>
    private static bool IsLink(ZipArchiveEntry entry) => ((entry.ExternalAttributes >> 16) & 0xF000) == 0xA000;

    private static long Copy(ZipArchiveEntry entry, string target, string inside, long totalSoFar, Func<string, InvalidInputException> refuse, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var buffer = new byte[81920];
        long written = 0;
        using (var source = entry.Open())
        using (var output = new FileStream(target, FileMode.CreateNew, FileAccess.Write))
        {
            int read;
            while ((read = source.Read(buffer, 0, buffer.Length)) > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                written += read;
                if (written > MaxEntryBytes || totalSoFar + written > MaxTotalBytes)
                {
                    throw refuse($"entry '{inside}' inflates past the limit ({Core.Files.InputFiles.Size(Math.Min(MaxEntryBytes, MaxTotalBytes - totalSoFar))}); it is not a clip export.");
                }

                if (written > RatioFreeBytes && written > (long)MaxCompressionRatio * Math.Max(1, entry.CompressedLength))
                {
                    throw refuse($"entry '{inside}' inflates more than {MaxCompressionRatio} times its compressed size ({Core.Files.InputFiles.Size(entry.CompressedLength)} compressed); video does not compress like that, so this is refused as a zip bomb.");
                }

                output.Write(buffer, 0, read);
            }
        }

        return written;
    }
}