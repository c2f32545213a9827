using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

using Microsoft.AspNetCore.Http;

using Recreation.Testing.FakeVideosApi;

namespace Recreation.Testing.FakeProviders;

/// <summary>
/// fal's queue as <see cref="FakeFalServer"/> serves it, written from fal's queue docs (December
/// 2026): <c>POST /{model id}</c> (any depth of slashes) queues the model's input JSON and answers
/// <c>{request_id, status_url, response_url, cancel_url}</c>; <c>GET /{owner}/{app}/requests/{id}/status</c>
/// answers 202 with <c>IN_QUEUE</c> (and a position) or <c>IN_PROGRESS</c>, 200 with <c>COMPLETED</c>;
/// <c>GET /{owner}/{app}/requests/{id}</c> gives <c>{"video": {"url"}}</c> (a fresh expiring URL on the
/// download host each time), or 422 with <c>detail[]</c> when the job failed
/// (<c>content_policy_violation</c> when filtered); <c>PUT …/cancel</c> answers 202
/// <c>CANCELLATION_REQUESTED</c>, 400 <c>ALREADY_COMPLETED</c> or 404. Every call needs
/// <c>Authorization: Key</c>. Inputs are checked the way Kling 2.1 on fal checks them (prompt text,
/// <c>duration</c> "5" or "10" as text, <c>aspect_ratio</c> 16:9, 9:16 or 1:1, image fields as image
/// data URIs) for the Kling ids; any other model id takes any object with a <c>prompt</c>. Guessed:
/// the error bodies' exact words, and that the fake only takes data URIs (fal also fetches URLs).
/// </summary>
internal sealed class FakeFalService(FakeProviderOptions options, string apiKey, FakeJobBook jobs, FakeDownloadHost downloads, FakeMediaCache media)
{
    private readonly Lock _gate = new();
    private readonly List<FakeFalSubmission> _submissions = [];

    private TimeSpan UrlLifetime => options.OutputLifetime ?? TimeSpan.FromHours(24);

    public IReadOnlyList<FakeFalSubmission> Submissions
    {
        get
        {
            lock (_gate)
            {
                return _submissions.ToArray();
            }
        }
    }

    public static (FakeEndpoint Endpoint, string? Id) Classify(string method, string path)
    {
        var parts = path.Trim('/').Split('/');
        return (method, parts) switch
        {
            ("GET", [_, _, "requests", var id, "status"]) => (FakeEndpoint.Retrieve, id),
            ("GET", [_, _, "requests", var id]) => (FakeEndpoint.Content, id),
            ("PUT", [_, _, "requests", var id, "cancel"]) => (FakeEndpoint.Delete, id),
            ("POST", { Length: >= 2 }) when !parts.Contains("requests") => (FakeEndpoint.Create, null),
            _ => (FakeEndpoint.Unknown, null),
        };
    }

    public Task WriteFaultAsync(HttpContext context, FakeFault fault) =>
        WriteJsonAsync(context, fault.StatusCode, new JsonObject { ["detail"] = fault.Message ?? "Internal Server Error" });

    public static string Status(FakeJobBook.Job job) => job.Phase switch
    {
        FakeJobPhase.Queued => "IN_QUEUE",
        FakeJobPhase.Running => "IN_PROGRESS",
        _ => "COMPLETED",
    };

    /// <summary>fal bills a request that made a video; a failed or cancelled one is not billed (guessed).</summary>
    public static bool Billed(FakeJobBook.Job job) => job.Ending == FakeJobPhase.Succeeded && job.Phase != FakeJobPhase.Cancelled;

