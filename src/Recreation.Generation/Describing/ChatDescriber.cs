using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

using Recreation.Core;
using Recreation.Generation.Http;
using Recreation.Generation.OpenAI;

namespace Recreation.Generation.Describing;

/// <summary>
/// Describes a shot with an OpenAI-compatible chat completions server: <c>POST {base}/chat/completions</c>
/// with <c>{model, messages, response_format, max_completion_tokens}</c>, the user message holding
/// the shot's text and its keyframes as <c>image_url</c> parts with <c>data:image/jpeg;base64,…</c>
/// URLs. The answer (<c>choices[0].message.content</c>, <c>.refusal</c>, <c>choices[0].finish_reason</c>,
/// <c>usage.prompt_tokens</c>/<c>completion_tokens</c>) is read up to <see cref="DescribeOptions.MaxAnswerBytes"/>
/// and its content parsed strictly (<see cref="ShotDescriptionParser"/>). Every failure for one shot
/// is an outcome with a warning, never an exception; the key goes only to the base URL's host.
/// <para>
/// Guesses, from OpenAI's API reference and the openai-python types: <c>max_completion_tokens</c>
/// (OpenAI's current name; servers that only know <c>max_tokens</c>, such as older Ollama, ignore
/// unknown fields and use their own limit); a server without structured outputs either refuses the
/// request (400, a warning per shot) or answers free text (refused by the parser); <c>usage</c> may be
/// missing on local servers (counted as 0 tokens); retries on 408/429/5xx and dropped connections
/// resend the request, which a server may bill twice.
/// </para>
/// </summary>
public sealed class ChatDescriber : IDisposable
{
    private readonly DescribeOptions _options;
    private HttpClient? _owned;
    private readonly ServiceTransport _transport;
    private readonly ILogger _logger;

    /// <summary>Checks <paramref name="options"/> (throwing a fatal <see cref="RecreationException"/>, exit 2, listing every problem).</summary>
    public ChatDescriber(HttpClient httpClient, DescribeOptions options, TimeProvider? timeProvider = null, ILogger<ChatDescriber>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.ValidateAll();
        if (errors.Count > 0)
        {
            throw new RecreationException("The settings for --describe are not valid:" + string.Concat(errors.Select(e => Environment.NewLine + "  - " + e)), ExitCodes.InvalidInput, isFatal: true);
        }

        _options = options;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _transport = new ServiceTransport(httpClient, options, new ChatDialect(options), timeProvider ?? TimeProvider.System, _logger);
    }

    /// <summary>A describer with its own HttpClient (one that follows no redirect), disposed with it.</summary>
    public static ChatDescriber Open(DescribeOptions options, TimeProvider? timeProvider = null, ILogger<ChatDescriber>? logger = null)
    {
        var http = ServiceHttpClients.Create();
        try
        {
            return new ChatDescriber(http, options, timeProvider, logger) { _owned = http };
        }
        catch
        {
            http.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _owned?.Dispose();
        _owned = null;
    }

    /// <summary>The model asked.</summary>
    public string Model => _options.Model;

    /// <summary>The request body for <paramref name="request"/> (public for the specs that check its shape).</summary>
    public JsonObject Body(ShotDescriptionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var parts = new JsonArray { new JsonObject { ["type"] = "text", ["text"] = ShotDescriptionSchema.Text(request) } };
        foreach (var image in request.Keyframes)
        {
            if (image.Length > _options.ImageMaxBytes)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"A keyframe has {image.Length} bytes, over ImageMaxBytes ({_options.ImageMaxBytes})."), nameof(request));
            }

