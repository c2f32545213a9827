using System.Security.Cryptography;
using System.Text;

using Recreation.Core.Model;

namespace Recreation.Pipeline.Running;

/// <summary>
/// Content addresses for clips: the SHA-256 of everything that shapes a clip (DESIGN §6). Start
/// times and shares are not in it: moving a scene does not regenerate it, only editing it does.
/// </summary>
public static class CacheKeys
{
    /// <param name="backend">The provider's name, lower case as registered (the same text the closed backend list used to write, so earlier caches stay valid).</param>
    public static string Clip(string backend, string backendVersion, string model, FrameSize size, int seconds, string prompt, string? inputImageSha256)
    {
        var text = string.Join('\n', "recreation-clip-v1", backend.ToLowerInvariant(), backendVersion, model, size.ToString(), seconds.ToString(System.Globalization.CultureInfo.InvariantCulture), inputImageSha256 ?? "-", prompt);
        return Hash(text);
    }

    /// <summary>A retake of the clip <paramref name="clipKey"/>: each take is a clip of its own (and its own idempotency key).</summary>
    public static string Take(string clipKey, int number, string? note, string? remix, string? remixOfJobId) =>
        Hash(string.Join('\n', "recreation-take-v1", clipKey, number.ToString(System.Globalization.CultureInfo.InvariantCulture), note ?? "-", remix ?? "-", remixOfJobId ?? "-"));

    public static string Conformed(string clipKey, string conformSpecKey) => Hash($"recreation-conformed-v1\n{clipKey}\n{conformSpecKey}");

    public static async Task<string> FileSha256Async(string path, CancellationToken cancellationToken = default)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}