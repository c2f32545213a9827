using Recreation.Media;
using Recreation.Media.Files;
using Recreation.Media.Frames;
using Recreation.Pipeline.Batch;

namespace Recreation.Pipeline.Reports;

/// <summary>
/// Writes a batch's <c>index.html</c> beside its <c>batch-summary.json</c>: one self-contained
/// page (thumbnails inlined, links relative to the page) with a row per item linking to the
/// item's storyboard and video. An item whose video cannot be read simply has no thumbnail.
/// </summary>
public static class BatchIndex
{
    public const string FileName = "index.html";

    private const int Width = 160;

    /// <summary>Items per ffmpeg run: one run's decoders and open files stay few however long the batch.</summary>
    private const int PerRun = 16;

    public static async Task<string> WriteAsync(BatchSummary summary, string folder, FFmpegRunner runner, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var thumbnails = await ThumbnailsAsync(summary, new ThumbnailExtractor(runner), cancellationToken);
        var full = Path.GetFullPath(folder);
        var path = Path.Combine(full, FileName);
        AtomicFile.CreateFolder(full);
        await AtomicFile.WriteAllTextAsync(path, BatchIndexPage.Write(summary, full, thumbnails), cancellationToken);
        return path;
    }

    /// <summary>
    /// Each finished item's middle frame, many items to one ffmpeg run; when a run fails (a video
    /// that cannot be read), its items are taken one at a time and an unreadable one gets none.
    /// </summary>
    private static async Task<Dictionary<string, byte[]>> ThumbnailsAsync(BatchSummary summary, ThumbnailExtractor extractor, CancellationToken cancellationToken)
    {
        var thumbnails = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var items = summary.Items.Where(i => i.Output is { } output && File.Exists(output)).ToList();
        foreach (var chunk in items.Chunk(PerRun))
        {
            IReadOnlyList<byte[]?> images;
            try
            {
                images = await extractor.OfVideosAtAsync(chunk.Select(i => (i.Output!, Middle(i))).ToList(), Width, cancellationToken);
            }
            catch (Exception e) when (Failures.IsItemFailure(e))
            {
                images = await OneAtATimeAsync(chunk, extractor, cancellationToken);
            }

            for (var i = 0; i < chunk.Length; i++)
            {
                if (images[i] is { } jpeg)
                {
                    thumbnails[chunk[i].Id] = jpeg;
                }
            }
        }

        return thumbnails;
    }

    private static async Task<byte[]?[]> OneAtATimeAsync(BatchItemResult[] items, ThumbnailExtractor extractor, CancellationToken cancellationToken)
    {
        var images = new byte[]?[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            try
            {
                images[i] = (await extractor.AtAsync(items[i].Output!, [Middle(items[i])], Width, cancellationToken))[0];
            }
            catch (Exception e) when (Failures.IsItemFailure(e))
            {
                // A video that cannot be read gets no thumbnail; its row and links are still useful.
            }
        }

        return images;
    }

    private static TimeSpan Middle(BatchItemResult item) => TimeSpan.FromSeconds(item.DurationSeconds / 2);
}