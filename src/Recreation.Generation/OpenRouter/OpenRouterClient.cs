using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

using Recreation.Core;
using Recreation.Generation.Http;
using Recreation.Media.Files;

namespace Recreation.Generation.OpenRouter;

/// <summary>
/// OpenRouter's video generation API (openrouter.ai/docs/api/api-reference/video-generation, its
/// OpenAPI of August 2026 and the openrouter-video skill): <c>POST {base}/videos</c> with
/// <c>{model, prompt, duration, resolution, aspect_ratio, size, frame_images, seed, …}</c> answers 202
/// <c>{id, polling_url, status: "pending"}</c>; <c>GET {base}/videos/{id}</c> answers the job
/// (<c>status</c>, <c>error</c>, <c>unsigned_urls</c>, <c>usage.cost</c>);
/// <c>GET {base}/videos/{id}/content?index=0</c> streams the video. Every call carries
/// <c>Authorization: Bearer</c>, to the API host only. The job is polled by its id, not through the
/// server-given <c>polling_url</c> (which may be relative), so the key never goes to a URL the server
/// chose. OpenRouter documents no idempotency key for a create, no list of jobs and no cancel
/// (webhook deliveries carry an idempotency header; create requests do not), so a create whose answer
/// was lost is in doubt and never resent on its own.
/// </summary>
public sealed partial class OpenRouterClient
{
    private readonly OpenRouterOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ServiceTransport _transport;

    /// <summary>Checks <paramref name="options"/> (throwing a fatal <see cref="RecreationException"/> listing every problem).</summary>
    public OpenRouterClient(HttpClient httpClient, OpenRouterOptions options, TimeProvider? timeProvider = null, ILogger<OpenRouterClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        options.ThrowIfInvalid();
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _transport = new ServiceTransport(httpClient, options, new OpenRouterDialect(options), _time, _logger);
    }

    /// <summary>Submits one job (<paramref name="body"/> with its <c>model</c>) and returns its id. Sent once: retried only when the failure proves no job exists; a lost answer throws an in-doubt <see cref="ServiceApiException"/>.</summary>
    public async Task<string> SubmitAsync(JsonObject body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        var model = body["model"] is JsonValue m && m.TryGetValue<string>(out var text) && text.Length > 0
            ? text
            : throw new ArgumentException("The request names no model.", nameof(body));
        var json = body.ToJsonString();
        var id = await _transport.SendAsync(
            $"submitting a video job to {model}",
            () => new HttpRequestMessage(HttpMethod.Post, _transport.Url("videos"))
            {
                Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
            },
            async (response, token) =>
            {
                using var document = await ServiceTransport.ReadJsonAsync(response, token).ConfigureAwait(false);
                return Text(document.RootElement, "id") is { } found && JobId().IsMatch(found)
                    ? found
                    : throw new FormatException("the accepted job has no usable 'id'");
            },
            cancellationToken,
            RetryMode.CreateOnce).ConfigureAwait(false);
        _logger.LogInformation("Submitted OpenRouter video job {JobId} for {Model}", id, model);
        return id;
    }

    public Task<OpenRouterJob> GetAsync(string jobId, CancellationToken cancellationToken = default)
    {
        CheckId(jobId);
        return _transport.SendAsync(
            $"checking video job {jobId}",
            () => ServiceTransport.Get(_transport.Url($"videos/{jobId}")),
            async (response, token) =>
            {
                using var document = await ServiceTransport.ReadJsonAsync(response, token).ConfigureAwait(false);
                return Read(document.RootElement, jobId);
            },
            cancellationToken);
    }

