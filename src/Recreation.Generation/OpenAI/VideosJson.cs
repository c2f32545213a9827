using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Recreation.Generation.OpenAI;

// The wire format, read into these DTOs and mapped once (VideoMapper). Lenient on purpose: unknown
// fields are ignored, numbers may come as strings and `seconds` as a number, because gateways differ.

internal sealed class VideoDto
{
    public string? Id { get; set; }

    public string? Object { get; set; }

    public string? Model { get; set; }

    public string? Status { get; set; }

    public double? Progress { get; set; }

    public double? CreatedAt { get; set; }

    public double? CompletedAt { get; set; }

    public double? ExpiresAt { get; set; }

    public string? Prompt { get; set; }

    public string? Size { get; set; }

    [JsonConverter(typeof(StringOrNumberConverter))]
    public string? Seconds { get; set; }

    public string? RemixedFromVideoId { get; set; }

    public VideoErrorDto? Error { get; set; }
}

internal sealed class VideoErrorDto
{
    [JsonConverter(typeof(StringOrNumberConverter))]
    public string? Code { get; set; }

    public string? Message { get; set; }
}

internal sealed class VideoListDto
{
    public List<VideoDto>? Data { get; set; }

    public string? FirstId { get; set; }

    public string? LastId { get; set; }

    public bool HasMore { get; set; }
}

internal sealed class VideoDeletedDto
{
    public string? Id { get; set; }

    public bool Deleted { get; set; }
}

internal sealed class ErrorEnvelopeDto
{
    public ApiErrorDto? Error { get; set; }
}

internal sealed class ApiErrorDto
{
    public string? Message { get; set; }

    public string? Type { get; set; }

    public string? Param { get; set; }

    [JsonConverter(typeof(StringOrNumberConverter))]
    public string? Code { get; set; }
}

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

/// <summary>Reads a string or a number as a string (a gateway may send <c>"seconds": 8</c>).</summary>
internal sealed class StringOrNumberConverter : JsonConverter<string?>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => reader.TryGetInt64(out var whole)
            ? whole.ToString(CultureInfo.InvariantCulture)
            : reader.GetDouble().ToString(CultureInfo.InvariantCulture),
        JsonTokenType.Null => null,
        _ => throw new JsonException($"Expected a string or a number, got {reader.TokenType}."),
    };

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(VideoDto))]
[JsonSerializable(typeof(VideoListDto))]
[JsonSerializable(typeof(VideoDeletedDto))]
[JsonSerializable(typeof(ErrorEnvelopeDto))]
[JsonSerializable(typeof(CreateVideoBody))]
[JsonSerializable(typeof(RemixVideoBody))]
internal sealed partial class VideosJsonContext : JsonSerializerContext;