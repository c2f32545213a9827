using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Recreation.Generation.OpenAI;

// The request bodies, written with known length. Answers are read field by field (ServerJson,
// VideoMapper), so that an odd field is ignored rather than fatal.

internal sealed class CreateVideoBody
{
    public required string Prompt { get; init; }

    public required string Model { get; init; }

    public required string Seconds { get; init; }

    public required string Size { get; init; }
}

internal sealed class RemixVideoBody
{
    public required string Prompt { get; init; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CreateVideoBody))]
[JsonSerializable(typeof(RemixVideoBody))]
internal sealed partial class VideosJsonContext : JsonSerializerContext;