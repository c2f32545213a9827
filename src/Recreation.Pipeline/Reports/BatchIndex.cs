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

    public static async Task<string> WriteAsync(BatchSummary summary, string folder, FFmpegRunner runner, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var thumbnails = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var extractor = new ThumbnailExtractor(runner);
        foreach (var item in summary.Items)
        {
            if (item.Output is not { } output || !File.Exists(output))
            {
                continue;
            }

            try
            {
                if ((await extractor.AtAsync(output, [TimeSpan.FromSeconds(item.DurationSeconds / 2)], 160, cancellationToken))[0] is { } jpeg)
                {
                    thumbnails[item.Id] = jpeg;
                }
            }
            catch (Exception e) when (Failures.IsItemFailure(e))
            {
                // A video that cannot be read gets no thumbnail; its row and links are still useful.
            }
        }

        var full = Path.GetFullPath(folder);
        var path = Path.Combine(full, FileName);
        AtomicFile.CreateFolder(full);
        await AtomicFile.WriteAllTextAsync(path, BatchIndexPage.Write(summary, full, thumbnails), cancellationToken);
        return path;
    }
}