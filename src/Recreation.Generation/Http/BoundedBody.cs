using System.Text;

namespace Recreation.Generation.Http;

/// <summary>Reads at most 64 KiB of an error body: a misbehaving server cannot make the client hold an endless answer.</summary>
internal static class BoundedBody
{
    public const int MaxBytes = 64 * 1024;

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

        return Encoding.UTF8.GetString(buffer, 0, total);
    }
}