using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

using Recreation.Core.Model;
using Recreation.Core.Profiles;

namespace Recreation.Generation.Aggregators;

/// <summary>
/// Builds an aggregator model's input JSON from a clip and the profile's <see cref="InputMapping"/>:
/// the fixed inputs first, then each mapped field. A pure function, so the request a model gets is
/// tested without a server.
/// </summary>
public static class ModelInputs
{
    /// <param name="firstFrame">The first-frame image as a data URI (<see cref="DataUri"/>), or null when the clip has none.</param>
    /// <param name="lastFrame">A last-frame image as a data URI, or null.</param>
    public static JsonObject Build(InputMapping mapping, ClipRequest request, string? firstFrame, string? lastFrame = null)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(request);
        var input = JsonNode.Parse(mapping.FixedJson)!.AsObject();
        input[mapping.PromptField] = request.Prompt;
        if (mapping.Duration is { } duration)
        {
            input[duration.Field] = duration.Type == DurationType.Number
                ? JsonValue.Create(request.Seconds)
                : JsonValue.Create(request.Seconds.ToString(CultureInfo.InvariantCulture) + duration.Suffix);
        }

        if (mapping.AspectRatioField is { } ratioField)
        {
            input[ratioField] = AspectRatio(request.Size);
        }

        if (mapping.Size is { } size)
        {
            input[size.Field] = Size(request.Size, size.Format);
        }

        if (mapping.FirstFrameField is { } firstField && firstFrame is not null)
        {
            input[firstField] = firstFrame;
        }

        if (mapping.LastFrameField is { } lastField && lastFrame is not null)
        {
            input[lastField] = lastFrame;
        }

        if (mapping is { NegativePromptField: { } negativeField, NegativePromptText: { } negativeText })
        {
            input[negativeField] = negativeText;
        }

        if (mapping.SeedField is { } seedField)
        {
            input[seedField] = Seed(request.CacheKey);
        }

        return input;
    }

    /// <summary>The size as a reduced ratio: 1280x720 is <c>16:9</c>, 720x1280 <c>9:16</c>, 960x960 <c>1:1</c>.</summary>
    public static string AspectRatio(FrameSize size)
    {
        var divisor = Gcd(size.Width, size.Height);
        return string.Create(CultureInfo.InvariantCulture, $"{size.Width / divisor}:{size.Height / divisor}");
    }

    /// <summary>
    /// A seed in 0..2^31-1 from the clip's cache key: the same clip (same prompt, size, length, image)
    /// asks for the same seed on every attempt, so a retry is not a different video.
    /// </summary>
    public static int Seed(string cacheKey)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(cacheKey));
        return (int)(BitConverter.ToUInt32(hash, 0) & int.MaxValue);
    }

    private static string Size(FrameSize size, SizeFormat format) => format switch
    {
        SizeFormat.WidthStarHeight => string.Create(CultureInfo.InvariantCulture, $"{size.Width}*{size.Height}"),
        SizeFormat.Resolution => string.Create(CultureInfo.InvariantCulture, $"{Math.Min(size.Width, size.Height)}p"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{size.Width}x{size.Height}"),
    };

    private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);
}