using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

using Microsoft.AspNetCore.Http;

using Recreation.Testing.FakeVideosApi;

namespace Recreation.Testing.FakeProviders;

/// <summary>
/// The Runway API's task routes as <see cref="FakeRunwayServer"/> serves them, written from Runway's
/// API reference and runwayml/sdk-python (December 2026): <c>POST /v1/image_to_video</c> and
/// <c>/v1/text_to_video</c> checked per model (ratio, duration, required image, last frame, data
/// URI up to 5 MB, image aspect 0.5–2, prompt up to 1000 characters), <c>GET /v1/tasks/{id}</c>
/// (PENDING, THROTTLED while <see cref="FakeProviderOptions.ConcurrencyLimit"/> tasks run, RUNNING
/// with progress, SUCCEEDED with a fresh signed URL on every GET, FAILED with a failure code,
/// CANCELLED), <c>DELETE /v1/tasks/{id}</c>, and <c>GET /v1/organization</c>. Every call needs
/// <c>Authorization: Bearer</c> and <c>X-Runway-Version: 2024-11-06</c>. Guessed: the error bodies
/// (<c>{"error": …}</c>), that only image data URIs are accepted here (a real service also fetches
/// https URLs), and that SAFETY.INPUT failures are billed while other failures and cancels are not.
/// </summary>
internal sealed class FakeRunwayService(FakeProviderOptions options, string apiKey, FakeJobBook jobs, FakeDownloadHost downloads, FakeMediaCache media)
{
    public const string Version = "2024-11-06";
    public const int MaxDataUriLength = 5 * 1024 * 1024;

    private TimeSpan UrlLifetime => options.OutputLifetime ?? TimeSpan.FromHours(24);

    public static (FakeEndpoint Endpoint, string? Id) Classify(string method, string path)
    {
        var parts = path.Trim('/').Split('/');
        return (method, parts) switch
        {
            ("POST", ["v1", "image_to_video" or "text_to_video"]) => (FakeEndpoint.Create, parts[1]),
            ("GET", ["v1", "tasks", var id]) => (FakeEndpoint.Retrieve, id),
            ("DELETE", ["v1", "tasks", var id]) => (FakeEndpoint.Delete, id),
            ("GET", ["v1", "organization"]) => (FakeEndpoint.Models, null),
            _ => (FakeEndpoint.Unknown, null),
        };
    }

    public Task WriteFaultAsync(HttpContext context, FakeFault fault) =>
        WriteJsonAsync(context, fault.StatusCode, new JsonObject { ["error"] = fault.Message ?? "Error." });

    public string Status(FakeJobBook.Job job) => job.Phase switch
    {
        FakeJobPhase.Queued => job.Throttled ? "THROTTLED" : "PENDING",
        FakeJobPhase.Running => "RUNNING",
        FakeJobPhase.Succeeded => "SUCCEEDED",
        FakeJobPhase.Cancelled => "CANCELLED",
        _ => "FAILED",
    };

    public static bool Billed(FakeJobBook.Job job) =>
        job.Ending == FakeJobPhase.Succeeded && job.Phase != FakeJobPhase.Cancelled
        || job.Ending is FakeJobPhase.Failed or FakeJobPhase.Filtered && job.Fault?.ErrorCode?.StartsWith("SAFETY.INPUT", StringComparison.Ordinal) == true;

    public async Task HandleAsync(HttpContext context)
    {
        try
        {
            var authorization = context.Request.Headers.Authorization.FirstOrDefault();
            if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.Ordinal))
            {
                throw new FakeServiceError(401, "No API key was provided. Set the Authorization header to 'Bearer <your key>'.");
            }

            if (!string.Equals(authorization["Bearer ".Length..], apiKey, StringComparison.Ordinal))
            {
                throw new FakeServiceError(401, "The API key provided is invalid or has been disabled.");
            }

            var version = context.Request.Headers["X-Runway-Version"].FirstOrDefault();
            if (version != Version)
            {
                throw new FakeServiceError(400, version is null
                    ? "The X-Runway-Version header is required."
                    : $"API version '{version}' is not supported. Set X-Runway-Version to {Version}.");
            }

