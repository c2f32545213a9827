using System.Buffers;

namespace Recreation.Generation.Http;

/// <summary>
/// Reads a response body into memory up to a cap and no further: a body that announces more
/// (Content-Length) is not read at all, and one that goes on past the cap (no Content-Length, or a
/// lying one) stops being read at the cap. Disposing the response then drops the connection, so an
/// endless or 512 MB body costs the cap, not the body. Only video content is streamed (to disk, by
/// <see cref="OpenAI.ContentDownload"/>); every JSON answer and error body comes through here.
/// </summary>
internal static class BoundedBody
{
    /// <summary>How much of an error body <see cref="ReadAsync(HttpContent, CancellationToken)"/> reads.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>At most <see cref="MaxBytes"/> of an error body, as text: a misbehaving server cannot make the client hold an endless answer.</summary>
    public static async Task<string> ReadAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var buffer = new byte[MaxBytes];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false)) > 0)
        {
            total += read;
        }

        return System.Text.Encoding.UTF8.GetString(buffer, 0, total);
    }

    /// <summary>
    /// The body's first bytes, at most <paramref name="maxBytes"/>; <c>Complete</c> is false when there
    /// was more. With <paramref name="headIsEnough"/> (an error body, read only for its message) a body
    /// announced as larger is still read up to the cap; without, it is not read at all.
    /// </summary>
    public static async Task<(byte[] Bytes, bool Complete)> ReadAsync(HttpResponseMessage response, int maxBytes, bool headIsEnough, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1);
        if (!headIsEnough && response.Content.Headers.ContentLength is { } announced && announced > maxBytes)
        {
            return ([], false);
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            while (true)
            {
                // One byte past the cap tells "exactly the cap" from "more than the cap".
                var room = (int)Math.Min(chunk.Length, maxBytes + 1L - buffer.Length);
                var read = await body.ReadAsync(chunk.AsMemory(0, room), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return (buffer.ToArray(), true);
                }

                buffer.Write(chunk, 0, read);
                if (buffer.Length > maxBytes)
                {
                    return (buffer.GetBuffer().AsSpan(0, maxBytes).ToArray(), false);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }
}