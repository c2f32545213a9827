using System.Text.Json;

using Recreation.Media;
using Recreation.Media.Files;
using Recreation.Media.Frames;

namespace Recreation.Pipeline.Reports;

/// <summary>
/// A clip's thumbnails (first, middle, last) and measured palette for its report card, kept in
/// the workspace's <c>report/</c> folder by the clip file's name (clip files are named by their
/// content's key) and size, so a rerun that changes nothing runs no ffmpeg for them.
/// </summary>
internal sealed class ClipLooks(FFmpegRunner runner, string folder)
{
    internal sealed record Look(long Length, IReadOnlyList<byte[]?> Thumbnails, IReadOnlyList<PaletteColor> Palette);

    public async Task<Look> OfAsync(string clip, CancellationToken cancellationToken)
    {
        var length = new FileInfo(clip).Length;
        var cache = Path.Combine(folder, Path.GetFileName(clip) + ".look.json");
        if (Read(cache) is { } kept && kept.Length == length)
        {
            return kept;
        }

        var thumbnails = await new ThumbnailExtractor(runner).FirstMiddleLastAsync(clip, cancellationToken: cancellationToken);
        var palette = await new PaletteExtractor(runner).ExtractAsync(clip, 5, cancellationToken);
        var look = new Look(length, thumbnails, palette);
        AtomicFile.CreateFolder(folder);
        await AtomicFile.WriteAllTextAsync(cache, JsonSerializer.Serialize(look), cancellationToken);
        return look;
    }

    private static Look? Read(string path)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<Look>(File.ReadAllText(path)) : null;
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null; // a damaged cache entry is measured again
        }
    }
}