using Recreation.Core;

namespace Recreation.Generation.OpenAI;

/// <summary>An input reference read once, so every retry sends the same bytes; its type comes from its header, not its name.</summary>
internal sealed record InputImage(byte[] Bytes, string ContentType, string FileName)
{
    public static async Task<InputImage> ReadAsync(string path, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new RecreationException($"Could not read the input image '{path}': {ex.Message}. Check that the file exists and is readable.", innerException: ex);
        }

        var contentType = Sniff(bytes)
            ?? throw new RecreationException($"The input image '{path}' is not a PNG, JPEG or WebP file: convert it to one of those (at the clip's exact size).", ExitCodes.InvalidInput);
        return new InputImage(bytes, contentType, Path.GetFileName(path));
    }

    private static string? Sniff(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47]))
        {
            return "image/png";
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return "image/jpeg";
        }

        return bytes.Length >= 12 && bytes[..4].SequenceEqual("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8) ? "image/webp" : null;
    }
}