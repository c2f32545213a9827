using System.Globalization;
using System.Net;
using System.Text.Json;

using Recreation.Generation.Http;

namespace Recreation.Generation.OpenAI;

/// <summary>
/// Turns an error response into a <see cref="VideosApiException"/> whose message says what to fix.
/// Small static predicates decide what is retried: 408, 429 (except an exhausted quota) and 5xx.
/// </summary>
internal static class VideosApiErrors
{
    /// <summary>How much of a raw (not JSON) error body a message shows.</summary>
    private const int MaxShownBodyChars = 200;

    private const int ShortField = 100;

    public static bool IsTransientStatus(int status) => status is 408 or 429 or >= 500;

    /// <summary>
    /// Reads at most <paramref name="maxBodyBytes"/> of the body (only for the message: the status
    /// decides). Every field the server chose — the error's message, code, param and type, the
    /// <c>x-request-id</c> header, the reason phrase, a raw body — goes through <paramref name="text"/>
    /// before it is cut or put into a message.
    /// </summary>
    public static async Task<VideosApiException> FromResponseAsync(
        HttpResponseMessage response, string operation, string service, ServerText text, int maxBodyBytes, TimeProvider time, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        string body;
        var complete = false;
        try
        {
            var (bytes, whole) = await BoundedBody.ReadAsync(response, maxBodyBytes, headIsEnough: true, cancellationToken).ConfigureAwait(false);
            body = System.Text.Encoding.UTF8.GetString(bytes);
            complete = whole;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            body = ""; // the status alone decides; the body was only for the message
        }

        var error = complete ? Parse(body, new ServerJson(text)) : null;
        var details = new ApiErrorDetails(
            error is null ? null : text.Clean(Field(error.Value, "message")),
            error is null ? null : text.Clean(Field(error.Value, "type"), ShortField),
            error is null ? null : text.Clean(Field(error.Value, "param"), ShortField),
            error is null ? null : text.Clean(Field(error.Value, "code"), ShortField),
            response.Headers.TryGetValues("x-request-id", out var ids) ? text.Clean(ids.FirstOrDefault(), ShortField) : null,
            RetryAfter(response, time));
        var said = Describe(status, text.Clean(response.ReasonPhrase, ShortField), details, text.Clean(body, MaxShownBodyChars));
        var (isTransient, isFatal, advice) = Classify(status, details.Code);
        return new VideosApiException($"{Capitalize(operation)} failed: {said} from {service}. {advice}", status, isTransient, isFatal, details);
    }

    /// <summary>How long the server asked to wait: <c>retry-after-ms</c>, else <c>Retry-After</c> in seconds or as an HTTP date.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider time)
    {
        if (response.Headers.TryGetValues("retry-after-ms", out var values)
            && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 0)
        {
            return TimeSpan.FromMilliseconds(ms);
        }

        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    private static (bool IsTransient, bool IsFatal, string Advice) Classify(int status, string? code) => status switch
    {
        401 => (false, true, "The API key was refused: check OPENAI_API_KEY, and that the auth header style matches the service (bearer; api-key for Azure)."),
        403 => (false, true, "The key may not use this model, project or region: check the key's permissions, the organization/project settings and the model name in the profile."),
        429 when code is "insufficient_quota" => (false, true, "The account has no quota left: check the plan and billing of the key's account, then run again to resume."),
        404 => (false, false, "The video does not exist there: it may have been deleted or have expired, or the base URL points at another service. Clear the clip's job id to generate it again."),
        410 => (false, false, "The content expired before it was downloaded: generate the clip again (downloads must happen within about an hour to a day)."),
        409 => (false, false, "The request conflicts with the job's state; check the job's status."),
        400 or 413 or 415 or 422 => (false, false, "Fix the request (prompt, model, size, seconds or input image) to what the model's profile allows, and run again."),
        _ when IsTransientStatus(status) => (true, false, "The service is busy or failing: the call was retried; run again later to resume."),
        _ => (false, false, "The request was refused; see the server's message."),
    };

    /// <param name="reason">The reason phrase, already cleaned.</param>
    /// <param name="body">The raw body's head, already cleaned and cut.</param>
    private static string Describe(int status, string? reason, ApiErrorDetails details, string? body)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"HTTP {status}");
        var tags = new List<string>();
        if (details.Code is not null)
        {
            tags.Add($"code '{details.Code}'");
        }

        if (details.Param is not null)
        {
            tags.Add($"param '{details.Param}'");
        }

        if (details.RequestId is not null)
        {
            tags.Add($"request {details.RequestId}");
        }

        if (tags.Count > 0)
        {
            text += $" ({string.Join(", ", tags)})";
        }

        var message = details.Message
            ?? (string.IsNullOrWhiteSpace(body) ? reason : body)
            ?? ((HttpStatusCode)status).ToString();
        return $"{text} \"{message.TrimEnd('.')}\"";
    }

    /// <summary>The <c>error</c> object of the documented error body; null for anything else (a proxy's page: the raw text is shown instead).</summary>
    private static JsonElement? Parse(string body, ServerJson json)
    {
        if (string.IsNullOrWhiteSpace(body) || body.TrimStart()[0] != '{')
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return json.Object(document.RootElement, "error")?.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A field of the error object as text (a number as its digits); null when absent or of another type.</summary>
    private static string? Field(JsonElement error, string name) =>
        error.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;

    internal static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}