using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Recreation.Generation.Replicate;

/// <summary>
/// A prediction as Replicate's API describes it (<c>GET /v1/predictions/{id}</c>, the create answer,
/// each item of the list), read leniently: <c>status</c> is <c>starting</c>, <c>processing</c>,
/// <c>succeeded</c>, <c>failed</c>, <c>canceled</c> or <c>aborted</c>; <c>output</c> is whatever the
/// model returns — for a video model a URL, or a list of URLs (<see cref="OutputUrls"/> holds the
/// http(s) ones in order); <c>error</c> is the reason a failed one gives, with a code such as
/// <c>(E005)</c> (flagged as sensitive); <c>input</c> is echoed as sent, and with the output it is
/// removed an hour after an API prediction ends (<c>data_removed</c>).
/// </summary>
public sealed partial record ReplicatePrediction(
    string Id,
    string Status,
    string? Model,
    string? Version,
    JsonObject? Input,
    IReadOnlyList<Uri> OutputUrls,
    bool HasOutput,
    string? Error,
    string? Logs,
    DateTimeOffset? CreatedAt,
    bool DataRemoved)
{
    public const string Starting = "starting";
    public const string Processing = "processing";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Canceled = "canceled";
    public const string Aborted = "aborted";

    /// <summary>Succeeded, failed, canceled or aborted: it will not change again. Any other word counts as still running.</summary>
    public bool IsTerminal => Status is Succeeded or Failed or Canceled or Aborted;

    /// <summary>
    /// The progress a running prediction's logs show, 0–1, from the last line like <c> 45%|████ | 9/20</c>
    /// (the pattern Replicate's Python client reads); null when the logs show none.
    /// </summary>
    public double? Progress
    {
        get
        {
            if (string.IsNullOrEmpty(Logs))
            {
                return null;
            }

            foreach (var line in Logs.Split('\n').Reverse())
            {
                var match = ProgressLine().Match(line);
                if (match.Success && int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var percent))
                {
                    return Math.Clamp(percent / 100.0, 0, 1);
                }
            }

            return null;
        }
    }

    /// <summary>Reads one prediction object; throws <see cref="FormatException"/> when it has no usable <c>id</c> or <c>status</c>.</summary>
    public static ReplicatePrediction Read(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("a prediction is not a JSON object");
        }

        var id = Text(element, "id") is { } text && IdPattern().IsMatch(text) ? text : throw new FormatException("the prediction has no usable 'id'");
        var status = Text(element, "status") ?? throw new FormatException($"prediction {id} has no 'status'");
        var input = element.TryGetProperty("input", out var i) && i.ValueKind == JsonValueKind.Object ? JsonNode.Parse(i.GetRawText())!.AsObject() : null;
        var hasOutput = element.TryGetProperty("output", out var output) && output.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined);
        DateTimeOffset? created = Text(element, "created_at") is { } c && DateTimeOffset.TryParse(c, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;
        var removed = element.TryGetProperty("data_removed", out var r) && r.ValueKind == JsonValueKind.True;
        return new ReplicatePrediction(id, status, Text(element, "model"), Text(element, "version"), input, hasOutput ? Urls(output) : [], hasOutput, Text(element, "error"), Text(element, "logs"), created, removed);
    }

    /// <summary>The video to download: the first output URL whose path ends in <c>.mp4</c>, else the first URL.</summary>
    public Uri? VideoUrl =>
        OutputUrls.FirstOrDefault(u => u.AbsolutePath.EndsWith(".mp4", StringComparison.OrdinalIgnoreCase)) ?? OutputUrls.FirstOrDefault();

    /// <summary>The http(s) URLs in an output: a string, a list of strings, or (some models) an object whose values are.</summary>
    private static IReadOnlyList<Uri> Urls(JsonElement output)
    {
        IEnumerable<JsonElement> items = output.ValueKind switch
        {
            JsonValueKind.String => [output],
            JsonValueKind.Array => output.EnumerateArray().ToArray(),
            JsonValueKind.Object => output.EnumerateObject().Select(p => p.Value).ToArray(),
            _ => [],
        };
        return items
            .Where(e => e.ValueKind == JsonValueKind.String)
            .Select(e => Uri.TryCreate(e.GetString(), UriKind.Absolute, out var url) && url.Scheme is "https" or "http" ? url : null)
            .OfType<Uri>()
            .ToArray();
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Replicate's ids are lowercase letters and digits (26 characters today); allowed up to 64 and '-' / '_' for gateways and fakes.</summary>
    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    internal static partial Regex IdPattern();

    [GeneratedRegex(@"^\s*(\d{1,3})%\s*\|")]
    private static partial Regex ProgressLine();
}