using System.Text.Json;

using Recreation.Generation.Http;

namespace Recreation.Generation.Fal;

/// <summary>
/// fal's ways: <c>Authorization: Key &lt;key&gt;</c> on every queue call. Error bodies are FastAPI's
/// <c>{"detail": "…"}</c> or <c>{"detail": [{"msg", "type", "loc"}]}</c> (a model's validation,
/// e.g. <c>type: content_policy_violation</c>); the first item's <c>type</c> is kept as the code.
/// Guessed from fal's docs and clients: 401/403 for a bad key, 422 for input a model refuses,
/// 429 when the account's concurrency is used up.
/// </summary>
internal sealed class FalDialect(FalOptions options) : IServiceDialect
{
    public void Authorize(HttpRequestMessage request) =>
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Key", options.ApiKey);

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
            if (!root.TryGetProperty("detail", out var detail))
            {
                return new ServiceError(Text(root, "error") ?? Text(root, "message"), null, null);
            }

            if (detail.ValueKind == JsonValueKind.String)
            {
                return new ServiceError(detail.GetString(), null, null);
            }

            if (detail.ValueKind == JsonValueKind.Array)
            {
                var items = detail.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object).Take(3).ToList();
                var message = string.Join("; ", items.Select(i => Text(i, "msg")).Where(m => m is not null));
                var code = items.Select(i => Text(i, "type")).FirstOrDefault(t => t is not null);
                return new ServiceError(message.Length == 0 ? null : message, code, null);
            }

            return ServiceError.None;
        }
        catch (JsonException)
        {
            return ServiceError.None; // not fal's error body (a proxy's page): the raw text is shown instead
        }
    }

    public ServiceErrorClass Classify(int status, ServiceError error) => status switch
    {
        401 => new(false, true, false, "The key was refused: check FAL_KEY (a key from fal.ai/dashboard/keys, for this base URL)."),
        403 => new(false, true, false, "The key may not use this model, or the account has no balance left: check fal.ai/dashboard/billing."),
        400 or 413 or 422 => new(false, false, true, "Fix the clip or the profile's inputs: mapping to what the model's input schema allows (its page on fal.ai lists the fields), and run again."),
        404 => new(false, false, false, "There is no such model or request there: check the profile's model id, and that RECREATION_Fal__BaseUrl is fal's queue host."),
        429 => new(true, false, false, "Too many requests at once for the account: the call was retried; lower target.concurrency or run again later."),
        408 or >= 500 => new(true, false, false, "The service is busy or failing: the call was retried; run again later to resume."),
        _ => new(false, false, false, "The request was refused; see the service's message."),
    };

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}