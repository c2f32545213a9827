using System.Net.Http.Headers;
using System.Text.Json;

using Recreation.Generation.Http;

namespace Recreation.Generation.Replicate;

/// <summary>
/// Replicate's ways: <c>Authorization: Bearer &lt;token&gt;</c> on every API call (its docs; older
/// samples write <c>Token</c>, which it also takes). Error bodies are RFC 7807 problem details
/// (<c>{"title", "detail", "status"}</c>, as its Python client reads them); a 422 for input a model
/// refuses may list <c>invalid_fields</c> (<c>{"type", "field", "description"}</c> — guessed from
/// observed answers, read only if present). 401 is a bad token, 402 no credit left, 404 no such model,
/// version or prediction, 422 input the model's schema refuses, 429 the rate limit (with
/// <c>Retry-After</c>).
/// </summary>
internal sealed class ReplicateDialect(ReplicateOptions options) : IServiceDialect
{
    public void Authorize(HttpRequestMessage request) =>
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);

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
            var detail = Text(root, "detail");
            var title = Text(root, "title");
            if (root.TryGetProperty("invalid_fields", out var fields) && fields.ValueKind == JsonValueKind.Array)
            {
                var items = fields.EnumerateArray().Where(f => f.ValueKind == JsonValueKind.Object).Take(3)
                    .Select(f => $"{Text(f, "field") ?? "input"}: {Text(f, "description") ?? Text(f, "type")}");
                var listed = string.Join("; ", items);
                detail = listed.Length == 0 ? detail : listed;
            }

            var message = detail ?? title ?? Text(root, "error");
            return message is null ? ServiceError.None : new ServiceError(message, title, null);
        }
        catch (JsonException)
        {
            return ServiceError.None; // not Replicate's error body (a proxy's page): the raw text is shown instead
        }
    }

    public ServiceErrorClass Classify(int status, ServiceError error) => status switch
    {
        401 => new(false, true, false, "The token was refused: check REPLICATE_API_TOKEN (a token from replicate.com/account/api-tokens, for this base URL)."),
        402 => new(false, true, false, "The account has no credit left: add some at replicate.com/account/billing, then run again to resume."),
        403 => new(false, true, false, "The token may not run this model: check the model's page on replicate.com and the account's permissions."),
        400 or 413 or 422 => new(false, false, true, "Fix the clip or the profile's inputs: mapping to what the model's input schema allows (its API page on replicate.com lists the fields), and run again."),
        404 => new(false, false, false, "There is no such model, version or prediction there: check the profile's model (owner/name or owner/name:version), and that RECREATION_Replicate__BaseUrl is Replicate's API root."),
        429 => new(true, false, false, "Too many requests for the account: the call was retried; lower target.concurrency or run again later."),
        408 or >= 500 => new(true, false, false, "The service is busy or failing: the call was retried; run again later to resume."),
        _ => new(false, false, false, "The request was refused; see the service's message."),
    };

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}