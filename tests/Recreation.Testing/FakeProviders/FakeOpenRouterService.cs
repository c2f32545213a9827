using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

using Microsoft.AspNetCore.Http;

using Recreation.Testing.FakeVideosApi;

namespace Recreation.Testing.FakeProviders;

/// <summary>
/// OpenRouter's video API as <see cref="FakeOpenRouterServer"/> serves it under <c>/api/v1</c>, written
/// from OpenRouter's OpenAPI and guides (December 2026): <c>POST /videos</c> answers 202
/// <c>{id, polling_url, status: "pending"}</c>; <c>GET /videos/{id}</c> answers <c>pending</c>,
/// <c>in_progress</c>, then <c>completed</c> (with <c>generation_id</c>, <c>unsigned_urls</c> naming
/// the content endpoint, <c>usage.cost</c>), <c>failed</c> (with <c>error</c>), <c>cancelled</c> or
/// <c>expired</c> (once the output's lifetime has passed); <c>GET /videos/{id}/content?index=0</c> gives
/// the MP4; <c>GET /videos/models</c> lists the models. Errors are <c>{"error": {"code", "message"}}</c>.
/// Every call but the model list needs <c>Authorization: Bearer</c>. Inputs are checked as OpenRouter
/// documents them (<see cref="FakeOpenRouterInputs"/>). Guessed: the error words; that the
/// content endpoint redirects (302) to a signed, expiring URL on a storage host, as the
/// openrouter-video skill's <c>curl -L</c> suggests (with <see cref="ContentRedirects"/> off it streams
/// the bytes itself, as the API reference describes); that a job whose output is past its lifetime
/// reads <c>expired</c> and its content 404; that only data URLs are taken (the fake fetches nothing).
/// Models it does not know take any of OpenRouter's documented values.
/// </summary>
internal sealed class FakeOpenRouterService(FakeProviderOptions options, string apiKey, FakeJobBook jobs, FakeDownloadHost downloads, FakeMediaCache media)
{
    public const string Prefix = "/api/v1";

    private readonly Lock _gate = new();
    private readonly List<FakeOpenRouterSubmission> _submissions = [];
    private readonly HashSet<string> _expired = [];

    /// <summary>When true (the default), the content endpoint answers 302 to the download host; when false it streams the video itself.</summary>
    public bool ContentRedirects { get; set; } = true;

    private TimeSpan OutputLifetime => options.OutputLifetime ?? TimeSpan.FromHours(24);

    public IReadOnlyList<FakeOpenRouterSubmission> Submissions
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
        if (!path.StartsWith(Prefix + "/", StringComparison.Ordinal))
        {
            return (FakeEndpoint.Unknown, null);
        }

