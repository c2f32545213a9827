using System.Text.Json;

using Recreation.Generation.Http;

namespace Recreation.Generation.Runway;

/// <summary>
/// The Runway API's ways: <c>Authorization: Bearer</c> and <c>X-Runway-Version</c> on every API
/// call. Runway's reference lists 400 (input validation, do not retry), 401 (bad key), 429 (daily
/// generation quota; retry with backoff) and 502/503/504. Assumed, not documented: the error body is
/// <c>{"error": "…"}</c> (a string, or an object with a <c>message</c>), possibly with <c>issues</c>.
/// </summary>
internal sealed class RunwayDialect(RunwayOptions options) : IServiceDialect
{
    public void Authorize(HttpRequestMessage request)
    {
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", options.ApiKey);
        request.Headers.TryAddWithoutValidation("X-Runway-Version", options.ApiVersion);
    }

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
            string? message = null;
            string? code = null;
            if (root.TryGetProperty("error", out var error))
            {
                if (error.ValueKind == JsonValueKind.String)
                {
                    message = error.GetString();
                }
                else if (error.ValueKind == JsonValueKind.Object)
                {
                    message = Text(error, "message");
                    code = Text(error, "code");
                }
            }

            message ??= Text(root, "message");
            code ??= Text(root, "code");
            if (root.TryGetProperty("issues", out var issues) && issues.ValueKind == JsonValueKind.Array)
            {
                var said = issues.EnumerateArray()
                    .Where(i => i.ValueKind == JsonValueKind.Object && Text(i, "message") is not null)
                    .Select(i => Text(i, "message"))
                    .Take(3)
                    .ToList();
                if (said.Count > 0)
                {
                    message = (message is null ? "" : message.TrimEnd('.') + ": ") + string.Join("; ", said);
                }
            }

            return new ServiceError(message, code, null);
        }
        catch (JsonException)
        {
            return ServiceError.None; // not Runway's error body (a proxy's page): the raw text is shown instead
        }
    }

    public ServiceErrorClass Classify(int status, ServiceError error) => status switch
    {
        401 => new(false, true, false, "The key was refused: check RUNWAYML_API_SECRET (a key from dev.runwayml.com, for this base URL)."),
        403 => new(false, true, false, "The key may not use this model or endpoint: check the organisation's access and credits at dev.runwayml.com."),
        400 or 413 or 422 => new(false, false, true, "Fix the clip (prompt, model, ratio, duration or input image) to what the model's profile allows, and run again."),
        404 => new(false, false, false, "The task does not exist there: it may have been deleted, or the base URL points at another service."),
        429 => new(true, false, false, "The organisation's generation quota (a rolling 24-hour window) is used up: the call was retried; run again later, or raise the tier at dev.runwayml.com."),
        408 or >= 500 => new(true, false, false, "The service is busy or failing: the call was retried; run again later to resume."),
        _ => new(false, false, false, "The request was refused; see the service's message."),
    };

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}