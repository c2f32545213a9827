using System.Globalization;
using System.Text.Json.Nodes;

using Recreation.Testing.FakeVideosApi;

namespace Recreation.Testing.FakeProviders;

/// <summary>How the fake Gemini API reads the fields of a Veo request: images (inline or bytesBase64Encoded, checked against their MIME type), whole numbers given as numbers or strings, and strings.</summary>
internal static class FakeGeminiFields
{
    public static FakeInputImage? Image(JsonNode? node, string field)
    {
        if (node is null)
        {
            return null;
        }

        var (data, mime) = node is JsonObject image
            ? image["inlineData"] is JsonObject inline ? (Text(inline["data"]), Text(inline["mimeType"])) : (Text(image["bytesBase64Encoded"]), Text(image["mimeType"]))
            : (null, null);
        if (data is null || mime is null)
        {
            throw new FakeServiceError(400, $"{field} needs bytesBase64Encoded and mimeType.");
        }

        if (mime is not ("image/png" or "image/jpeg"))
        {
            throw new FakeServiceError(400, $"{field}: mime type '{mime}' is not supported; use image/png or image/jpeg.");
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(data);
        }
        catch (FormatException)
        {
            throw new FakeServiceError(400, $"{field}.bytesBase64Encoded is not valid base64.");
        }

        var header = ImageHeader.TryRead(bytes) ?? throw new FakeServiceError(400, $"{field} could not be decoded as an image.");
        if (!string.Equals(mime, "image/" + header.Format, StringComparison.Ordinal))
        {
            throw new FakeServiceError(400, $"{field}: the bytes are {header.Format}, not {mime}.");
        }

        return new FakeInputImage(header.Format, header.Width, header.Height, bytes.Length, "json", null, mime);
    }

    public static int? Integer(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<int>(out var i) => i,
        JsonValue v when v.TryGetValue<string>(out var s) && int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
        null => null,
        _ => throw new FakeServiceError(400, "durationSeconds must be a whole number."),
    };

    public static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}