        var parts = path[Prefix.Length..].Trim('/').Split('/');
        return (method, parts) switch
        {
            ("POST", ["videos"]) => (FakeEndpoint.Create, null),
            ("GET", ["videos", "models"]) => (FakeEndpoint.Models, null),
            ("GET", ["videos", var id]) => (FakeEndpoint.Retrieve, id),
            ("GET", ["videos", var id, "content"]) => (FakeEndpoint.Content, id),
            _ => (FakeEndpoint.Unknown, null),
        };
    }

    public Task WriteFaultAsync(HttpContext context, FakeFault fault) =>
        WriteErrorAsync(context, fault.StatusCode, fault.Message ?? (fault.StatusCode == 429 ? "Rate limit exceeded" : "Internal Server Error"));

    public string Status(FakeJobBook.Job job) => job.Phase switch
    {
        FakeJobPhase.Queued => "pending",
        FakeJobPhase.Running => "in_progress",
        FakeJobPhase.Succeeded when IsExpired(job) => "expired",
        FakeJobPhase.Succeeded => "completed",
        FakeJobPhase.Cancelled => "cancelled",
        _ => "failed",
    };

    /// <summary>A job that made a video is billed; a failed one is not (guessed).</summary>
    public static bool Billed(FakeJobBook.Job job) => job.Ending == FakeJobPhase.Succeeded && job.Phase != FakeJobPhase.Cancelled;

    /// <summary>Makes every finished job's output expire now.</summary>
    public void ExpireAll()
    {
        lock (_gate)
        {
            foreach (var job in jobs.Snapshot(_ => "", _ => false))
            {
                _expired.Add(job.Id);
            }
        }
    }

    public async Task HandleAsync(HttpContext context)
    {
        try
        {
            var path = context.Request.Path.Value ?? "/";
            var (endpoint, id) = Classify(context.Request.Method, path);
            if (endpoint != FakeEndpoint.Models)
            {
                Authorize(context.Request.Headers.Authorization.FirstOrDefault());
            }

            switch (endpoint)
            {
                case FakeEndpoint.Create:
                    await WriteJsonAsync(context, 202, await CreateAsync(context).ConfigureAwait(false)).ConfigureAwait(false);
                    return;
                case FakeEndpoint.Models:
                    await WriteJsonAsync(context, 200, ModelList()).ConfigureAwait(false);
                    return;
                case FakeEndpoint.Retrieve:
                    await WriteJsonAsync(context, 200, JobBody(context, jobs.Poll(Find(id!)))).ConfigureAwait(false);
                    return;
                case FakeEndpoint.Content:
                    await WriteContentAsync(context, Find(id!)).ConfigureAwait(false);
                    return;
                default:
                    throw new FakeServiceError(404, "Resource not found");
            }
        }
        catch (FakeServiceError error)
        {
            await WriteErrorAsync(context, error.StatusCode, error.Message).ConfigureAwait(false);
        }
    }

    private void Authorize(string? authorization)
    {
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            throw new FakeServiceError(401, "Missing Authentication header");
        }

        if (!string.Equals(authorization["Bearer ".Length..], apiKey, StringComparison.Ordinal))
        {
            throw new FakeServiceError(401, "User not found.");
        }
    }

    private async Task<JsonObject> CreateAsync(HttpContext context)
    {
        JsonObject body;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false) as JsonObject
                ?? throw new FakeServiceError(400, "Invalid request parameters: the body must be a JSON object");
        }
        catch (JsonException)
        {
            throw new FakeServiceError(400, "Invalid request parameters: malformed JSON");
        }

        var (modelId, prompt, seconds, (width, height), first) = FakeOpenRouterInputs.Check(body);
        var job = jobs.Create(modelId, prompt, width, height, seconds, first, null, context.Items[FakeFaultMiddleware.JobFaultItem] as FakeFault);
        lock (_gate)
        {
            _submissions.Add(new FakeOpenRouterSubmission(job.Id, modelId, JsonNode.Parse(body.ToJsonString())!.AsObject()));
        }

        return new JsonObject { ["id"] = job.Id, ["polling_url"] = $"{Prefix}/videos/{job.Id}", ["status"] = "pending" };
    }

    private FakeJobBook.Job Find(string id) =>
        jobs.Find(id) ?? throw new FakeServiceError(404, "Resource not found");

    private bool IsExpired(FakeJobBook.Job job)
    {
        lock (_gate)
        {
            return _expired.Contains(job.Id) || (job.CompletedAt is { } done && options.TimeProvider.GetUtcNow() >= done + OutputLifetime);
        }
    }

    private JsonObject JobBody(HttpContext context, FakeJobBook.Job job)
    {
        var body = new JsonObject { ["id"] = job.Id, ["polling_url"] = $"{Prefix}/videos/{job.Id}", ["status"] = Status(job) };
        switch (Status(job))
        {
            case "completed":
                body["generation_id"] = $"gen-{job.Id}";
                body["unsigned_urls"] = new JsonArray($"{context.Request.Scheme}://{context.Request.Host}{Prefix}/videos/{job.Id}/content?index=0");
                var rate = FakeOpenRouterModel.Known.FirstOrDefault(m => m.Id == job.Model)?.UsdPerSecond ?? 0.1m;
                body["usage"] = new JsonObject { ["cost"] = rate * job.Seconds, ["is_byok"] = false };
                break;
            case "failed":
                body["error"] = job.Fault?.Message ?? (job.Phase == FakeJobPhase.Filtered ? "Content policy violation" : "Video generation failed");
                break;
            case "expired":
                body["error"] = "Job exceeded maximum time to live";
                break;
            case "cancelled":
                body["error"] = "Job was cancelled";
                break;
        }

        return body;
    }

    private async Task WriteContentAsync(HttpContext context, FakeJobBook.Job job)
    {
        if (job.Phase != FakeJobPhase.Succeeded)
        {
            throw new FakeServiceError(job.Phase is FakeJobPhase.Queued or FakeJobPhase.Running ? 400 : 404, "Video content is not available for this job");
        }

        if (IsExpired(job))
        {
            throw new FakeServiceError(404, "Video content has expired");
        }

        if (context.Request.Query["index"] is { Count: > 0 } index && index[0] != "0")
        {
            throw new FakeServiceError(404, "Resource not found");
        }

        Task<string> Render(CancellationToken token) => media.GetAsync("video", job.Width, job.Height, job.Seconds, token);
        if (ContentRedirects)
        {
            var url = downloads.Publish(Render, options.TimeProvider.GetUtcNow() + TimeSpan.FromMinutes(10));
            context.Response.StatusCode = 302;
            context.Response.Headers.Location = url.ToString();
            context.Response.ContentLength = 0;
            return;
        }

        var bytes = await File.ReadAllBytesAsync(await Render(context.RequestAborted).ConfigureAwait(false), context.RequestAborted).ConfigureAwait(false);
        context.Response.StatusCode = 200;
        context.Response.ContentType = "video/mp4";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
    }

    private static JsonObject ModelList() => new()
    {
        ["data"] = new JsonArray(FakeOpenRouterModel.Known.Select(m => (JsonNode)new JsonObject
        {
            ["id"] = m.Id,
            ["canonical_slug"] = m.Id,
            ["name"] = m.Id,
            ["created"] = 1_760_000_000,
            ["supported_durations"] = new JsonArray(m.Durations.Select(d => (JsonNode)d).ToArray()),
            ["supported_resolutions"] = new JsonArray(m.Resolutions.Select(r => (JsonNode)r).ToArray()),
            ["supported_aspect_ratios"] = new JsonArray(m.AspectRatios.Select(r => (JsonNode)r).ToArray()),
            ["supported_sizes"] = null,
            ["supported_frame_images"] = new JsonArray(m.FrameImages.Select(f => (JsonNode)f).ToArray()),
            ["generate_audio"] = true,
            ["seed"] = true,
            ["pricing_skus"] = new JsonObject { ["per-video-second"] = m.UsdPerSecond.ToString(CultureInfo.InvariantCulture) },
            ["allowed_passthrough_parameters"] = new JsonArray(),
        }).ToArray()),
    };

    private static Task WriteErrorAsync(HttpContext context, int status, string message) =>
        WriteJsonAsync(context, status, new JsonObject { ["error"] = new JsonObject { ["code"] = status, ["message"] = message } });

    private static async Task WriteJsonAsync(HttpContext context, int status, JsonNode body)
    {
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes).ConfigureAwait(false);
    }
}