    /// <summary>
    /// Polls every <see cref="Providers.ProviderOptions.PollInterval"/> until the job ends (completed, failed,
    /// cancelled or expired). Past <see cref="Providers.ProviderOptions.JobDeadline"/> it throws a non-fatal
    /// <see cref="ServiceApiException"/>; the job goes on and can be awaited again.
    /// </summary>
    public async Task<OpenRouterJob> WaitAsync(string jobId, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        var deadline = _time.GetUtcNow() + _options.JobDeadline;
        var polls = 0;
        while (true)
        {
            var job = await GetAsync(jobId, cancellationToken).ConfigureAwait(false);
            polls++;
            if (job.IsTerminal)
            {
                progress?.Report(1.0);
                return job;
            }

            // OpenRouter gives no progress figure: creep towards 90 % while in progress.
            progress?.Report(job.Status == OpenRouterJob.InProgress ? Math.Min(0.9, polls * 0.05) : 0);
            if (_time.GetUtcNow() + _options.PollInterval > deadline)
            {
                throw new ServiceApiException(
                    $"OpenRouter video job {jobId} was still {job.Status} after the job deadline of {_options.JobDeadline}. It may still finish: run again to resume waiting for it, or raise RECREATION_OpenRouter__JobDeadline.",
                    statusCode: null, isTransient: false, isFatal: false);
            }

            await Task.Delay(_options.PollInterval, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Downloads the completed job's first video to <paramref name="destinationPath"/>, complete or not
    /// at all: from its <c>unsigned_urls[0]</c> (OpenRouter's content endpoint), else from
    /// <c>{base}/videos/{id}/content?index=0</c>. The key goes with a request to the API host only; a
    /// URL or redirect to any other host (the storage behind it) gets no key and no
    /// <c>Authorization</c>. A refused URL (an expired signed storage URL; an <c>unsigned_urls</c> entry
    /// on another host that wanted a key) is replaced once by the content endpoint on the API host,
    /// after asking the job again. A job whose output expired throws a <see cref="ServiceApiException"/>
    /// with status 410. Newer docs also name <c>urls</c> (signed storage URLs); they are not used, the
    /// content endpoint serving the same video. Returns the bytes written.
    /// </summary>
    public async Task<long> DownloadAsync(string jobId, string destinationPath, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(destinationPath);
        CheckId(jobId);
        var target = Path.GetFullPath(destinationPath);
        AtomicFile.CreateFolder(Path.GetDirectoryName(target)!);
        for (var attempt = 1; ; attempt++)
        {
            var job = await GetAsync(jobId, cancellationToken).ConfigureAwait(false);
            if (!job.IsCompleted)
            {
                throw new ServiceApiException(
                    $"The video of OpenRouter job {jobId} cannot be downloaded: the job is {job.Status}{(job.Error is { } error ? $" ({_transport.Redact(error)})" : "")}.",
                    job.Status == OpenRouterJob.Expired ? 410 : 409, isTransient: false, isFatal: false);
            }

            var contentEndpoint = _transport.Url($"videos/{jobId}/content?index=0");
            var url = attempt == 1 ? job.ContentUrls.FirstOrDefault() ?? contentEndpoint : contentEndpoint;
            try
            {
                var bytes = await _transport.DownloadAsync($"downloading the video of job {jobId}", url, keyForApiHost: true, target, progress, cancellationToken).ConfigureAwait(false);
                _logger.LogInformation("Downloaded the video of OpenRouter job {JobId} ({Bytes} bytes)", jobId, bytes);
                return bytes;
            }
            catch (ServiceApiException e) when (attempt == 1 && e.StatusCode is 401 or 403 or 404 or 410 && (!e.IsFatal || !_transport.IsApiHost(url)))
            {
                _logger.LogWarning("The video URL of OpenRouter job {JobId} was refused ({Status}); asking for the job again", jobId, e.StatusCode);
            }
        }
    }

    /// <summary>The video models OpenRouter lists (<c>GET {base}/videos/models</c>), for <c>recreate doctor</c>.</summary>
    public Task<IReadOnlyList<OpenRouterModel>> ModelsAsync(CancellationToken cancellationToken = default) =>
        _transport.SendAsync<IReadOnlyList<OpenRouterModel>>(
            "listing the video models",
            () => ServiceTransport.Get(_transport.Url("videos/models")),
            async (response, token) =>
            {
                using var document = await ServiceTransport.ReadJsonAsync(response, token).ConfigureAwait(false);
                if (!document.RootElement.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
                {
                    throw new FormatException("the model list has no 'data' array");
                }

                return data.EnumerateArray()
                    .Where(m => m.ValueKind == JsonValueKind.Object && Text(m, "id") is not null)
                    .Select(m => new OpenRouterModel(Text(m, "id")!, Numbers(m, "supported_durations"), Texts(m, "supported_resolutions"), Texts(m, "supported_aspect_ratios"), Texts(m, "supported_frame_images")))
                    .ToArray();
            },
            cancellationToken);

    private OpenRouterJob Read(JsonElement root, string jobId)
    {
        var id = Text(root, "id") ?? jobId;
        var status = Text(root, "status") ?? throw new FormatException("the job has no 'status'");
        var urls = new List<Uri>();
        if (root.TryGetProperty("unsigned_urls", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in list.EnumerateArray())
            {
                // A relative URL ("/api/v1/videos/…/content") is on the API host, as OpenRouter's own examples resolve it.
                if (item.ValueKind == JsonValueKind.String && Uri.TryCreate(_transport.BaseUrl, item.GetString(), out var url) && url.Scheme is "http" or "https")
                {
                    urls.Add(url);
                }
            }
        }

        decimal? cost = root.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object
            && usage.TryGetProperty("cost", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetDecimal(out var value) ? value : null;
        return new OpenRouterJob(id, status, Text(root, "error"), urls, cost);
    }

    private static void CheckId(string jobId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        if (!JobId().IsMatch(jobId))
        {
            throw new ArgumentException($"'{jobId}' is not an OpenRouter video job id.", nameof(jobId));
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static IReadOnlyList<string> Texts(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToArray()
            : [];

    private static IReadOnlyList<int> Numbers(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out _)).Select(v => v.GetInt32()).ToArray()
            : [];

    /// <summary>Ids are like <c>gen-vid-1712345678-AbCdEfGhIjKlMnOpQrSt</c> or <c>job-abc123</c> in the docs; letters, digits, '-' and '_' are taken.</summary>
    [GeneratedRegex("^[A-Za-z0-9_-]{1,128}$")]
    private static partial Regex JobId();
}