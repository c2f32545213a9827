using System.Text;

using Recreation.Core.Diagnostics;

namespace Recreation.Core.Files;

/// <summary>
/// Reads files a user or a stranger handed over (scene files, profile files, manifests, clips to
/// import) without trusting them: only regular files are opened (a FIFO would block the open, a
/// device like <c>/dev/zero</c> never ends), and text is read up to a size limit, never to the end
/// of whatever the path turns out to be.
/// </summary>
/// <remarks>
/// .NET has no public API for a file's type, so on Linux this asks the kernel with <c>statx(2)</c>
/// (glibc 2.28+, Linux 4.11+), whose structure has the same layout on every architecture. Elsewhere
/// the kind is <see cref="FileKind.Unknown"/> and only the size limits protect. Between the check
/// and the open the path could be swapped for a FIFO by someone racing us; that needs write access
/// to the folder, which is past what this guards against.
/// </remarks>
public static class InputFiles
{
    /// <summary>The largest scene or profile file read (2 MiB: a hundred times a long real one).</summary>
    public const long MaxYamlBytes = 2 * 1024 * 1024;

    /// <summary>The largest manifest CSV read (1 MiB).</summary>
    public const long MaxManifestBytes = 1024 * 1024;

    /// <summary>What <paramref name="path"/> is, links followed unless <paramref name="followLinks"/> is false.</summary>
    public static FileKind KindOf(string path, bool followLinks = true)
    {
        if (!LinuxStat.Available)
        {
            return Directory.Exists(path) ? FileKind.Directory : File.Exists(path) ? FileKind.Unknown : FileKind.Missing;
        }

        if (LinuxStat.Query(path, LinuxStat.TypeMask, followLinks) is not { } buffer)
        {
            return FileKind.Missing;
        }

        return (BitConverter.ToUInt16(buffer, LinuxStat.ModeOffset) & 0xF000) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0x1000 => FileKind.Fifo,
            0x2000 => FileKind.CharacterDevice,
            0x6000 => FileKind.BlockDevice,
            0xC000 => FileKind.Socket,
            0xA000 => FileKind.SymbolicLink,
            _ => FileKind.Unknown,
        };
    }

    /// <summary>True for a path that can be read as a file without blocking or never ending (a regular file, links followed).</summary>
    public static bool IsReadableFile(string path) => KindOf(path) is FileKind.Regular or FileKind.Unknown;

    /// <summary>Why <paramref name="path"/> will not be read as a file, in words, or null when it will.</summary>
    public static string? WhyNotAFile(string path) => KindOf(path) switch
    {
        FileKind.Regular or FileKind.Unknown => null,
        FileKind.Missing => "file not found; check the path",
        FileKind.Directory => "is a folder, not a file",
        FileKind.Fifo => "is a named pipe (FIFO), not a regular file; only regular files are read",
        FileKind.CharacterDevice or FileKind.BlockDevice => "is a device, not a regular file; only regular files are read",
        FileKind.Socket => "is a socket, not a regular file; only regular files are read",
        _ => "is not a regular file; only regular files are read",
    };

    /// <summary>
    /// Reads a regular file as UTF-8 text (a leading BOM dropped), at most <paramref name="maxBytes"/>
    /// bytes. Errors name the file as <paramref name="displayName"/> (what the user typed).
    /// </summary>
    /// <exception cref="InvalidInputException">The path is not a regular file, is larger than the limit, or cannot be read.</exception>
    public static string ReadText(string path, long maxBytes, string? displayName = null)
    {
        InvalidInputException Problem(string why) => new([new Diagnostic(Severity.Error, displayName ?? path, 0, 0, "", why)]);

        if (WhyNotAFile(path) is { } why)
        {
            throw Problem(why);
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
            var buffer = new byte[(int)Math.Min(maxBytes + 1, stream.CanSeek ? Math.Max(stream.Length + 1, 4096) : maxBytes + 1)];
            var filled = 0;
            while (true)
            {
                if (filled == buffer.Length)
                {
                    if (filled > maxBytes)
                    {
                        break;
                    }

                    Array.Resize(ref buffer, (int)Math.Min(maxBytes + 1, (long)buffer.Length * 2));
                }

                var read = stream.Read(buffer, filled, buffer.Length - filled);
                if (read == 0)
                {
                    break;
                }

                filled += read;
            }

            if (filled > maxBytes)
            {
                throw Problem($"is larger than {Size(maxBytes)}, the limit for this kind of file; is it the right file?");
            }

            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetString(buffer, 0, filled).TrimStart('\uFEFF');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Problem(e is FileNotFoundException or DirectoryNotFoundException ? "file not found; check the path" : $"cannot be read: {e.Message}");
        }
    }

    /// <summary>A size in words: <c>2 MiB</c>, <c>512 KiB</c>.</summary>
    public static string Size(long bytes) =>
        bytes >= 1024 * 1024 ? $"{bytes / (1024.0 * 1024):0.#} MiB" : bytes >= 1024 ? $"{bytes / 1024.0:0.#} KiB" : $"{bytes} bytes";
}