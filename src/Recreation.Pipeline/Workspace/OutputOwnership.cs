using System.Text.Json;

using Recreation.Core;
using Recreation.Core.Security;
using Recreation.Media.Files;
using Recreation.Pipeline.Running;

namespace Recreation.Pipeline.Workspace;

/// <summary>
/// Which finished video a workspace wrote (<c>output.json</c>: path, size, last write time), so a
/// scene whose absolute <c>output.path</c> names a file outside its own folder cannot replace a
/// file this workspace did not write — someone else's video, or one edited since — unless the
/// user says so (<c>--force</c>, or naming the path themselves with <c>--output</c>).
/// </summary>
public static class OutputOwnership
{
    public const string FileName = "output.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>
    /// Refuses (exit 2, before anything is written) a run whose scene-chosen output, outside the scene
    /// file's folder, already exists and was not written by <paramref name="workspace"/> as it is now.
    /// </summary>
    /// <param name="outputPath">The output the run writes.</param>
    /// <param name="chosenByUser">True when the user named it on the command line (<c>--output</c>): their say, not the scene's.</param>
    /// <param name="force">The user's <c>--force</c>.</param>
    public static void Check(CompiledScene scene, string outputPath, string workspace, bool chosenByUser, bool force)
    {
        var full = Path.GetFullPath(outputPath);
        if (chosenByUser || force || !File.Exists(full) || RealPaths.IsInside(full, scene.File.BaseDirectory) || WroteIt(workspace, full))
        {
            return;
        }

        throw new RecreationException(
            $"output.path {full} already exists, outside the scene file's folder, and this run's workspace did not write it (or it changed since): a scene file alone may not replace it. "
            + "Nothing was written. To replace it, pass --force (or name it yourself with --output); otherwise choose another output.path.",
            ExitCodes.InvalidInput, isFatal: true);
    }

    /// <summary>Records that <paramref name="workspace"/> has just written <paramref name="outputPath"/>.</summary>
    public static Task RecordAsync(string workspace, string outputPath, CancellationToken cancellationToken = default)
    {
        var info = new FileInfo(outputPath);
        var record = new Record(info.FullName, info.Length, info.LastWriteTimeUtc.Ticks);
        return AtomicFile.WriteAllTextAsync(Path.Combine(workspace, FileName), JsonSerializer.Serialize(record, Json), cancellationToken);
    }

    private static bool WroteIt(string workspace, string full)
    {
        var path = Path.Combine(workspace, FileName);
        try
        {
            var record = File.Exists(path) ? JsonSerializer.Deserialize<Record>(File.ReadAllText(path)) : null;
            var info = new FileInfo(full);
            return record is not null && record.Path == full && record.Bytes == info.Length && record.LastWriteTicks == info.LastWriteTimeUtc.Ticks;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            // An unreadable or damaged record proves nothing: treat the file as not ours.
            return false;
        }
    }

    private sealed record Record(string Path, long Bytes, long LastWriteTicks);
}