using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

using Microsoft.AspNetCore.Http;

using Recreation.Testing.FakeVideosApi;

namespace Recreation.Testing.FakeProviders;

/// <summary>
/// Replicate's HTTP API as <see cref="FakeReplicateServer"/> serves it, written from Replicate's HTTP
/// reference (December 2026): <c>POST /v1/models/{owner}/{name}/predictions</c> and
/// <c>POST /v1/predictions</c> (with <c>version</c>) create a prediction from <c>{"input": …}</c> and
/// answer 201 with it (with <c>Prefer: wait</c> the job is moved on before answering);
/// <c>GET /v1/predictions/{id}</c> shows it (<c>starting</c>, <c>processing</c> with a progress bar in
/// <c>logs</c>, <c>succeeded</c> with <c>output</c> a URL — or a list of URLs when
/// <see cref="ListOutputs"/> — on the file host, <c>failed</c> with <c>error</c>, <c>(E005)</c> when
/// flagged, <c>canceled</c>); <c>POST …/cancel</c> cancels; <c>GET /v1/predictions</c> lists them newest
/// first, <see cref="PageSize"/> a page, with <c>next</c> holding an opaque cursor; <c>GET /v1/models/{owner}/{name}</c>
/// (and <c>…/versions/{id}</c>) and <c>GET /v1/account</c> answer for doctor. Errors are problem
/// details (<c>title</c>, <c>detail</c>, <c>status</c>; 422 with <c>invalid_fields</c>). Every call
/// needs <c>Authorization: Bearer</c> (or <c>Token</c>). An hour (<see cref="FakeProviderOptions.OutputLifetime"/>)
/// after a prediction ends its input and output are removed (<c>data_removed</c>) and its file URL
/// expires. Guessed: the error bodies' exact words, <c>invalid_fields</c>, the cursor format.
/// </summary>
internal sealed class FakeReplicateService(FakeProviderOptions options, string apiKey, FakeJobBook jobs, FakeDownloadHost downloads, FakeMediaCache media)
{
    private const string Flagged = "The input or output was flagged as sensitive. Please try again with different inputs. (E005)";

    private readonly Lock _gate = new();
    private readonly List<FakeReplicateSubmission> _submissions = [];
    private readonly Dictionary<string, Uri> _outputs = new(StringComparer.Ordinal);

    private TimeSpan Lifetime => options.OutputLifetime ?? TimeSpan.FromHours(1);

    /// <summary>Predictions per page of the list (Replicate: 100).</summary>
    public int PageSize { get; set; } = 100;

    /// <summary>Succeeded predictions show <c>output</c> as a list of URLs instead of one URL.</summary>
    public bool ListOutputs { get; set; }

