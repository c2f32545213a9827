using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

using Recreation.Testing.FakeVideosApi;

namespace Recreation.Testing.FakeProviders;

/// <summary>
/// The input schemas the fake Replicate API checks, written from each model's API page on
/// replicate.com (December 2026): field names, JSON types and allowed values, and the size of the
/// video each input asks for. Unknown fields are refused for these models (the real service may
/// ignore them; refusing catches a wrong mapping). Any other model takes any input with a text
/// <c>prompt</c>; its clip is the first image's size, else the size its <c>resolution</c> and
/// <c>aspect_ratio</c> ask for (1280x720 when neither), and <c>duration</c> seconds (5).
/// </summary>
internal static class FakeReplicateModels
{
    public static readonly string[] Known = ["kwaivgi/kling-v2.1", "google/veo-3", "minimax/hailuo-02", "bytedance/seedance-1-pro"];

    private static readonly Dictionary<string, string[]> Fields = new(StringComparer.Ordinal)
    {
        ["kwaivgi/kling-v2.1"] = ["prompt", "start_image", "end_image", "negative_prompt", "mode", "duration"],
        ["google/veo-3"] = ["prompt", "image", "negative_prompt", "aspect_ratio", "resolution", "duration", "seed", "generate_audio"],
        ["minimax/hailuo-02"] = ["prompt", "first_frame_image", "last_frame_image", "duration", "resolution", "prompt_optimizer"],
        ["bytedance/seedance-1-pro"] = ["prompt", "image", "last_frame_image", "duration", "resolution", "aspect_ratio", "fps", "camera_fixed", "seed"],
    };

