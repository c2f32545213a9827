using Recreation.Generation.OpenAI;

namespace Recreation.Generation.Aggregators;

/// <summary>An image file as a <c>data:</c> URI, the form fal and Replicate take in place of a URL for an input file.</summary>
public static class DataUri
{
    /// <summary>Reads <paramref name="path"/> (PNG, JPEG or WebP, told by its header) as <c>data:image/…;base64,…</c>.</summary>
    /// <exception cref="Recreation.Core.RecreationException">The file cannot be read or is not one of those images.</exception>
    public static async Task<string> FromImageAsync(string path, CancellationToken cancellationToken = default)
    {
        var image = await InputImage.ReadAsync(path, cancellationToken).ConfigureAwait(false);
        return $"data:{image.ContentType};base64,{Convert.ToBase64String(image.Bytes)}";
    }
}