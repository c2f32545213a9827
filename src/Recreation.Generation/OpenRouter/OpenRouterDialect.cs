using System.Globalization;
using System.Text.Json;

using Recreation.Generation.Http;

namespace Recreation.Generation.OpenRouter;

/// <summary>
/// OpenRouter's ways: <c>Authorization: Bearer &lt;key&gt;</c>. Errors are
/// <c>{"error": {"code": &lt;the HTTP status&gt;, "message": "…", "metadata": {…}}}</c>
/// (openrouter.ai/docs/api/reference/errors-and-debugging); the code kept is
/// <c>metadata.reason</c> or <c>metadata.limit_source</c> when present, else none. The meanings are
/// OpenRouter's list: 400 bad parameters, 401 bad key, 402 no credits, 403 input flagged by
/// moderation (or a guardrail), 408 timeout, 429 rate limit (with <c>Retry-After</c>), 502 the
/// model is down, 503 no provider meets the request. Guessed: that the video endpoints answer
/// with the same shapes (their OpenAPI says so for 400, 401, 402, 404, 429, 500, 502).
/// </summary>
internal sealed class OpenRouterDialect(OpenRouterOptions options) : IServiceDialect
{
    public void Authorize(HttpRequestMessage request) =>
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", options.ApiKey);

    public ServiceError ParseError(string body)
    {
        if (string.IsNullOrWhiteSpace(body) || body.TrimStart()[0] != '{')
        {
            return ServiceError.None;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (!root.TryGetProperty("error", out var error))
            {
                return new ServiceError(Text(root, "message"), null, null);
            }

            if (error.ValueKind == JsonValueKind.String)
            {
                return new ServiceError(error.GetString(), null, null);
            }

            if (error.ValueKind != JsonValueKind.Object)
            {
                return ServiceError.None;
            }

            string? code = null;
            if (error.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object)
            {
                code = Text(metadata, "reason") ?? Text(metadata, "limit_source");
            }

            if (code is null && error.TryGetProperty("code", out var c))
            {
                code = c.ValueKind switch
                {
                    JsonValueKind.String => c.GetString(),
                    JsonValueKind.Number => null, // the HTTP status again: shown already
                    _ => null,
                };
            }

            return new ServiceError(Text(error, "message"), code, null);
        }
        catch (JsonException)
        {
            return ServiceError.None; // not OpenRouter's error body (a proxy's page): the raw text is shown instead
        }
    }

    public ServiceErrorClass Classify(int status, ServiceError error) => status switch
    {
        401 => new(false, true, false, $"The key was refused: check {OpenRouterSettings.KeyVariable} (a key from openrouter.ai/keys, for this base URL)."),
        402 => new(false, true, false, "The account or key has no credits left for this: add credits at openrouter.ai/credits (or raise the key's limit), then run again to resume."),
        403 => new(false, false, true, "OpenRouter refused the input (its moderation or a guardrail flagged it): change the clip's prompt or image, or choose another model."),
        400 or 413 or 422 => new(false, false, true, "Fix the clip or the profile: lengths, sizes and frame images must be ones the model lists at GET /api/v1/videos/models, and run again."),
        404 => new(false, false, false, "There is no such job or model there: check the profile's model id and that RECREATION_OpenRouter__BaseUrl is OpenRouter's API root (https://openrouter.ai/api/v1)."),
        429 => new(true, false, false, "Too many requests at once: the call was retried; lower target.concurrency or run again later."),
        408 or >= 500 => new(true, false, false, string.Create(CultureInfo.InvariantCulture, $"The service or the model's provider is busy or failing ({status}): the call was retried; run again later to resume.")),
        _ => new(false, false, false, "The request was refused; see the service's message."),
    };

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}