using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

using Microsoft.AspNetCore.Http;

using Recreation.Testing.FakeVideosApi;

namespace Recreation.Testing.FakeProviders;

/// <summary>
/// The Gemini API's Veo routes as <see cref="FakeGeminiServer"/> serves them, written from Google's
/// docs and python-genai (December 2026): <c>POST /v1beta/models/{model}:predictLongRunning</c>
/// checked as Veo 3.1 checks it; <c>GET /v1beta/models/{model}/operations/{id}</c> (no <c>done</c>
/// field until done, as protobuf JSON leaves out false); <c>GET /v1beta/models/{model}</c>; and
/// <c>GET /v1beta/files/{id}:download?alt=media</c>, which needs the key and redirects to the
/// download host. Guessed: the exact messages, that a failed or filtered result is not billed, and
/// that files are deleted two days after the job (then 404).
/// </summary>
internal sealed class FakeGeminiService(FakeProviderOptions options, string apiKey, FakeJobBook jobs, FakeDownloadHost downloads, FakeMediaCache media)
{
    public static readonly string[] Models = ["veo-3.1-generate-preview", "veo-3.1-fast-generate-preview", "veo-3.1-lite-generate-preview"];

    private TimeSpan FileLifetime => options.OutputLifetime ?? TimeSpan.FromDays(2);

    public Uri Root { get; set; } = new("http://127.0.0.1/");

    public static (FakeEndpoint Endpoint, string? Id) Classify(string method, string path)
    {
        var parts = path.Trim('/').Split('/');
        return (method, parts) switch
        {
            ("POST", ["v1beta", "models", var m]) when m.EndsWith(":predictLongRunning", StringComparison.Ordinal) => (FakeEndpoint.Create, m[..m.IndexOf(':', StringComparison.Ordinal)]),
            ("GET", ["v1beta", "models", _, "operations", var op]) => (FakeEndpoint.Retrieve, op),
            ("GET", ["v1beta", "models", var m]) => (FakeEndpoint.Models, m),
            ("GET", ["v1beta", "files", var f]) when f.EndsWith(":download", StringComparison.Ordinal) => (FakeEndpoint.Content, f[..f.IndexOf(':', StringComparison.Ordinal)]),
            _ => (FakeEndpoint.Unknown, null),
        };
    }

    public static JsonObject ErrorBody(int status, string message, string? reason = null)
    {
        var error = new JsonObject
        {
            ["code"] = status,
            ["message"] = message,
            ["status"] = status switch
            {
                400 => "INVALID_ARGUMENT",
                403 => "PERMISSION_DENIED",
                404 => "NOT_FOUND",
                429 => "RESOURCE_EXHAUSTED",
                503 => "UNAVAILABLE",
                _ when status >= 500 => "INTERNAL",
                _ => "UNKNOWN",
            },
        };
        if (reason is not null)
        {
            error["details"] = new JsonArray(new JsonObject
            {
                ["@type"] = "type.googleapis.com/google.rpc.ErrorInfo",
                ["reason"] = reason,
                ["domain"] = "googleapis.com",
            });
        }

        return new JsonObject { ["error"] = error };
    }

    public Task WriteFaultAsync(HttpContext context, FakeFault fault) =>
        WriteJsonAsync(context, fault.StatusCode, ErrorBody(fault.StatusCode, fault.Message ?? "Error."));

    public async Task HandleAsync(HttpContext context)
    {
        try
        {
            var key = context.Request.Headers["x-goog-api-key"].FirstOrDefault() ?? context.Request.Query["key"].FirstOrDefault();
            if (string.IsNullOrEmpty(key))
            {
                throw new FakeServiceError(403, "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.");
            }

            if (!string.Equals(key, apiKey, StringComparison.Ordinal))
            {
                throw new FakeServiceError(400, "API key not valid. Please pass a valid API key.", "API_KEY_INVALID");
            }

            var (endpoint, id) = Classify(context.Request.Method, context.Request.Path.Value ?? "/");
            switch (endpoint)
            {
                case FakeEndpoint.Create:
                    await WriteJsonAsync(context, 200, await CreateAsync(context, id!).ConfigureAwait(false)).ConfigureAwait(false);
                    return;
                case FakeEndpoint.Retrieve:
                    await WriteJsonAsync(context, 200, Operation(Find(id!, context.Request.Path.Value!))).ConfigureAwait(false);
                    return;
                case FakeEndpoint.Models when Models.Contains(id):
                    await WriteJsonAsync(context, 200, new JsonObject
                    {
                        ["name"] = "models/" + id,
                        ["displayName"] = id,
                        ["supportedGenerationMethods"] = new JsonArray("predictLongRunning"),
                    }).ConfigureAwait(false);
                    return;
                case FakeEndpoint.Models:
                    throw new FakeServiceError(404, $"models/{id} is not found for API version v1beta.");
                case FakeEndpoint.Content:
                    Download(context, id!);
                    return;
                default:
                    throw new FakeServiceError(404, $"The requested URL {context.Request.Path} was not found on this server.");
            }
        }
        catch (FakeServiceError error)
        {
            await WriteJsonAsync(context, error.StatusCode, ErrorBody(error.StatusCode, error.Message, error.Code)).ConfigureAwait(false);
        }
    }

    public string Status(FakeJobBook.Job job) => job.Phase switch
    {
        FakeJobPhase.Succeeded or FakeJobPhase.Failed or FakeJobPhase.Filtered => "done",
        _ => "running",
    };