    public async Task HandleAsync(HttpContext context)
    {
        try
        {
            var authorization = context.Request.Headers.Authorization.FirstOrDefault();
            if (authorization is null || !authorization.StartsWith("Key ", StringComparison.Ordinal))
            {
                throw new FakeServiceError(401, "No key was provided. Set the Authorization header to 'Key <your key>'.");
            }

            if (!string.Equals(authorization["Key ".Length..], apiKey, StringComparison.Ordinal))
            {
                throw new FakeServiceError(401, "The key is invalid.");
            }

            var path = (context.Request.Path.Value ?? "/").Trim('/');
            var (endpoint, id) = Classify(context.Request.Method, "/" + path);
            switch (endpoint)
            {
                case FakeEndpoint.Create:
                    await WriteJsonAsync(context, 200, await CreateAsync(context, path).ConfigureAwait(false)).ConfigureAwait(false);
                    return;
                case FakeEndpoint.Retrieve:
                    var job = Find(path, id!, poll: true);
                    await WriteJsonAsync(context, job.Phase is FakeJobPhase.Queued or FakeJobPhase.Running ? 202 : 200, StatusBody(context, path, job)).ConfigureAwait(false);
                    return;
                case FakeEndpoint.Content:
                    await WriteResultAsync(context, Find(path, id!, poll: false)).ConfigureAwait(false);
                    return;
                case FakeEndpoint.Delete:
                    var cancelled = Find(path, id!, poll: false);
                    if (cancelled.Phase is not (FakeJobPhase.Queued or FakeJobPhase.Running))
                    {
                        throw new FakeServiceError(400, "ALREADY_COMPLETED");
                    }

                    jobs.Cancel(cancelled);
                    await WriteJsonAsync(context, 202, new JsonObject { ["status"] = "CANCELLATION_REQUESTED" }).ConfigureAwait(false);
                    return;
                default:
                    throw new FakeServiceError(404, $"Not found: {context.Request.Method} {context.Request.Path}.");
            }
        }
        catch (FakeServiceError error)
        {
            JsonNode detail = error.Code is null
                ? JsonValue.Create(error.Message)!
                : new JsonArray(new JsonObject { ["loc"] = new JsonArray("body"), ["msg"] = error.Message, ["type"] = error.Code });
            await WriteJsonAsync(context, error.StatusCode, new JsonObject { ["detail"] = detail }).ConfigureAwait(false);
        }
    }

