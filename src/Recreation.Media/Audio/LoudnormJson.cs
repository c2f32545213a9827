using System.Globalization;
using System.Text.Json;

namespace Recreation.Media.Audio;

/// <summary>Reads the JSON block loudnorm prints at the end of stderr (print_format=json).</summary>
internal static class LoudnormJson
{
    public static IReadOnlyDictionary<string, string> Parse(string stderr)
    {
        var end = stderr.LastIndexOf('}');
        var start = end < 0 ? -1 : stderr.LastIndexOf('{', end);
        if (start < 0)
        {
            throw new MediaException("ffmpeg's loudnorm printed no JSON block; run ffmpeg 5.1 or later with its loudnorm filter.");
        }

        try
        {
            using var json = JsonDocument.Parse(stderr.AsMemory(start, end - start + 1));
            return json.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ToString());
        }
        catch (JsonException ex)
        {
            throw new MediaException($"loudnorm's JSON could not be read: {ex.Message}", ex);
        }
    }

    public static LoudnessMeasurement Measurement(IReadOnlyDictionary<string, string> values, string prefix)
    {
        return new LoudnessMeasurement(
            Number(values, prefix + "_i"),
            Number(values, prefix + "_tp"),
            Number(values, prefix + "_lra"),
            Number(values, prefix + "_thresh"),
            values.ContainsKey("target_offset") ? Number(values, "target_offset") : 0);
    }

    /// <summary>loudnorm writes "-inf"/"inf" for silence; double.Parse spells those differently.</summary>
    public static double Number(IReadOnlyDictionary<string, string> values, string key)
    {
        if (!values.TryGetValue(key, out var text))
        {
            throw new MediaException($"loudnorm's JSON has no \"{key}\".");
        }

        return text.Trim() switch
        {
            "-inf" => double.NegativeInfinity,
            "inf" or "+inf" => double.PositiveInfinity,
            var value when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => number,
            _ => throw new MediaException($"loudnorm's \"{key}\" is \"{text}\", not a number."),
        };
    }
}