    private async Task<JsonObject> CreateAsync(HttpContext context, string model)
    {
        if (!Models.Contains(model))
        {
            throw new FakeServiceError(404, $"models/{model} is not found for API version v1beta, or is not supported for predictLongRunning. Call ListModels to see the list of available models and their supported methods.");
        }

        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            throw new FakeServiceError(400, $"Invalid JSON payload received. {ex.Message}");
        }

        if (body?["instances"] is not JsonArray { Count: 1 } instances || instances[0] is not JsonObject instance)
        {
            throw new FakeServiceError(400, "* PredictLongRunningRequest.instances: exactly one instance is required.");
        }

        var prompt = instance["prompt"] is JsonValue p && p.TryGetValue<string>(out var text) ? text : null;
        if (string.IsNullOrWhiteSpace(prompt))
        {
            throw new FakeServiceError(400, "A prompt is required.");
        }

        var parameters = body["parameters"] as JsonObject ?? [];
        var seconds = FakeGeminiFields.Integer(parameters["durationSeconds"]) ?? 8;
        if (seconds is not (4 or 6 or 8))
        {
            throw new FakeServiceError(400, string.Create(CultureInfo.InvariantCulture, $"The number value for `durationSeconds` is out of bound. Please provide a value between 4 and 8, inclusive, and one of 4, 6 or 8 (got {seconds})."));
        }

        var aspect = FakeGeminiFields.Text(parameters["aspectRatio"]) ?? "16:9";
        if (aspect is not ("16:9" or "9:16"))
        {
            throw new FakeServiceError(400, $"Aspect ratio '{aspect}' is not supported: use 16:9 or 9:16.");
        }

        var resolution = FakeGeminiFields.Text(parameters["resolution"]) ?? "720p";
        var (longSide, shortSide) = resolution switch
        {
            "720p" => (1280, 720),
            "1080p" => (1920, 1080),
            "4k" when !model.Contains("lite", StringComparison.Ordinal) => (3840, 2160),
            _ => throw new FakeServiceError(400, $"Resolution '{resolution}' is not supported by {model}."),
        };
        if (resolution != "720p" && seconds != 8)
        {
            throw new FakeServiceError(400, $"{resolution} videos must be 8 seconds long.");
        }

        var first = FakeGeminiFields.Image(instance["image"], "image");
        var last = FakeGeminiFields.Image(instance["lastFrame"], "lastFrame");
        if (last is not null && first is null)
        {
            throw new FakeServiceError(400, "lastFrame requires image (the first frame).");
        }

        var (width, height) = aspect == "16:9" ? (longSide, shortSide) : (shortSide, longSide);
        var fault = context.Items[FakeFaultMiddleware.JobFaultItem] as FakeFault;
        var job = jobs.Create(model, prompt, width, height, seconds, first, last, fault);
        return new JsonObject { ["name"] = $"models/{model}/operations/{job.Id}" };
    }

    private FakeJobBook.Job Find(string id, string path)
    {
        var job = jobs.Find(id);
        var name = path.Trim('/')["v1beta/".Length..];
        return job is not null && name == $"models/{job.Model}/operations/{job.Id}"
            ? jobs.Poll(job)
            : throw new FakeServiceError(404, $"Operation {name} not found.");
    }

    private JsonObject Operation(FakeJobBook.Job job)
    {
        var operation = new JsonObject { ["name"] = $"models/{job.Model}/operations/{job.Id}" };
        switch (job.Phase)
        {
            case FakeJobPhase.Succeeded:
                operation["done"] = true;
                operation["response"] = Response(new JsonObject
                {
                    ["generatedSamples"] = new JsonArray(new JsonObject
                    {
                        ["video"] = new JsonObject { ["uri"] = new Uri(Root, $"v1beta/files/{job.Id}:download?alt=media").ToString() },
                    }),
                });
                break;
            case FakeJobPhase.Filtered:
                operation["done"] = true;
                operation["response"] = Response(new JsonObject
                {
                    ["raiMediaFilteredCount"] = 1,
                    ["raiMediaFilteredReasons"] = new JsonArray(job.Fault?.Message ?? "filtered"),
                });
                break;
            case FakeJobPhase.Failed:
                operation["done"] = true;
                operation["error"] = new JsonObject { ["code"] = 13, ["message"] = job.Fault?.Message ?? "Internal error." };
                break;
        }

        return operation;
    }

    private static JsonObject Response(JsonObject generateVideoResponse) => new()
    {
        ["@type"] = "type.googleapis.com/google.ai.generativelanguage.v1beta.PredictLongRunningResponse",
        ["generateVideoResponse"] = generateVideoResponse,
    };

    private void Download(HttpContext context, string fileId)
    {
        var job = jobs.Find(fileId);
        var now = options.TimeProvider.GetUtcNow();
        if (job is not { Phase: FakeJobPhase.Succeeded, CompletedAt: { } completed } || now >= completed + FileLifetime)
        {
            throw new FakeServiceError(404, $"File files/{fileId} does not exist or has been deleted.");
        }

        // Signed storage URLs are short-lived; never past the file's own end.
        var expires = completed + FileLifetime < now + TimeSpan.FromHours(1) ? completed + FileLifetime : now + TimeSpan.FromHours(1);
        var url = downloads.Publish(token => media.GetAsync("video", job.Width, job.Height, job.Seconds, token), expires);
        context.Response.StatusCode = 302;
        context.Response.Headers.Location = url.ToString();
    }

    internal static async Task WriteJsonAsync(HttpContext context, int status, JsonNode body)
    {
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=UTF-8";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes).ConfigureAwait(false);
    }
}