using Microsoft.Extensions.Logging;

using Recreation.Media.Files;

namespace Recreation.Generation.OpenAI;

// The download half of VideosClient: a finished job's content to a file, whole or not at all.
public sealed partial class VideosClient
{
    /// <summary>The clip length the download cap assumes when the caller does not give one (the longest clip models make today).</summary>
    public const double DefaultDownloadSeconds = 60;

    /// <summary>
    /// Downloads a completed job's content to <paramref name="destinationPath"/>, complete or not at
    /// all: the bytes go to a temp file beside it, are counted against Content-Length, and the file is
    /// renamed into place only when whole. A cut-off download is retried like any network error.
    /// Returns the number of bytes written. The download may hold at most what a clip of
    /// <see cref="DefaultDownloadSeconds"/> seconds may (<see cref="OpenAIVideosOptions.MaxDownloadBytes"/>);
    /// pass the clip's length to the other overload for a tighter cap.
    /// </summary>
    public Task<long> DownloadContentAsync(string videoId, VideoContentVariant variant, string destinationPath, IProgress<double>? progress = null, CancellationToken cancellationToken = default) =>
        DownloadContentAsync(videoId, variant, destinationPath, DefaultDownloadSeconds, progress, cancellationToken);

    /// <summary>
    /// Downloads like the other overload, with a cap derived from the clip's length: more than
    /// <see cref="OpenAIVideosOptions.MaxDownloadBytes"/>(<paramref name="clipSeconds"/>) announced is
    /// refused before reading, and a body that goes on past it (no Content-Length) is cut there and
    /// fails with a message instead of running until <see cref="OpenAIVideosOptions.DownloadTimeout"/>.
    /// Neither is retried.
    /// </summary>
    public async Task<long> DownloadContentAsync(string videoId, VideoContentVariant variant, string destinationPath, double clipSeconds, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(clipSeconds);
        CheckVideoId(videoId);
        ArgumentException.ThrowIfNullOrWhiteSpace(destinationPath);
        var target = Path.GetFullPath(destinationPath);
        AtomicFile.CreateFolder(Path.GetDirectoryName(target)!);
        var name = variant.ToString().ToLowerInvariant();
        var bytes = await SendAsync(
            $"downloading the {name} of {videoId}",
            () => Get(Url($"videos/{Uri.EscapeDataString(videoId)}/content?variant={name}")),
            (response, token) => ContentDownload.SaveAsync(response, target, _options.MaxDownloadBytes(clipSeconds), progress, token),
            _options.DownloadTimeout,
            cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("Downloaded the {Variant} of {VideoId} ({Bytes} bytes)", name, videoId, bytes);
        return bytes;
    }
}