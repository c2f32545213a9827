using System.Globalization;
using System.Text.Json;

using Recreation.Generation.Http;

namespace Recreation.Generation.Describing;

/// <summary>
/// The chat completions API's ways, as OpenAI documents them and compatible servers copy them:
/// <c>Authorization: Bearer &lt;key&gt;</c> (none when no key is sent: local servers take requests without); errors <c>{"error": {"message", "type", "param", "code"}}</c>
/// (Ollama and vLLM answer the same shape; a gateway or proxy may answer a plain page, shown raw).
/// 401/403 are the key; 404 is a model the server does not have (or a wrong base URL); 429 with
/// code <c>insufficient_quota</c> is an empty account (fatal), any other 429 a rate limit (retried,
/// <c>Retry-After</c> honoured); 408 and 5xx are retried; 400/413/422 refuse this request (too large
/// an image, a model without vision or without structured outputs).
/// </summary>
internal sealed class ChatDialect(DescribeOptions options) : IServiceDialect
{
    /// <summary>The key as a bearer token; without one (a server that is not the key's own), no <c>Authorization</c> header at all.</summary>
    public void Authorize(HttpRequestMessage request)
    {
        if (!string.IsNullOrEmpty(options.ApiKey))
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", options.ApiKey);
        }
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
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("error", out var error))
            {
                return ServiceError.None;
            }

            return error.ValueKind switch
            {
                JsonValueKind.String => new ServiceError(error.GetString(), null, null),
                JsonValueKind.Object => new ServiceError(Text(error, "message"), Text(error, "code"), Text(error, "type")),
                _ => ServiceError.None,
            };
        }
        catch (JsonException)
        {
            return ServiceError.None; // not the API's error body (a proxy's page): the raw text is shown instead
        }
    }

    public ServiceErrorClass Classify(int status, ServiceError error) => status switch
    {
        401 or 403 when string.IsNullOrEmpty(options.ApiKey) => new(false, true, false,
            $"The server wants a key, and no key was sent ({options.KeySource}). Give it its own: set {DescribeSettings.KeySetting}, or {DescribeSettings.KeyEnvSetting}=VARIABLE naming the variable that holds it."),
        401 or 403 => new(false, true, false, $"The key was refused: check {DescribeSettings.KeySetting}, {DescribeSettings.KeyEnvSetting} or {DescribeSettings.KeyVariable} (a key for {options.BaseUrl}; it came from {options.KeySource})."),
        404 => new(false, true, false, $"The server has no such model or endpoint: check RECREATION_Describe__Model ('{options.Model}') and that RECREATION_Describe__BaseUrl is the API root with its version path (e.g. {DescribeOptions.DefaultRoot})."),
        429 when error.Code == "insufficient_quota" => new(false, true, false, "The account has no quota left: add credit to it, then run analyze --describe again."),
        429 => new(true, false, false, "Too many requests: the call was retried; run again later."),
        400 or 413 or 422 => new(false, false, true, $"The server refused this request: the model ('{options.Model}') must take images and JSON-schema structured outputs (response_format json_schema); a smaller RECREATION_Describe__ImageMaxSide helps when the images are too large."),
        408 or >= 500 => new(true, false, false, string.Create(CultureInfo.InvariantCulture, $"The server is busy or failing ({status}): the call was retried; run again later.")),
        _ => new(false, false, false, "The request was refused; see the server's message."),
    };

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}