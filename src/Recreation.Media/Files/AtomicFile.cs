using System.Security.Cryptography;
using System.Text;

namespace Recreation.Media.Files;

/// <summary>
/// The one way Recreation writes a file: whole or not at all. The content goes to a hidden temp
/// file beside the target (<c>.name.1a2b3c4d.partial.ext</c>: same folder, so the rename is atomic;
/// a random part, so parallel writers never share it; the target's extension, so ffmpeg picks the
/// right muxer), is flushed to disk, then renamed over the target. On any failure or cancellation
/// the temp file is deleted and the target is left as it was. A failure of the local file itself
/// (read-only folder, no permission, full disk) becomes an <see cref="OutputNotWritableException"/>
/// naming the target; every other exception (a network read, a cancelled token) passes unchanged.
/// </summary>
public static class AtomicFile
{
    private const string TempMarker = ".partial";

    /// <summary>A fresh temp name beside <paramref name="target"/>.</summary>
    public static string TempPathFor(string target)
    {
        var full = Path.GetFullPath(target);
        var folder = Path.GetDirectoryName(full) ?? ".";
        var random = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        return Path.Combine(folder, $".{Path.GetFileNameWithoutExtension(full)}.{random}{TempMarker}{Path.GetExtension(full)}");
    }

    /// <summary>Whether a file name is one of this helper's temp names (e.g. to skip it when scanning a folder).</summary>
    public static bool IsTempName(string fileName) =>
        fileName.StartsWith('.') && Path.GetFileNameWithoutExtension(fileName).EndsWith(TempMarker, StringComparison.Ordinal);

    public static Task WriteAllTextAsync(string path, string text, CancellationToken cancellationToken = default) =>
        WriteAsync(path, async (stream, token) =>
        {
            await using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true);
            await writer.WriteAsync(text.AsMemory(), token).ConfigureAwait(false);
            await writer.FlushAsync(token).ConfigureAwait(false);
        }, cancellationToken);

    public static void WriteAllText(string path, string text) =>
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true);
            writer.Write(text);
        });

    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>, which gets a write-only stream to the temp file.</summary>
    public static async Task WriteAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        var target = Path.GetFullPath(path);
        var temp = Reserve(target);
        try
        {
            await using (var stream = new GuardedStream(Open(temp, target), target))
            {
                await write(stream, cancellationToken).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                stream.FlushToDisk();
            }

            Commit(temp, target);
        }
        finally
        {
            TryDelete(temp);
        }
    }

    /// <summary>The synchronous form of <see cref="WriteAsync"/>, for callers that hold a lock.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var target = Path.GetFullPath(path);
        var temp = Reserve(target);
        try
        {
            using (var stream = new GuardedStream(Open(temp, target), target))
            {
                write(stream);
                stream.FlushToDisk();
            }

            Commit(temp, target);
        }
        finally
        {
            TryDelete(temp);
        }
    }

    /// <summary>
    /// For a file a tool writes (ffmpeg): reserves a temp name, lets <paramref name="produce"/>
    /// write it (and check it), and renames it into place when produce returns true. Returns
    /// whether the target was written; the temp file is gone either way.
    /// </summary>
    public static async Task<bool> ProduceAsync(string path, Func<string, Task<bool>> produce)
    {
        ArgumentNullException.ThrowIfNull(produce);
        var target = Path.GetFullPath(path);
        var temp = Reserve(target);
        try
        {
            bool keep;
            try
            {
                keep = await produce(temp).ConfigureAwait(false);
            }
            catch (OutputNotWritableException e) when (string.Equals(e.FilePath, temp, StringComparison.Ordinal))
            {
                throw e.WithPath(target);
            }

            if (keep)
            {
                Commit(temp, target);
            }

            return keep;
        }
        finally
        {
            TryDelete(temp);
        }
    }

    /// <summary>Creates a folder (and its parents) the way an output's folder is created: a read-only parent or a full disk is the user's to fix.</summary>
    public static void CreateFolder(string path)
    {
        try
        {
            Directory.CreateDirectory(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw OutputNotWritableException.For(path, e);
        }
    }

    /// <summary>Deletes a file if it exists; a failure is ignored on purpose (a temp file never has the final name).</summary>
    public static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp file is untidy, not wrong.
        }
        catch (UnauthorizedAccessException)
        {
            // Same as above.
        }
    }

    /// <summary>Creates the target's folder and an empty temp file: a folder that cannot be written fails here, before any work.</summary>
    private static string Reserve(string target)
    {
        CreateFolder(Path.GetDirectoryName(target)!);
        var temp = TempPathFor(target);
        Open(temp, target).Dispose();
        return temp;
    }

    private static FileStream Open(string temp, string target)
    {
        try
        {
            return new FileStream(temp, File.Exists(temp) ? FileMode.Truncate : FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw OutputNotWritableException.For(target, e);
        }
    }

    private static void Commit(string temp, string target)
    {
        try
        {
            File.Move(temp, target, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw OutputNotWritableException.For(target, e);
        }
    }
}