    /// <summary>The version id the fake gives a model: a stable 64-hex digest of its name.</summary>
    public static string VersionOf(string model) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(model)));

    public static string? ModelOfVersion(string version) => Known.FirstOrDefault(m => VersionOf(m) == version);

    /// <summary>Checks <paramref name="input"/> for <paramref name="model"/>; returns the clip it asks for. A refusal is a 422 naming the field.</summary>
    public static (string Prompt, int Width, int Height, int Seconds, FakeInputImage? First, FakeInputImage? Last) Check(string model, JsonObject input)
    {
        var prompt = Text(input, "prompt") is { Length: > 0 } p ? p : throw Invalid("prompt", "required: a text prompt");
        if (Fields.TryGetValue(model, out var allowed) && input.Select(f => f.Key).FirstOrDefault(k => !allowed.Contains(k)) is { } unknown)
        {
            throw Invalid(unknown, $"is not an input of {model}");
        }

        var first = Image(input, model switch { "kwaivgi/kling-v2.1" => "start_image", "minimax/hailuo-02" => "first_frame_image", _ => "image" });
        var last = Image(input, model switch { "kwaivgi/kling-v2.1" => "end_image", "google/veo-3" => "none", _ => "last_frame_image" });
        switch (model)
        {
            case "kwaivgi/kling-v2.1":
                {
                    var mode = Text(input, "mode") ?? "standard";
                    if (mode is not ("standard" or "pro"))
                    {
                        throw Invalid("mode", "must be one of: standard, pro");
                    }

                    var seconds = Integer(input, "duration", 5, 5, 10);
                    _ = first ?? throw Invalid("start_image", "required: the first frame of the video");
                    return (prompt, first.Width, first.Height, seconds, first, last);
                }

            case "google/veo-3":
                {
                    var seconds = Integer(input, "duration", 8, 8);
                    var (width, height) = Shape(Text(input, "aspect_ratio") ?? "16:9", Text(input, "resolution") ?? "1080p", ["720p", "1080p"], "16:9", "9:16");
                    Integer(input, "seed", 0, 0, int.MaxValue);
                    return (prompt, first?.Width ?? width, first?.Height ?? height, seconds, first, null);
                }

            case "minimax/hailuo-02":
                {
                    var resolution = Text(input, "resolution") ?? "1080p";
                    var seconds = Integer(input, "duration", 6, 6, 10);
                    if (seconds == 10 && resolution != "768p")
                    {
                        throw Invalid("duration", "10 seconds is only available at 768p");
                    }

                    var (width, height) = Shape("16:9", resolution, ["512p", "768p", "1080p"], "16:9");
                    return (prompt, first?.Width ?? width, first?.Height ?? height, seconds, first, last);
                }

            case "bytedance/seedance-1-pro":
                {
                    var seconds = Integer(input, "duration", 5, 2, 12);
                    var (width, height) = Shape(Text(input, "aspect_ratio") ?? "16:9", Text(input, "resolution") ?? "1080p", ["480p", "720p", "1080p"], "16:9", "9:16", "1:1", "4:3", "3:4", "21:9");
                    Integer(input, "seed", 0, 0, int.MaxValue);
                    Integer(input, "fps", 24, 24);
                    return (prompt, first?.Width ?? width, first?.Height ?? height, seconds, first, last);
                }

            default:
                {
                    var seconds = input["duration"] is null ? 5 : Integer(input, "duration", 5, 1, 60);
                    var image = input.Where(f => f.Value is JsonValue v && v.TryGetValue<string>(out var t) && t.StartsWith("data:image/", StringComparison.Ordinal)).Select(f => Image(input, f.Key)).FirstOrDefault();
                    var (width, height) = input["resolution"] is null && input["aspect_ratio"] is null
                        ? (1280, 720)
                        : Shape(Text(input, "aspect_ratio") ?? "16:9", Text(input, "resolution") ?? "720p", ["480p", "512p", "720p", "768p", "1080p"], "16:9", "9:16", "1:1");
                    return (prompt, image?.Width ?? width, image?.Height ?? height, seconds, image, null);
                }
        }
    }

    private static (int Width, int Height) Shape(string ratio, string resolution, string[] resolutions, params string[] ratios)
    {
        if (!ratios.Contains(ratio))
        {
            throw Invalid("aspect_ratio", $"must be one of: {string.Join(", ", ratios)}");
        }

        if (!resolutions.Contains(resolution))
        {
            throw Invalid("resolution", $"must be one of: {string.Join(", ", resolutions)}");
        }

        var shortSide = int.Parse(resolution[..^1], System.Globalization.CultureInfo.InvariantCulture);
        var parts = ratio.Split(':').Select(p => int.Parse(p, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var longSide = (int)Math.Round(shortSide * (double)Math.Max(parts[0], parts[1]) / Math.Min(parts[0], parts[1]) / 2) * 2;
        return parts[0] >= parts[1] ? (longSide, shortSide) : (shortSide, longSide);
    }

    private static int Integer(JsonObject input, string field, int fallback, int min, int? max = null)
    {
        switch (input[field])
        {
            case null:
                return fallback;
            case JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.Number && v.TryGetValue<int>(out var n):
                if (max is null ? n != min : n < min || n > max)
                {
                    throw Invalid(field, max is null ? $"must be {min}" : $"must be from {min} to {max}");
                }

                if (field == "duration" && min == 5 && max == 10 && n is not (5 or 10))
                {
                    throw Invalid(field, "must be one of: 5, 10");
                }

                if (field == "duration" && min == 6 && max == 10 && n is not (6 or 10))
                {
                    throw Invalid(field, "must be one of: 6, 10");
                }

                return n;
            default:
                throw Invalid(field, "must be an integer");
        }
    }

    private static string? Text(JsonObject input, string field) => input[field] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var text) => text,
        _ => throw Invalid(field, "must be a string"),
    };

    /// <summary>An image input: a base64 data URI of a PNG, JPEG or WebP (the fake fetches no URLs).</summary>
    private static FakeInputImage? Image(JsonObject input, string field)
    {
        if (Text(input, field) is not { } uri)
        {
            return null;
        }

        if (!uri.StartsWith("data:", StringComparison.Ordinal))
        {
            throw Invalid(field, "the fake takes only data URIs (it does not fetch URLs)");
        }

        var comma = uri.IndexOf(',', StringComparison.Ordinal);
        var head = comma > 0 ? uri[5..comma] : "";
        if (!head.EndsWith(";base64", StringComparison.Ordinal) || head[..^7] is not ("image/png" or "image/jpeg" or "image/webp"))
        {
            throw Invalid(field, "must be a base64 data URI of a PNG, JPEG or WebP image");
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(uri[(comma + 1)..]);
        }
        catch (FormatException)
        {
            throw Invalid(field, "is not valid base64");
        }

        var image = ImageHeader.TryRead(bytes) ?? throw Invalid(field, "could not be decoded as an image");
        return new FakeInputImage(image.Format, image.Width, image.Height, bytes.Length, "data-uri", null, head[..^7]);
    }

    private static FakeServiceError Invalid(string field, string description) => new(422, description, field);
}