using System.Text.Json;

namespace Recreation.Generation.Gemini;

/// <summary>
/// Reads a long-running operation's JSON once into a <see cref="GeminiOperation"/>, leniently
/// (unknown fields ignored, every part optional but the name). The video is at
/// <c>response.generateVideoResponse.generatedSamples[].video.uri</c>; a filtered result has
/// <c>raiMediaFilteredCount</c>/<c>raiMediaFilteredReasons</c> there instead.
/// </summary>
internal static class GeminiOperationReader
{
    public static GeminiOperation Read(JsonElement root)
    {
        var name = root.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        if (string.IsNullOrEmpty(name))
        {
            throw new FormatException("the operation has no 'name'");
        }

        var done = root.TryGetProperty("done", out var d) && d.ValueKind == JsonValueKind.True;
        int? errorCode = null;
        string? errorMessage = null;
        if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
        {
            errorCode = error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var code) ? code : 0;
            errorMessage = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
        }

        var uris = new List<string>();
        var filteredCount = 0;
        var reasons = new List<string>();
        if (root.TryGetProperty("response", out var response) && response.ValueKind == JsonValueKind.Object
            && response.TryGetProperty("generateVideoResponse", out var video) && video.ValueKind == JsonValueKind.Object)
        {
            if (video.TryGetProperty("generatedSamples", out var samples) && samples.ValueKind == JsonValueKind.Array)
            {
                foreach (var sample in samples.EnumerateArray())
                {
                    if (sample.ValueKind == JsonValueKind.Object && sample.TryGetProperty("video", out var v) && v.ValueKind == JsonValueKind.Object
                        && v.TryGetProperty("uri", out var uri) && uri.ValueKind == JsonValueKind.String && uri.GetString() is { Length: > 0 } text)
                    {
                        uris.Add(text);
                    }
                }
            }

            if (video.TryGetProperty("raiMediaFilteredCount", out var count) && count.ValueKind == JsonValueKind.Number && count.TryGetInt32(out var filtered))
            {
                filteredCount = filtered;
            }

            if (video.TryGetProperty("raiMediaFilteredReasons", out var why) && why.ValueKind == JsonValueKind.Array)
            {
                reasons.AddRange(why.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.String).Select(r => r.GetString()!));
            }
        }

        return new GeminiOperation(name, done, errorCode, errorMessage, uris, filteredCount, reasons);
    }
}