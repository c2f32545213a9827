using System.Buffers;
using System.Globalization;

using Recreation.Media.Files;

namespace Recreation.Generation.OpenAI;

/// <summary>
/// Streams a download to a temp file beside its target (<see cref="AtomicFile"/>), checks it is
/// whole, then renames it into place. At most <c>maxBytes</c> are taken: more announced is refused
/// before reading, more sent (no Content-Length, or a lying one) stops the download at the cap.
/// Neither is retried.
/// </summary>
internal static class ContentDownload
{

    public static Task<long> SaveAsync(HttpResponseMessage response, string target, long maxBytes, IProgress<double>? progress, CancellationToken cancellationToken) =>
        SaveAsync(response, target, maxBytes, $"RECREATION_OpenAI__MaxVideoBitrate, {nameof(OpenAIVideosOptions.DownloadSlackBytes)}", progress, cancellationToken);

    /// <param name="limitSettings">The settings that raise <paramref name="maxBytes"/>, named when the cap is hit.</param>
    public static async Task<long> SaveAsync(HttpResponseMessage response, string target, long maxBytes, string limitSettings, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var expected = response.Content.Headers.ContentLength;
        if (response.Content.Headers.ContentType?.MediaType is "application/json" or "text/html")
        {
            throw new FormatException($"the content came as {response.Content.Headers.ContentType.MediaType}, not as media");
        }

        if (expected > maxBytes)
        {
            throw TooLarge(string.Create(CultureInfo.InvariantCulture, $"announced {expected} bytes"), maxBytes, limitSettings);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            long written = 0;
            // Network errors from ReadAsync stay what they are (retried); the local file's own become
            // an OutputNotWritableException (fatal, not retried) inside AtomicFile.
            await AtomicFile.WriteAsync(target, async (file, token) =>
            {
                await using var body = await response.Content.ReadAsStreamAsync(token).ConfigureAwait(false);
                int read;
                while ((read = await body.ReadAsync(buffer, token).ConfigureAwait(false)) > 0)
                {
                    written += read;
                    if (written > maxBytes)
                    {
                        throw TooLarge("went on past that", maxBytes, limitSettings);
                    }

                    await file.WriteAsync(buffer.AsMemory(0, read), token).ConfigureAwait(false);
                    if (expected is > 0)
                    {
                        progress?.Report(Math.Min(1.0, written / (double)expected.Value));
                    }
                }

                if (expected is { } length && written != length)
                {
                    throw new IOException(string.Create(CultureInfo.InvariantCulture, $"the download ended after {written} of {length} bytes"));
                }

                if (written == 0)
                {
                    throw new IOException("the server sent an empty body");
                }
            }, cancellationToken).ConfigureAwait(false);
            progress?.Report(1.0);
            return written;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static VideosApiException TooLarge(string what, long maxBytes, string limitSettings) => new(
        string.Create(CultureInfo.InvariantCulture,
            $"The download {what}: more than the {Size(maxBytes)} a clip of this length may have ({limitSettings}). Nothing was kept; check the service, or raise the limit if its videos really are that large."),
        statusCode: null, isTransient: false, isFatal: false);

    /// <summary>A byte count as people read it ("24.4 KiB", "391 MiB"): a small cap must not read "0 MiB".</summary>
    private static string Size(long bytes) => bytes >= 1024 * 1024
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024.0):0.#} MiB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KiB");
}