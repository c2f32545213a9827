using System.Buffers;
using System.Globalization;

using Recreation.Media.Files;

namespace Recreation.Generation.OpenAI;

/// <summary>Streams a download to a temp file beside its target, checks it is whole, then renames it into place.</summary>
internal static class ContentDownload
{
    public static async Task<long> SaveAsync(HttpResponseMessage response, string target, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var expected = response.Content.Headers.ContentLength;
        if (response.Content.Headers.ContentType?.MediaType is "application/json" or "text/html")
        {
            throw new FormatException($"the content came as {response.Content.Headers.ContentType.MediaType}, not as media");
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
                    await file.WriteAsync(buffer.AsMemory(0, read), token).ConfigureAwait(false);
                    written += read;
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
}