            var (endpoint, id) = Classify(context.Request.Method, context.Request.Path.Value ?? "/");
            switch (endpoint)
            {
                case FakeEndpoint.Create:
                    await WriteJsonAsync(context, 200, await CreateAsync(context, id == "image_to_video").ConfigureAwait(false)).ConfigureAwait(false);
                    return;
                case FakeEndpoint.Retrieve:
                    await WriteJsonAsync(context, 200, Task(Find(id!, poll: true))).ConfigureAwait(false);
                    return;
                case FakeEndpoint.Delete:
                    jobs.Cancel(Find(id!, poll: false));
                    context.Response.StatusCode = 204;
                    return;
                case FakeEndpoint.Models:
                    await WriteJsonAsync(context, 200, new JsonObject { ["creditBalance"] = 100_000, ["tier"] = new JsonObject { ["maxMonthlyCreditSpend"] = 10_000 } }).ConfigureAwait(false);
                    return;
                default:
                    throw new FakeServiceError(404, $"Not found: {context.Request.Method} {context.Request.Path}.");
            }
        }
        catch (FakeServiceError error)
        {
            await WriteJsonAsync(context, error.StatusCode, new JsonObject { ["error"] = error.Message }).ConfigureAwait(false);
        }
    }

    private async Task<JsonObject> CreateAsync(HttpContext context, bool imageToVideo)
    {
        JsonObject body;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false) as JsonObject
                ?? throw new FakeServiceError(400, "The body must be a JSON object.");
        }
        catch (JsonException)
        {
            throw new FakeServiceError(400, "The body is not valid JSON.");
        }

        var name = Text(body["model"]) ?? throw new FakeServiceError(400, "Validation of body failed: model is required.");
        var model = FakeRunwayModel.All.FirstOrDefault(m => m.Name == name)
            ?? throw new FakeServiceError(400, $"Validation of body failed: model '{name}' is not a valid option.");
        var ratios = imageToVideo ? model.ImageRatios : model.TextRatios;
        if (ratios.Length == 0)
        {
            throw new FakeServiceError(400, $"Validation of body failed: {name} is not available for {(imageToVideo ? "image" : "text")}_to_video.");
        }

        var prompt = Text(body["promptText"]);
        if (prompt is not null && (prompt.Length == 0 || prompt.Length > 1000))
        {
            throw new FakeServiceError(400, "Validation of body failed: promptText must be 1 to 1000 characters.");
        }

        if (prompt is null && (!imageToVideo || name == "gen4.5"))
        {
            throw new FakeServiceError(400, "Validation of body failed: promptText is required.");
        }

        var ratio = Text(body["ratio"]) ?? throw new FakeServiceError(400, "Validation of body failed: ratio is required.");
        if (!ratios.Contains(ratio))
        {
            throw new FakeServiceError(400, $"Validation of body failed: ratio must be one of {string.Join(", ", ratios)} for {name}.");
        }

        var seconds = body["duration"] switch
        {
            null => model.DefaultDuration,
            JsonValue v when v.TryGetValue<int>(out var d) => d,
            _ => throw new FakeServiceError(400, "Validation of body failed: duration must be an integer."),
        };
        if (!model.Durations.Contains(seconds))
        {
            throw new FakeServiceError(400, $"Validation of body failed: duration must be one of {string.Join(", ", model.Durations)} for {name}.");
        }

        FakeInputImage? first = null;
        FakeInputImage? last = null;
        if (imageToVideo)
        {
            (first, last) = PromptImages(body["promptImage"], model);
        }
        else if (body["promptImage"] is not null)
        {
            throw new FakeServiceError(400, "Validation of body failed: text_to_video takes no promptImage; use image_to_video.");
        }

        var parts = ratio.Split(':');
        var job = jobs.Create(name, prompt ?? "", int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture), seconds, first, last,
            context.Items[FakeFaultMiddleware.JobFaultItem] as FakeFault);
        return new JsonObject { ["id"] = job.Id };
    }

    private static (FakeInputImage? First, FakeInputImage? Last) PromptImages(JsonNode? node, FakeRunwayModel model)
    {
        switch (node)
        {
            case null:
                throw new FakeServiceError(400, $"Validation of body failed: promptImage is required for {model.Name}.");
            case JsonValue value when value.TryGetValue<string>(out var uri):
                return (DataUri(uri, "promptImage"), null);
            case JsonArray array:
                FakeInputImage? first = null;
                FakeInputImage? last = null;
                foreach (var item in array)
                {
                    var uri = Text(item?["uri"]) ?? throw new FakeServiceError(400, "Validation of body failed: promptImage[].uri is required.");
                    switch (Text(item?["position"]))
                    {
                        case "first" when first is null:
                            first = DataUri(uri, "promptImage[first]");
                            break;
                        case "last" when last is null && model.TakesLastFrame:
                            last = DataUri(uri, "promptImage[last]");
                            break;
                        case "last" when !model.TakesLastFrame:
                            throw new FakeServiceError(400, $"Validation of body failed: {model.Name} does not support a last frame.");
                        default:
                            throw new FakeServiceError(400, "Validation of body failed: promptImage[].position must be 'first' or 'last', each at most once.");
                    }
                }

                return first is not null
                    ? (first, last)
                    : throw new FakeServiceError(400, "Validation of body failed: generating with only a last frame is not supported.");
            default:
                throw new FakeServiceError(400, "Validation of body failed: promptImage must be a string or an array.");
        }
    }

    private static FakeInputImage DataUri(string uri, string field)
    {
        if (!uri.StartsWith("data:", StringComparison.Ordinal))
        {
            throw new FakeServiceError(400, $"Invalid asset: {field} must be a data URI here (the fake does not fetch URLs).");
        }

        if (uri.Length > MaxDataUriLength)
        {
            throw new FakeServiceError(400, $"Invalid asset: {field} is larger than 5MB as a data URI.");
        }

        var comma = uri.IndexOf(',', StringComparison.Ordinal);
        var head = comma > 0 ? uri[5..comma] : "";
        if (!head.EndsWith(";base64", StringComparison.Ordinal) || head[..^7] is not ("image/png" or "image/jpeg" or "image/webp"))
        {
            throw new FakeServiceError(400, $"Invalid asset: {field} must be a base64 data URI of a PNG, JPEG or WebP image.");
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(uri[(comma + 1)..]);
        }
        catch (FormatException)
        {
            throw new FakeServiceError(400, $"Invalid asset: {field} is not valid base64.");
        }

        var image = ImageHeader.TryRead(bytes) ?? throw new FakeServiceError(400, $"Invalid asset: {field} could not be decoded as an image.");
        var aspect = image.Width / (double)image.Height;
        if (aspect is < 0.5 or > 2)
        {
            throw new FakeServiceError(400, string.Create(CultureInfo.InvariantCulture, $"Invalid asset: {field} has an aspect ratio of {aspect:0.##}; it must be between 0.5 and 2."));
        }

        return new FakeInputImage(image.Format, image.Width, image.Height, bytes.Length, "data-uri", null, head[..^7]);
    }

    private FakeJobBook.Job Find(string id, bool poll)
    {
        var job = jobs.Find(id) ?? throw new FakeServiceError(404, "Task not found.");
        return poll ? jobs.Poll(job, blocked: jobs.Active(job) >= options.ConcurrencyLimit) : job;
    }

    private JsonObject Task(FakeJobBook.Job job)
    {
        var task = new JsonObject
        {
            ["id"] = job.Id,
            ["status"] = Status(job),
            ["createdAt"] = job.CreatedAt.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        };
        switch (job.Phase)
        {
            case FakeJobPhase.Running:
                task["progress"] = Math.Round(job.Progress, 2);
                break;
            case FakeJobPhase.Succeeded:
                var url = downloads.Publish(token => media.GetAsync("video", job.Width, job.Height, job.Seconds, token), options.TimeProvider.GetUtcNow() + UrlLifetime);
                task["output"] = new JsonArray(url.ToString());
                break;
            case FakeJobPhase.Failed or FakeJobPhase.Filtered:
                task["failure"] = job.Fault?.Message ?? "An unexpected error occurred.";
                task["failureCode"] = job.Fault?.ErrorCode ?? "INTERNAL";
                break;
        }

        return task;
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static async Task WriteJsonAsync(HttpContext context, int status, JsonNode body)
    {
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes).ConfigureAwait(false);
    }
}