            parts.Add(new JsonObject
            {
                ["type"] = "image_url",
                ["image_url"] = new JsonObject { ["url"] = "data:image/jpeg;base64," + Convert.ToBase64String(image), ["detail"] = _options.ImageDetail },
            });
        }

        return new JsonObject
        {
            ["model"] = _options.Model,
            ["messages"] = new JsonArray
            {
                new JsonObject { ["role"] = "system", ["content"] = ShotDescriptionSchema.Instructions },
                new JsonObject { ["role"] = "user", ["content"] = parts },
            },
            ["response_format"] = ShotDescriptionSchema.ResponseFormat(),
            ["max_completion_tokens"] = _options.MaxTokens,
        };
    }

    /// <summary>Asks for one shot's description; the outcome holds it or a warning, and what it cost.</summary>
    public async Task<DescribeOutcome> DescribeAsync(ShotDescriptionRequest request, CancellationToken cancellationToken = default)
    {
        var json = Body(request).ToJsonString();
        var attempts = 0;
        try
        {
            var outcome = await _transport.SendAsync(
                string.Create(CultureInfo.InvariantCulture, $"describing shot {request.Number} with {_options.Model}"),
                () =>
                {
                    Interlocked.Increment(ref attempts);
                    return new HttpRequestMessage(HttpMethod.Post, _transport.Url("chat/completions"))
                    {
                        Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
                    };
                },
                ReadAsync,
                cancellationToken).ConfigureAwait(false);
            return outcome with { Usage = outcome.Usage with { Requests = attempts } };
        }
        catch (ServiceApiException ex)
        {
            _logger.LogDebug(ex, "Describing shot {Shot} failed", request.Number);
            return new DescribeOutcome(null, ex.Message, ChatUsage.None with { Requests = attempts }, ex.IsFatal);
        }
    }

    private async Task<DescribeOutcome> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var (bytes, complete) = await BoundedBody.ReadAsync(response, _options.MaxAnswerBytes, headIsEnough: false, cancellationToken).ConfigureAwait(false);
        if (!complete)
        {
            return Fail(string.Create(CultureInfo.InvariantCulture, $"the answer is over the size cap of {_options.MaxAnswerBytes} bytes and was not read (RECREATION_Describe__MaxAnswerBytes)"), ChatUsage.None);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException)
        {
            return Fail($"{_transport.BaseUrl} answered with something that is not chat completions JSON; check RECREATION_Describe__BaseUrl (the API root, e.g. {DescribeOptions.DefaultRoot})", ChatUsage.None);
        }

        using (document)
        {
            var root = document.RootElement;
            var usage = Usage(root);
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("choices", out var choices) || choices.ValueKind != JsonValueKind.Array || choices.GetArrayLength() == 0
                || choices[0].ValueKind != JsonValueKind.Object || !choices[0].TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.Object)
            {
                return Fail("the answer has no choices[0].message", usage);
            }

            var text = new ServerText(_options.ApiKey);
            if (Text(message, "refusal") is { Length: > 0 } refusal)
            {
                return Fail($"the model refused: \"{text.Clean(refusal, 200)}\"", usage);
            }

            var finish = Text(choices[0], "finish_reason");
            if (finish == "length")
            {
                return Fail(string.Create(CultureInfo.InvariantCulture, $"the answer was cut off at the token limit ({_options.MaxTokens}); raise RECREATION_Describe__MaxTokens"), usage);
            }

            if (finish == "content_filter")
            {
                return Fail("the server's content filter stopped the answer", usage);
            }

            var (description, problem) = ShotDescriptionParser.Parse(Text(message, "content"), _options.ApiKey);
            return description is null ? Fail(problem!, usage) : new DescribeOutcome(description, null, usage);
        }
    }

    private static DescribeOutcome Fail(string warning, ChatUsage usage) => new(null, warning, usage);

    /// <summary>The tokens the server reported; missing or odd numbers count as 0.</summary>
    private static ChatUsage Usage(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("usage", out var usage) || usage.ValueKind != JsonValueKind.Object)
        {
            return ChatUsage.None;
        }

        return new ChatUsage(0, Tokens(usage, "prompt_tokens"), Tokens(usage, "completion_tokens"));
    }

    private static long Tokens(JsonElement usage, string name) =>
        usage.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var tokens) && tokens is >= 0 and < 100_000_000 ? tokens : 0;

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}