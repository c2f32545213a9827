using System.Text.Json;

using Recreation.Generation.Http;

namespace Recreation.Generation.Gemini;

/// <summary>
/// The Gemini API's ways: the key in <c>x-goog-api-key</c>; errors as Google's
/// <c>{"error": {"code", "message", "status", "details": [{"reason"}]}}</c>. Observed answers (not
/// all documented): a wrong key is 400 with reason <c>API_KEY_INVALID</c>, a missing key 403, an
/// exhausted quota 429 <c>RESOURCE_EXHAUSTED</c> (per-minute and per-day quotas look the same: both
/// are retried, then reported).
/// </summary>
internal sealed class GeminiDialect(GeminiOptions options) : IServiceDialect
{
    public void Authorize(HttpRequestMessage request) =>
        request.Headers.TryAddWithoutValidation("x-goog-api-key", options.ApiKey);

    public ServiceError ParseError(string body)
    {
        if (string.IsNullOrWhiteSpace(body) || body.TrimStart()[0] != '{')
        {
            return ServiceError.None;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (!document.RootElement.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object)
            {
                return ServiceError.None;
            }

            string? reason = null;
            if (error.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Array)
            {
                reason = details.EnumerateArray()
                    .Where(d => d.ValueKind == JsonValueKind.Object && d.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String)
                    .Select(d => d.GetProperty("reason").GetString())
                    .FirstOrDefault();
            }

            return new ServiceError(Text(error, "message"), reason, Text(error, "status"));
        }
        catch (JsonException)
        {
            return ServiceError.None; // not Google's error body (a proxy's page): the raw text is shown instead
        }
    }

    public ServiceErrorClass Classify(int status, ServiceError error) => (status, error.Code, error.Status) switch
    {
        (_, "API_KEY_INVALID", _) or (401, _, _) => new(false, true, false, "The key was refused: check GEMINI_API_KEY (or GOOGLE_API_KEY) — a key from Google AI Studio, for this base URL."),
        (403, _, _) => new(false, true, false, "The key may not use this model or API (or none was sent): check the key's project has the Gemini API enabled and access to Veo, and that billing is set up."),
        (400, _, "FAILED_PRECONDITION") => new(false, true, false, "The service will not serve this project as it stands (often: billing not enabled, or the country is not supported): fix it in Google AI Studio, then run again."),
        (400 or 413 or 422, _, _) => new(false, false, true, "Fix the clip (prompt, model, size, seconds or input image) to what the model's profile allows, and run again."),
        (404, _, _) => new(false, false, false, "It does not exist there: check the model id in the profile, or the operation may have expired (Veo keeps operations and videos for about two days)."),
        (429, _, _) => new(true, false, false, "The quota of requests (per minute or per day) is used up: the call was retried; run again later to resume."),
        (408 or >= 500, _, _) => new(true, false, false, "The service is busy or failing: the call was retried; run again later to resume."),
        _ => new(false, false, false, "The request was refused; see the service's message."),
    };

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}