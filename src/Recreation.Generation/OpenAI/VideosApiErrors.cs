using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Recreation.Generation.OpenAI;

/// <summary>
/// Turns an error response into a <see cref="VideosApiException"/> whose message says what to fix.
/// Small static predicates decide what is retried: 408, 429 (except an exhausted quota) and 5xx.
/// </summary>
internal static class VideosApiErrors
{
    private const int MaxBodyChars = 16 * 1024;

    public static bool IsTransientStatus(int status) => status is 408 or 429 or >= 500;

    public static async Task<VideosApiException> FromResponseAsync(
        HttpResponseMessage response, string operation, string service, Func<string, string> redact, TimeProvider time, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        string body;
        try
        {
            body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            body = ""; // the status alone decides; the body was only for the message
        }

        var error = Parse(body);
        var details = new ApiErrorDetails(
            error?.Message is { } text ? redact(text) : null,
            error?.Type,
            error?.Param,
            error?.Code,
            response.Headers.TryGetValues("x-request-id", out var ids) ? ids.FirstOrDefault() : null,
            RetryAfter(response, time));
        var said = Describe(status, response.ReasonPhrase, details, body, redact);
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

    private static string Describe(int status, string? reason, ApiErrorDetails details, string body, Func<string, string> redact)
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
            ?? (string.IsNullOrWhiteSpace(body) ? reason : redact(Shorten(body)))
            ?? ((HttpStatusCode)status).ToString();
        return $"{text} \"{message.TrimEnd('.')}\"";
    }

    private static ApiErrorDto? Parse(string body)
    {
        if (string.IsNullOrWhiteSpace(body) || body.Length > MaxBodyChars || body.TrimStart()[0] != '{')
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(body, VideosJsonContext.Default.ErrorEnvelopeDto)?.Error;
        }
        catch (JsonException)
        {
            return null; // not the documented error body (a proxy's page): the raw text is shown instead
        }
    }

    private static string Shorten(string body)
    {
        var flat = string.Join(' ', body.Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        return flat.Length <= 200 ? flat : flat[..200] + "…";
    }

    internal static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}