    private async Task<JsonObject> CreateAsync(HttpContext context, string modelId)
    {
        JsonObject body;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false) as JsonObject
                ?? throw new FakeServiceError(422, "Input should be a valid dictionary", "dict_type");
        }
        catch (JsonException)
        {
            throw new FakeServiceError(400, "The body is not valid JSON.");
        }

        var kling = modelId.StartsWith("fal-ai/kling-video/", StringComparison.Ordinal);
        var prompt = body["prompt"] is JsonValue p && p.TryGetValue<string>(out var text) && text.Length > 0
            ? text
            : throw new FakeServiceError(422, "Field required: prompt (text)", "missing");
        var seconds = Seconds(body["duration"], kling);
        var (width, height) = (1280, 720);
        if (body["aspect_ratio"] is { } ratioNode)
        {
            (width, height) = (ratioNode as JsonValue)?.TryGetValue<string>(out var ratio) == true ? ratio switch
            {
                "16:9" => (1280, 720),
                "9:16" => (720, 1280),
                "1:1" => (720, 720),
                _ => throw new FakeServiceError(422, "Input should be '16:9', '9:16' or '1:1'", "literal_error"),
            } : throw new FakeServiceError(422, "aspect_ratio: Input should be a valid string", "string_type");
        }

        FakeInputImage? first = null;
        foreach (var (key, value) in body.ToArray())
        {
            if (key.EndsWith("image_url", StringComparison.Ordinal))
            {
                var image = DataUri(value, key);
                first ??= image;
                (width, height) = (image.Width, image.Height);
            }
        }

        if (kling && modelId.EndsWith("/image-to-video", StringComparison.Ordinal) && body["image_url"] is null)
        {
            throw new FakeServiceError(422, "Field required: image_url", "missing");
        }

        var job = jobs.Create(modelId, prompt, width, height, seconds, first, null, context.Items[FakeFaultMiddleware.JobFaultItem] as FakeFault);
        lock (_gate)
        {
            _submissions.Add(new FakeFalSubmission(job.Id, modelId, JsonNode.Parse(body.ToJsonString())!.AsObject()));
        }

        var app = string.Join('/', modelId.Split('/').Take(2));
        var root = $"{context.Request.Scheme}://{context.Request.Host}/{app}/requests/{job.Id}";
        return new JsonObject
        {
            ["request_id"] = job.Id,
            ["response_url"] = root,
            ["status_url"] = root + "/status",
            ["cancel_url"] = root + "/cancel",
        };
    }

    private static int Seconds(JsonNode? node, bool kling)
    {
        switch (node)
        {
            case null:
                return 5;
            case JsonValue v when v.TryGetValue<string>(out var text):
                var digits = text.EndsWith('s') && !kling ? text[..^1] : text;
                if (int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var s) && (!kling || s is 5 or 10))
                {
                    return s;
                }

                throw new FakeServiceError(422, "duration: Input should be '5' or '10'", "literal_error");
            case JsonValue v when !kling && v.TryGetValue<int>(out var n) && n > 0:
                return n;
            default:
                throw new FakeServiceError(422, "duration: Input should be a valid string", "string_type");
        }
    }

    private static FakeInputImage DataUri(JsonNode? node, string field)
    {
        var uri = (node as JsonValue)?.TryGetValue<string>(out var text) == true ? text : throw new FakeServiceError(422, $"{field}: Input should be a valid string", "string_type");
        if (!uri.StartsWith("data:", StringComparison.Ordinal))
        {
            throw new FakeServiceError(422, $"{field}: the fake takes only data URIs (it does not fetch URLs)", "value_error");
        }

        var comma = uri.IndexOf(',', StringComparison.Ordinal);
        var head = comma > 0 ? uri[5..comma] : "";
        if (!head.EndsWith(";base64", StringComparison.Ordinal) || head[..^7] is not ("image/png" or "image/jpeg" or "image/webp"))
        {
            throw new FakeServiceError(422, $"{field}: must be a base64 data URI of a PNG, JPEG or WebP image", "value_error");
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(uri[(comma + 1)..]);
        }
        catch (FormatException)
        {
            throw new FakeServiceError(422, $"{field}: not valid base64", "value_error");
        }

        var image = ImageHeader.TryRead(bytes) ?? throw new FakeServiceError(422, $"{field}: could not be decoded as an image", "value_error");
        return new FakeInputImage(image.Format, image.Width, image.Height, bytes.Length, "data-uri", null, head[..^7]);
    }

    private FakeJobBook.Job Find(string path, string id, bool poll)
    {
        var app = string.Join('/', path.Split('/').Take(2));
        var job = jobs.Find(id);
        if (job is null || string.Join('/', job.Model.Split('/').Take(2)) != app)
        {
            throw new FakeServiceError(404, "Request not found.");
        }

        return poll ? jobs.Poll(job) : job;
    }

    private static JsonObject StatusBody(HttpContext context, string path, FakeJobBook.Job job)
    {
        var body = new JsonObject
        {
            ["status"] = Status(job),
            ["response_url"] = $"{context.Request.Scheme}://{context.Request.Host}/{path[..path.LastIndexOf('/')]}",
        };
        if (job.Phase == FakeJobPhase.Queued)
        {
            body["queue_position"] = 0;
        }

        return body;
    }

    private async Task WriteResultAsync(HttpContext context, FakeJobBook.Job job)
    {
        switch (job.Phase)
        {
            case FakeJobPhase.Queued or FakeJobPhase.Running:
                throw new FakeServiceError(400, "Request is still in progress");
            case FakeJobPhase.Cancelled:
                throw new FakeServiceError(400, "Request was cancelled");
            case FakeJobPhase.Filtered:
                throw new FakeServiceError(422, job.Fault?.Message ?? "The content could not be processed because it contained material flagged by a content checker.", "content_policy_violation");
            case FakeJobPhase.Failed:
                throw new FakeServiceError(422, job.Fault?.Message ?? "The model failed to generate a video.", job.Fault?.ErrorCode ?? "generation_error");
        }

        var url = downloads.Publish(token => media.GetAsync("video", job.Width, job.Height, job.Seconds, token), options.TimeProvider.GetUtcNow() + UrlLifetime);
        await WriteJsonAsync(context, 200, new JsonObject
        {
            ["video"] = new JsonObject { ["url"] = url.ToString(), ["content_type"] = "video/mp4", ["file_name"] = "output.mp4" },
        }).ConfigureAwait(false);
    }

    private static async Task WriteJsonAsync(HttpContext context, int status, JsonNode body)
    {
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes).ConfigureAwait(false);
    }
}