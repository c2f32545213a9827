using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

using Recreation.Testing.FakeVideosApi;

namespace Recreation.Testing.FakeProviders;

/// <summary>
/// How the fake OpenRouter checks a <c>POST /videos</c> body, as OpenRouter documents the fields:
/// <c>model</c> and <c>prompt</c> text; <c>duration</c> an integer the model lists; <c>resolution</c>
/// and <c>aspect_ratio</c> from the model's lists (OpenRouter's whole enums for a model it does not
/// know); <c>size</c> as <c>WxH</c>; <c>generate_audio</c> a boolean; <c>seed</c> an integer;
/// <c>frame_images</c> entries <c>{type: "image_url", image_url: {url}, frame_type}</c> with a frame type
/// the model takes, as base64 data URLs of PNG, JPEG or WebP. Any other top-level field is refused
/// (guessed: the real API may ignore it). Each refusal is a 400.
/// </summary>
internal static class FakeOpenRouterInputs
{
    private static readonly string[] Fields = ["model", "prompt", "duration", "resolution", "aspect_ratio", "size", "frame_images", "input_references", "generate_audio", "seed", "callback_url", "provider"];
    private static readonly string[] AllResolutions = ["480p", "720p", "768p", "1080p", "1K", "2K", "4K"];
    private static readonly string[] AllAspectRatios = ["16:9", "9:16", "1:1", "4:3", "3:4", "3:2", "2:3", "21:9", "9:21"];

    /// <summary>The model, prompt, length, video size and first frame the body asks for; a <see cref="FakeServiceError"/> (400) for anything OpenRouter would refuse.</summary>
    public static (string Model, string Prompt, int Seconds, (int Width, int Height) Size, FakeInputImage? FirstFrame) Check(JsonObject body)
    {
        if (body.Select(p => p.Key).FirstOrDefault(k => !Fields.Contains(k)) is { } unknown)
        {
            throw new FakeServiceError(400, $"Invalid request parameters: unrecognized key '{unknown}'");
        }

        var modelId = Text(body, "model") ?? throw new FakeServiceError(400, "Invalid request parameters: model is required");
        var prompt = Text(body, "prompt") ?? throw new FakeServiceError(400, "Invalid request parameters: prompt is required (a non-empty string)");
        var model = FakeOpenRouterModel.Known.FirstOrDefault(m => m.Id == modelId);
        if (model is null && !modelId.Contains('/', StringComparison.Ordinal))
        {
            throw new FakeServiceError(400, $"{modelId} is not a valid model ID");
        }

        var seconds = Duration(body["duration"], model);
        var resolution = Choice(body, "resolution", model?.Resolutions ?? AllResolutions);
        var ratio = Choice(body, "aspect_ratio", model?.AspectRatios ?? AllAspectRatios);
        if (body["generate_audio"] is { } audio && audio.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
        {
            throw new FakeServiceError(400, "Invalid request parameters: generate_audio must be a boolean");
        }

        if (body["seed"] is { } seed && !(seed is JsonValue sv && sv.GetValueKind() == JsonValueKind.Number && sv.TryGetValue<long>(out _)))
        {
            throw new FakeServiceError(400, "Invalid request parameters: seed must be an integer");
        }

        var first = FrameImages(body["frame_images"], model);
        return (modelId, prompt, seconds, Size(Text(body, "size"), resolution, ratio, first), first);
    }

    private static int Duration(JsonNode? node, FakeOpenRouterModel? model)
    {
        if (node is null)
        {
            return model?.Durations[0] ?? 5;
        }

        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.Number || !value.TryGetValue<int>(out var seconds) || seconds < 1)
        {
            throw new FakeServiceError(400, "Invalid request parameters: duration must be an integer of at least 1");
        }

        return model is null || model.Durations.Contains(seconds)
            ? seconds
            : throw new FakeServiceError(400, string.Create(CultureInfo.InvariantCulture, $"Invalid request parameters: duration {seconds} is not supported by {model.Id}; supported: {string.Join(", ", model.Durations)}"));
    }

