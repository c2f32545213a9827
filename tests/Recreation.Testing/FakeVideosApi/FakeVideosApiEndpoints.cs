using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Recreation.Testing.FakeVideosApi;

/// <summary>The Videos API's routes, as minimal-API endpoints over <see cref="FakeVideoStore"/>.</summary>
internal static class FakeVideosApiEndpoints
{
    public static void Map(WebApplication app, FakeVideoStore store, FakeMediaCache media, FakeVideosApiOptions options)
    {
        app.MapPost("/v1/videos", Handle(async context =>
        {
            var spec = await FakeCreateRequestParser.ParseAsync(context.Request, options.Models, context.RequestAborted).ConfigureAwait(false);
            return Created(context, store.Create(spec, options.LiteLlmVeo ? null : IdempotencyKey(context), JobFault(context)), options);
        }));

        app.MapGet("/v1/videos", Handle(context => options.LiteLlmVeo ? throw FakeLiteLlm.ListNotSupported() : Task.FromResult<JsonNode>(store.List(Limit(context.Request), Ascending(context.Request), context.Request.Query["after"].FirstOrDefault()))));

        // The model list as OpenAI serves it (GET /v1/models): only the ids matter to clients.
        app.MapGet("/v1/models", Handle(_ => Task.FromResult<JsonNode>(new JsonObject
        {
            ["object"] = "list",
            ["data"] = new JsonArray(options.Models.Select(m => (JsonNode)new JsonObject
            {
                ["id"] = m.Name,
                ["object"] = "model",
                ["created"] = 1_760_000_000,
                ["owned_by"] = "recreation-fake",
            }).ToArray()),
        })));

        app.MapGet("/v1/videos/{id}", Handle(context =>
        {
            context.Response.Headers["openai-poll-after-ms"] = ((long)options.PollAfter.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
            return Task.FromResult<JsonNode>(Shape(store.Retrieve(Id(context)), options));
        }));

        app.MapDelete("/v1/videos/{id}", Handle(context => Task.FromResult<JsonNode>(store.Delete(Id(context)))));

        app.MapPost("/v1/videos/{id}/remix", Handle(async context =>
        {
            var prompt = await RemixPromptAsync(context.Request).ConfigureAwait(false);
            var spec = store.RemixSpec(Id(context), prompt);
            return Created(context, store.Create(spec, options.LiteLlmVeo ? null : IdempotencyKey(context), JobFault(context)), options);
        }));

        app.MapGet("/v1/videos/{id}/content", async context =>
        {
            try
            {
                var variant = context.Request.Query["variant"].FirstOrDefault() ?? "video";
                if (variant is not ("video" or "thumbnail" or "spritesheet"))
                {
                    throw new FakeApiError(400, $"Invalid value: '{variant}'. Supported values are: 'video', 'thumbnail' and 'spritesheet'.", "variant", "invalid_value");
                }

                var (width, height, seconds) = store.Content(Id(context));
                var path = await media.GetAsync(variant, width, height, seconds, context.RequestAborted).ConfigureAwait(false);
                var bytes = await File.ReadAllBytesAsync(path, context.RequestAborted).ConfigureAwait(false);
                context.Response.StatusCode = 200;
                context.Response.ContentType = FakeMediaCache.ContentType(variant);
                context.Response.ContentLength = bytes.Length;
                await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
            }
            catch (FakeApiError error)
            {
                await FakeVideosApiPipeline.WriteJsonAsync(context, error.StatusCode, error.Body()).ConfigureAwait(false);
            }
        });

        app.MapFallback(context => FakeVideosApiPipeline.WriteJsonAsync(context, 404, FakeApiError.Body(
            $"Invalid URL ({context.Request.Method} {context.Request.Path}).", "invalid_request_error", null, "unknown_url")));
    }

    private static RequestDelegate Handle(Func<HttpContext, Task<JsonNode>> handler) => async context =>
    {
        JsonNode body;
        int status;
        try
        {
            body = await handler(context).ConfigureAwait(false);
            status = 200;
        }
        catch (FakeApiError error)
        {
            body = error.Body();
            status = error.StatusCode;
        }

        await FakeVideosApiPipeline.WriteJsonAsync(context, status, body).ConfigureAwait(false);
    };

    private static JsonNode Created(HttpContext context, (JsonObject Video, bool Replayed) result, FakeVideosApiOptions options)
    {
        if (result.Replayed)
        {
            context.Response.Headers["Idempotent-Replayed"] = "true";
        }

        return Shape(result.Video, options);
    }

    private static JsonObject Shape(JsonObject video, FakeVideosApiOptions options) => options.LiteLlmVeo ? FakeLiteLlm.Rewrite(video) : video;

    /// <summary>The store's id of the route's video (a LiteLLM-style id decoded).</summary>
    private static string Id(HttpContext context) => FakeLiteLlm.Decode((string)context.Request.RouteValues["id"]!);

    private static string? IdempotencyKey(HttpContext context) => context.Request.Headers["Idempotency-Key"].FirstOrDefault();

    private static FakeFault? JobFault(HttpContext context) => context.Items.TryGetValue(FakeVideosApiPipeline.JobFaultItem, out var fault) ? fault as FakeFault : null;

    private static int Limit(HttpRequest request)
    {
        var text = request.Query["limit"].FirstOrDefault();
        if (text is null)
        {
            return 20;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit is >= 1 and <= 100
            ? limit
            : throw new FakeApiError(400, $"Invalid 'limit': expected an integer from 1 to 100, got '{text}'.", "limit", "invalid_value");
    }

    private static bool Ascending(HttpRequest request) => (request.Query["order"].FirstOrDefault() ?? "desc") switch
    {
        "asc" => true,
        "desc" => false,
        var other => throw new FakeApiError(400, $"Invalid value: '{other}'. Supported values are: 'asc' and 'desc'.", "order", "invalid_value"),
    };

    private static async Task<string> RemixPromptAsync(HttpRequest request)
    {
        JsonNode? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<JsonNode>(request.Body, cancellationToken: request.HttpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            throw new FakeApiError(400, $"We could not parse the JSON body of your request. ({ex.Message})");
        }

        var prompt = body?["prompt"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
        return prompt switch
        {
            null => throw new FakeApiError(400, "Missing required parameter: 'prompt'.", "prompt", "missing_required_parameter"),
            "" => throw new FakeApiError(400, "Invalid 'prompt': string too short.", "prompt", "string_below_min_length"),
            { Length: > FakeCreateRequestParser.PromptLimit } => throw new FakeApiError(400, "Invalid 'prompt': string too long.", "prompt", "string_above_max_length"),
            _ => prompt,
        };
    }
}