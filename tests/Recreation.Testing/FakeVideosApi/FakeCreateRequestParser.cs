using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

using Microsoft.AspNetCore.Http;

namespace Recreation.Testing.FakeVideosApi;

/// <summary>Reads a create request (multipart or JSON) and validates it the way the documented API does.</summary>
internal static class FakeCreateRequestParser
{
    public const int PromptLimit = 32000;
    private static readonly string[] Fields = ["prompt", "model", "seconds", "size", "input_reference"];

    public static async Task<FakeJobSpec> ParseAsync(HttpRequest request, IReadOnlyList<FakeVideoModel> models, CancellationToken cancellationToken)
    {
        string? prompt, model, seconds, size;
        FakeInputImage? image = null;
        byte[]? imageBytes = null;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
            RejectUnknown(form.Keys.Concat(form.Files.Select(f => f.Name)));
            prompt = form["prompt"].FirstOrDefault();
            model = form["model"].FirstOrDefault();
            seconds = form["seconds"].FirstOrDefault();
            size = form["size"].FirstOrDefault();
            if (form.Files.GetFile("input_reference") is { } file)
            {
                using var buffer = new MemoryStream();
                await file.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
                imageBytes = buffer.ToArray();
                image = Describe(imageBytes, "multipart", file.FileName, file.ContentType);
            }
            else if (form.ContainsKey("input_reference"))
            {
                throw new FakeApiError(400, "Invalid 'input_reference': expected a file upload.", "input_reference", "invalid_type");
            }
        }
        else if (request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true)
        {
            JsonObject body;
            try
            {
                body = await JsonSerializer.DeserializeAsync<JsonNode>(request.Body, cancellationToken: cancellationToken).ConfigureAwait(false) as JsonObject
                    ?? throw new FakeApiError(400, "The request body must be a JSON object.");
            }
            catch (JsonException ex)
            {
                throw new FakeApiError(400, $"We could not parse the JSON body of your request. ({ex.Message})");
            }

            RejectUnknown(body.Select(p => p.Key));
            prompt = JsonString(body, "prompt");
            model = JsonString(body, "model");
            seconds = JsonString(body, "seconds");
            size = JsonString(body, "size");
            if (body["input_reference"] is { } reference)
            {
                (imageBytes, image) = FromJsonReference(reference);
            }
        }
        else
        {
            throw new FakeApiError(400, $"Unsupported content type '{request.ContentType}': send multipart/form-data or application/json.");
        }

        return Validate(prompt, model ?? "sora-2", seconds ?? "4", size ?? "720x1280", image, imageBytes, models);
    }

    private static FakeJobSpec Validate(string? prompt, string model, string seconds, string size, FakeInputImage? image, byte[]? imageBytes, IReadOnlyList<FakeVideoModel> models)
    {
        if (prompt is null)
        {
            throw new FakeApiError(400, "Missing required parameter: 'prompt'.", "prompt", "missing_required_parameter");
        }

        if (prompt.Length == 0)
        {
            throw new FakeApiError(400, "Invalid 'prompt': string too short. Expected a string with minimum length 1, but got an empty string instead.", "prompt", "string_below_min_length");
        }

        if (prompt.Length > PromptLimit)
        {
            throw new FakeApiError(400, string.Create(CultureInfo.InvariantCulture,
                $"Invalid 'prompt': string too long. Expected a string with maximum length {PromptLimit}, but got a string with length {prompt.Length} instead."), "prompt", "string_above_max_length");
        }

        var profile = models.FirstOrDefault(m => m.Name == model)
            ?? throw new FakeApiError(400, $"Invalid value: '{model}'. Supported values are: {Quote(models.Select(m => m.Name))}.", "model", "invalid_value");
        if (!profile.Seconds.Contains(seconds))
        {
            throw new FakeApiError(400, $"Invalid value: '{seconds}'. Supported values are: {Quote(profile.Seconds)}.", "seconds", "invalid_value");
        }

        if (!profile.Sizes.Contains(size))
        {
            throw new FakeApiError(400, $"Invalid value: '{size}'. Supported values are: {Quote(profile.Sizes)}.", "size", "invalid_value");
        }

        if (image is not null && string.Create(CultureInfo.InvariantCulture, $"{image.Width}x{image.Height}") != size)
        {
            throw new FakeApiError(400, string.Create(CultureInfo.InvariantCulture,
                $"Inpaint image must match the requested width and height (got {image.Width}x{image.Height}, requested {size})."), "input_reference", "invalid_value");
        }

        var fingerprint = string.Join('|', model, seconds, size, Hash(Encoding.UTF8.GetBytes(prompt)), imageBytes is null ? "-" : Hash(imageBytes));
        return new FakeJobSpec(model, prompt, size, int.Parse(seconds, CultureInfo.InvariantCulture), image, null, fingerprint);
    }

    private static (byte[] Bytes, FakeInputImage Image) FromJsonReference(JsonNode reference)
    {
        if (reference is not JsonObject obj)
        {
            throw new FakeApiError(400, "Invalid 'input_reference': expected an object with 'image_url' or 'file_id'.", "input_reference", "invalid_type");
        }

        if (obj["file_id"] is not null)
        {
            throw new FakeApiError(400, "The fake server has no Files API: send the image as a data URL in 'image_url' or as a multipart file.", "input_reference", "invalid_value");
        }

        var url = obj["image_url"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
        const string marker = ";base64,";
        var comma = url?.IndexOf(marker, StringComparison.Ordinal) ?? -1;
        if (url is null || !url.StartsWith("data:", StringComparison.Ordinal) || comma < 0)
        {
            throw new FakeApiError(400, "Invalid 'input_reference.image_url': expected a base64 data URL (data:image/png;base64,…).", "input_reference", "invalid_value");
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(url[(comma + marker.Length)..]);
        }
        catch (FormatException)
        {
            throw new FakeApiError(400, "Invalid 'input_reference.image_url': the base64 data is malformed.", "input_reference", "invalid_value");
        }

        return (bytes, Describe(bytes, "json", null, url[5..comma]));
    }

    private static FakeInputImage Describe(byte[] bytes, string transport, string? fileName, string? contentType)
    {
        var header = ImageHeader.TryRead(bytes)
            ?? throw new FakeApiError(400, "Invalid 'input_reference': unsupported image format. Supported formats are jpeg, png and webp.", "input_reference", "invalid_image_format");
        return new FakeInputImage(header.Format, header.Width, header.Height, bytes.Length, transport, fileName, contentType);
    }

    private static void RejectUnknown(IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            if (!Fields.Contains(name))
            {
                throw new FakeApiError(400, $"Unrecognized request argument supplied: {name}", name, "unknown_parameter");
            }
        }
    }

    private static string? JsonString(JsonObject body, string name)
    {
        var node = body[name];
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            return value.GetValue<string>();
        }

        throw new FakeApiError(400, $"Invalid type for '{name}': expected a string, but got {node.GetValueKind().ToString().ToLowerInvariant()} instead.", name, "invalid_type");
    }

    private static string Quote(IEnumerable<string> values)
    {
        var quoted = values.Select(v => $"'{v}'").ToList();
        return quoted.Count <= 1 ? string.Concat(quoted) : string.Join(", ", quoted[..^1]) + " and " + quoted[^1];
    }

    private static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}