    public IReadOnlyList<FakeReplicateSubmission> Submissions
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
            ("POST", ["v1", "models", _, _, "predictions"]) or ("POST", ["v1", "predictions"]) => (FakeEndpoint.Create, null),
            ("GET", ["v1", "predictions"]) => (FakeEndpoint.List, null),
            ("GET", ["v1", "predictions", var id]) => (FakeEndpoint.Retrieve, id),
            ("POST", ["v1", "predictions", var id, "cancel"]) => (FakeEndpoint.Delete, id),
            ("GET", ["v1", "models", ..]) or ("GET", ["v1", "account"]) => (FakeEndpoint.Models, null),
            _ => (FakeEndpoint.Unknown, null),
        };
    }

    public Task WriteFaultAsync(HttpContext context, FakeFault fault) =>
        WriteJsonAsync(context, fault.StatusCode, Problem(fault.StatusCode, fault.Message ?? "Internal Server Error", null));

    public static string Status(FakeJobBook.Job job) => job.Phase switch
    {
        FakeJobPhase.Queued => "starting",
        FakeJobPhase.Running => "processing",
        FakeJobPhase.Succeeded => "succeeded",
        FakeJobPhase.Cancelled => "canceled",
        _ => "failed",
    };

    /// <summary>Replicate bills a video model per second of output: a prediction that made a video (guessed: a failed or canceled one is not billed).</summary>
    public static bool Billed(FakeJobBook.Job job) => job.Phase == FakeJobPhase.Succeeded;

    public async Task HandleAsync(HttpContext context)
    {
        try
        {
            var authorization = context.Request.Headers.Authorization.ToString();
            var token = authorization.StartsWith("Bearer ", StringComparison.Ordinal) ? authorization[7..] : authorization.StartsWith("Token ", StringComparison.Ordinal) ? authorization[6..] : null;
            if (!string.Equals(token, apiKey, StringComparison.Ordinal))
            {
                throw new FakeServiceError(401, "You did not pass a valid authentication token", "Unauthenticated");
            }

            var path = context.Request.Path.Value ?? "/";
            var parts = path.Trim('/').Split('/');
            switch (Classify(context.Request.Method, path))
            {
                case (FakeEndpoint.Create, _):
                    var created = await CreateAsync(context, parts.Length == 5 ? $"{parts[2]}/{parts[3]}" : null).ConfigureAwait(false);
                    await WriteJsonAsync(context, 201, Describe(context, created)).ConfigureAwait(false);
                    return;
                case (FakeEndpoint.Retrieve, var id):
                    await WriteJsonAsync(context, 200, Describe(context, jobs.Poll(Find(id!)))).ConfigureAwait(false);
                    return;
                case (FakeEndpoint.Delete, var id):
                    var job = Find(id!);
                    if (job.Phase is FakeJobPhase.Queued or FakeJobPhase.Running)
                    {
                        jobs.Cancel(job);
                    }

                    await WriteJsonAsync(context, 200, Describe(context, job)).ConfigureAwait(false);
                    return;
                case (FakeEndpoint.List, _):
                    await WriteJsonAsync(context, 200, List(context)).ConfigureAwait(false);
                    return;
                case (FakeEndpoint.Models, _):
                    await WriteJsonAsync(context, 200, Lookup(parts)).ConfigureAwait(false);
                    return;
                default:
                    throw new FakeServiceError(404, $"Not found: {context.Request.Method} {path}.");
            }
        }
        catch (FakeServiceError error)
        {
            await WriteJsonAsync(context, error.StatusCode, Problem(error.StatusCode, error.Message, error.Code)).ConfigureAwait(false);
        }
    }

    private async Task<FakeJobBook.Job> CreateAsync(HttpContext context, string? byModel)
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

        string model;
        string? version = null;
        if (byModel is null)
        {
            version = (body["version"] as JsonValue)?.TryGetValue<string>(out var v) == true ? v : throw new FakeServiceError(422, "version is required", "version");
            model = FakeReplicateModels.ModelOfVersion(version) ?? throw new FakeServiceError(422, "Invalid version or not permitted", "version");
        }
        else
        {
            model = byModel;
        }

        var input = body["input"] as JsonObject ?? throw new FakeServiceError(422, "input is required and must be an object", "input");
        var clip = FakeReplicateModels.Check(model, input);
        var job = jobs.Create(model, clip.Prompt, clip.Width, clip.Height, clip.Seconds, clip.First, clip.Last, context.Items[FakeFaultMiddleware.JobFaultItem] as FakeFault);
        var prefer = context.Request.Headers["Prefer"].ToString();
        lock (_gate)
        {
            _submissions.Add(new FakeReplicateSubmission(job.Id, model, version, JsonNode.Parse(input.ToJsonString())!.AsObject(), prefer.Length == 0 ? null : prefer));
        }

        if (prefer.StartsWith("wait", StringComparison.Ordinal))
        {
            // Prefer: wait holds the answer until the prediction ends or the wait is up: here, as many polls as it needs.
            for (var i = 0; i < job.PollsNeeded && job.Phase is FakeJobPhase.Queued or FakeJobPhase.Running; i++)
            {
                jobs.Poll(job);
            }
        }

        return job;
    }

    private FakeJobBook.Job Find(string id) => jobs.Find(id) ?? throw new FakeServiceError(404, "Prediction not found", "Not found");

    private JsonObject Describe(HttpContext context, FakeJobBook.Job job)
    {
        var submission = Submissions.First(s => s.PredictionId == job.Id);
        var root = $"{context.Request.Scheme}://{context.Request.Host}/v1/predictions/{job.Id}";
        var removed = job.CompletedAt is { } ended && options.TimeProvider.GetUtcNow() >= ended + Lifetime;
        var body = new JsonObject
        {
            ["id"] = job.Id,
            ["model"] = job.Model,
            ["version"] = submission.Version ?? FakeReplicateModels.VersionOf(job.Model),
            ["input"] = removed ? null : JsonNode.Parse(submission.Input.ToJsonString()),
            ["logs"] = job.Phase == FakeJobPhase.Running ? string.Create(CultureInfo.InvariantCulture, $"Generating video...\n {job.Progress * 100:0}%|{new string('#', (int)(job.Progress * 10)),-10}| {(int)(job.Progress * 20)}/20") : "",
            ["output"] = null,
            ["data_removed"] = removed,
            ["error"] = job.Phase switch
            {
                FakeJobPhase.Filtered => job.Fault?.Message is { } m ? $"{m} (E005)" : Flagged,
                FakeJobPhase.Failed => job.Fault?.Message ?? "Prediction failed.",
                _ => null,
            },
            ["status"] = Status(job),
            ["created_at"] = job.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
            ["completed_at"] = job.CompletedAt?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
            ["source"] = "api",
            ["urls"] = new JsonObject { ["get"] = root, ["cancel"] = root + "/cancel", ["web"] = $"https://replicate.com/p/{job.Id}" },
        };
        if (job.Phase == FakeJobPhase.Succeeded && !removed)
        {
            var url = Output(job).ToString();
            body["output"] = ListOutputs ? new JsonArray(url) : JsonValue.Create(url);
            body["metrics"] = new JsonObject { ["predict_time"] = job.Seconds * 12.5 };
        }

        return body;
    }

    /// <summary>The prediction's one file URL, published when it is first shown, expiring <see cref="Lifetime"/> after the prediction ended.</summary>
    private Uri Output(FakeJobBook.Job job)
    {
        lock (_gate)
        {
            if (!_outputs.TryGetValue(job.Id, out var url))
            {
                url = downloads.Publish(token => media.GetAsync("video", job.Width, job.Height, job.Seconds, token), job.CompletedAt!.Value + Lifetime);
                _outputs[job.Id] = url;
            }

            return url;
        }
    }

    private JsonObject List(HttpContext context)
    {
        var all = jobs.Snapshot(_ => "", _ => false).Reverse().Select(j => j.Id).Where(id => jobs.Find(id) is not null).ToList();
        var start = 0;
        if (context.Request.Query["cursor"].ToString() is { Length: > 0 } cursor)
        {
            string after;
            try
            {
                after = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            }
            catch (FormatException)
            {
                throw new FakeServiceError(400, "Invalid cursor.");
            }

            start = all.IndexOf(after) + 1;
            if (start == 0)
            {
                throw new FakeServiceError(400, "Invalid cursor.");
            }
        }

        var page = all.Skip(start).Take(PageSize).ToList();
        var results = new JsonArray(page.Select(id => (JsonNode)Describe(context, jobs.Find(id)!)).ToArray());
        var more = start + page.Count < all.Count;
        var next = more ? $"{context.Request.Scheme}://{context.Request.Host}/v1/predictions?cursor={Uri.EscapeDataString(Convert.ToBase64String(Encoding.UTF8.GetBytes(page[^1])))}" : null;
        return new JsonObject { ["previous"] = null, ["next"] = next, ["results"] = results };
    }

    private JsonObject Lookup(string[] parts)
    {
        if (parts is ["v1", "account"])
        {
            return new JsonObject { ["type"] = "user", ["username"] = "fake-user", ["name"] = "Fake User" };
        }

        var name = parts.Length >= 4 ? $"{parts[2]}/{parts[3]}" : "";
        var known = FakeReplicateModels.Known.Contains(name) || Submissions.Any(s => s.Model == name);
        if (!known || (parts.Length == 6 && parts[4] == "versions" && parts[5] != FakeReplicateModels.VersionOf(name)) || parts.Length is not (4 or 6))
        {
            throw new FakeServiceError(404, "Not found", "Not found");
        }

        return new JsonObject { ["owner"] = parts[2], ["name"] = parts[3], ["latest_version"] = new JsonObject { ["id"] = FakeReplicateModels.VersionOf(name) } };
    }

    private static JsonObject Problem(int status, string message, string? code)
    {
        var problem = new JsonObject
        {
            ["title"] = status == 422 ? "Input validation failed" : code ?? (status >= 500 ? "Internal Server Error" : "Error"),
            ["detail"] = message,
            ["status"] = status,
        };
        if (status == 422 && code is not null)
        {
            problem["detail"] = $"- input.{code}: {message}";
            problem["invalid_fields"] = new JsonArray(new JsonObject { ["type"] = "invalid", ["field"] = code, ["description"] = message });
        }

        return problem;
    }

    private static async Task WriteJsonAsync(HttpContext context, int status, JsonNode body)
    {
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        context.Response.StatusCode = status;
        context.Response.ContentType = status >= 400 ? "application/problem+json" : "application/json";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes).ConfigureAwait(false);
    }
}