    private static string? Choice(JsonObject body, string field, string[] allowed)
    {
        if (body[field] is null)
        {
            return null;
        }

        var value = Text(body, field) ?? throw new FakeServiceError(400, $"Invalid request parameters: {field} must be a string");
        return allowed.Contains(value) ? value : throw new FakeServiceError(400, $"Invalid request parameters: {field} '{value}' is not one of {string.Join(", ", allowed)}");
    }

    private static FakeInputImage? FrameImages(JsonNode? node, FakeOpenRouterModel? model)
    {
        if (node is null)
        {
            return null;
        }

        if (node is not JsonArray entries)
        {
            throw new FakeServiceError(400, "Invalid request parameters: frame_images must be an array");
        }

        FakeInputImage? first = null;
        foreach (var entry in entries)
        {
            if (entry is not JsonObject item || Text(item, "type") != "image_url" || item["image_url"] is not JsonObject image || Text(image, "url") is not { } url)
            {
                throw new FakeServiceError(400, "Invalid request parameters: each frame_images entry is {type: \"image_url\", image_url: {url}, frame_type}");
            }

            var frameType = Text(item, "frame_type");
            if (frameType is not ("first_frame" or "last_frame") || (model is not null && !model.FrameImages.Contains(frameType)))
            {
                throw new FakeServiceError(400, $"Invalid request parameters: frame_type '{frameType}' is not supported{(model is null ? "" : $" by {model.Id}")}");
            }

            var decoded = DataUrl(url);
            if (frameType == "first_frame")
            {
                first = decoded;
            }
        }

        return first;
    }

    private static FakeInputImage DataUrl(string url)
    {
        if (!url.StartsWith("data:", StringComparison.Ordinal))
        {
            throw new FakeServiceError(400, "Invalid request parameters: the fake takes only data URLs (it fetches nothing)");
        }

        var comma = url.IndexOf(',', StringComparison.Ordinal);
        var head = comma > 0 ? url[5..comma] : "";
        if (!head.EndsWith(";base64", StringComparison.Ordinal) || head[..^7] is not ("image/png" or "image/jpeg" or "image/webp"))
        {
            throw new FakeServiceError(400, "Invalid request parameters: an image must be a base64 data URL of a PNG, JPEG or WebP image");
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(url[(comma + 1)..]);
        }
        catch (FormatException)
        {
            throw new FakeServiceError(400, "Invalid request parameters: the image is not valid base64");
        }

        var image = ImageHeader.TryRead(bytes) ?? throw new FakeServiceError(400, "Invalid request parameters: the image could not be decoded");
        return new FakeInputImage(image.Format, image.Width, image.Height, bytes.Length, "data-url", null, head[..^7]);
    }

    /// <summary>The video's size: <c>size</c> when given, else the resolution's shorter side in the ratio, else the first frame's shape, else 1280x720.</summary>
    private static (int Width, int Height) Size(string? size, string? resolution, string? ratio, FakeInputImage? first)
    {
        if (size is not null)
        {
            var parts = size.Split('x');
            return parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var w) && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var h) && w is > 0 and <= 4096 && h is > 0 and <= 4096
                ? (w, h)
                : throw new FakeServiceError(400, $"Invalid request parameters: size '{size}' is not WIDTHxHEIGHT");
        }

        var shorter = resolution switch
        {
            "480p" => 480,
            "768p" => 768,
            "1080p" or "1K" => 1080,
            "2K" => 1440,
            "4K" => 2160,
            _ => 720,
        };
        var (rw, rh) = ratio is null
            ? first is null ? (16, 9) : (first.Width, first.Height)
            : (int.Parse(ratio.Split(':')[0], CultureInfo.InvariantCulture), int.Parse(ratio.Split(':')[1], CultureInfo.InvariantCulture));
        var even = (int value) => value + (value % 2);
        return rw >= rh ? (even(shorter * rw / rh), shorter) : (shorter, even(shorter * rh / rw));
    }

    private static string? Text(JsonObject body, string field) =>
        body[field] is JsonValue v && v.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;
}