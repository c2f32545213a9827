using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

using Recreation.Core;
using Recreation.Generation.Http;
using Recreation.Generation.OpenAI;
using Recreation.Media.Files;

namespace Recreation.Generation.Runway;

/// <summary>
/// The Runway API: <c>POST /v1/image_to_video</c> (with a first frame, and a last frame where the
/// model takes one) or <c>POST /v1/text_to_video</c> creates a task, <c>GET /v1/tasks/{id}</c> polls
/// it, <c>DELETE /v1/tasks/{id}</c> cancels it. Every API call carries <c>Authorization: Bearer</c>
/// and <c>X-Runway-Version</c>; output URLs are fetched with neither (they are signed). The create is
/// never resent after its answer was lost: Runway has no idempotency key and no list of tasks, so a
/// lost answer is in doubt (<see cref="ServiceApiException.IsInDoubt"/>).
/// </summary>
public sealed partial class RunwayClient
{
    /// <summary>Runway's limit on an image sent as a data URI.</summary>
    public const int MaxDataUriBytes = 5 * 1024 * 1024;

    private readonly RunwayOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ServiceTransport _transport;

    /// <summary>Checks <paramref name="options"/> (throwing a fatal <see cref="RecreationException"/> listing every problem).</summary>
    public RunwayClient(HttpClient httpClient, RunwayOptions options, TimeProvider? timeProvider = null, ILogger<RunwayClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        options.ThrowIfInvalid();
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _transport = new ServiceTransport(httpClient, options, new RunwayDialect(options), _time, _logger);
    }

    /// <summary>
    /// Creates one task and returns its id. Sent once: retried only when the failure proves no task
    /// was created (a refused connection, an error answer); a lost answer throws an in-doubt
    /// <see cref="ServiceApiException"/>. What the model cannot make (a known model's ratio, duration,
    /// missing image, last frame, an image over 5 MB) throws an <see cref="ArgumentException"/> before
    /// anything is sent.
    /// </summary>
    public async Task<string> CreateAsync(RunwayVideoRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Prompt);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Model);
        var ratio = RunwayModels.Ratio(request.Size);
        var withImage = request.FirstFramePath is not null;
        Check(request, ratio, withImage);
        var first = request.FirstFramePath is null ? null : await InputImage.ReadAsync(request.FirstFramePath, cancellationToken).ConfigureAwait(false);
        var last = request.LastFramePath is null ? null : await InputImage.ReadAsync(request.LastFramePath, cancellationToken).ConfigureAwait(false);
        var body = new JsonObject
        {
            ["model"] = request.Model,
            ["promptText"] = request.Prompt,
            ["ratio"] = ratio,
            ["duration"] = request.Seconds,
        };
        if (first is not null)
        {
            body["promptImage"] = last is null
                ? DataUri(first)
                : new JsonArray(
                    new JsonObject { ["uri"] = DataUri(first), ["position"] = "first" },
                    new JsonObject { ["uri"] = DataUri(last), ["position"] = "last" });
        }

        var json = body.ToJsonString();
        var endpoint = withImage ? "v1/image_to_video" : "v1/text_to_video";
        var id = await _transport.SendAsync(
            string.Create(CultureInfo.InvariantCulture, $"creating a {request.Seconds} s {ratio} video with {request.Model}"),
            () => new HttpRequestMessage(HttpMethod.Post, _transport.Url(endpoint))
            {
                Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
            },
            async (response, token) =>
            {
                using var document = await ServiceTransport.ReadJsonAsync(response, token).ConfigureAwait(false);
                return document.RootElement.TryGetProperty("id", out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
                    ? text
                    : throw new FormatException("the created task has no 'id'");
            },
            cancellationToken,
            RetryMode.CreateOnce).ConfigureAwait(false);
        _logger.LogInformation("Created Runway task {TaskId} with {Model}", id, request.Model);
        return id;
    }

    public Task<RunwayTask> GetAsync(string taskId, CancellationToken cancellationToken = default)
    {
        CheckId(taskId);
        return _transport.SendAsync(
            $"checking task {taskId}",
            () => ServiceTransport.Get(_transport.Url($"v1/tasks/{taskId}")),
            async (response, token) =>
            {
                using var document = await ServiceTransport.ReadJsonAsync(response, token).ConfigureAwait(false);
                return ReadTask(document.RootElement);
            },
            cancellationToken);
    }

    /// <summary>
    /// Polls every <see cref="Providers.ProviderOptions.PollInterval"/> until the task ends and returns it —
    /// succeeded, failed or cancelled: see <see cref="RunwayTask.FailureReason"/>. A throttled task is
    /// waited for like a pending one (Runway runs it when the organisation's other tasks finish). Past
    /// <see cref="Providers.ProviderOptions.JobDeadline"/> it throws a non-fatal
    /// <see cref="ServiceApiException"/>; the task goes on and can be awaited again.
    /// </summary>
    public async Task<RunwayTask> WaitAsync(string taskId, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        var deadline = _time.GetUtcNow() + _options.JobDeadline;
        while (true)
        {
            var task = await GetAsync(taskId, cancellationToken).ConfigureAwait(false);
            progress?.Report(task.IsSucceeded ? 1.0 : task.Progress);
            if (task.IsTerminal)
            {
                _logger.LogInformation("Runway task {TaskId} ended {Status}{Reason}", taskId, task.Status, task.FailureReason is { } reason ? $" ({reason})" : "");
                return task;
            }

            if (_time.GetUtcNow() + _options.PollInterval > deadline)
            {
                throw new ServiceApiException(
                    string.Create(CultureInfo.InvariantCulture,
                        $"Runway task {taskId} was still {task.Status} ({task.Progress:P0}) after the job deadline of {_options.JobDeadline}. It was not cancelled and may still finish: run again to resume waiting for it, or raise RECREATION_Runway__JobDeadline."),
                    statusCode: null, isTransient: false, isFatal: false);
            }

            await Task.Delay(_options.PollInterval, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Cancels a pending, throttled or running task (and deletes a finished one). A 404 after an attempt whose answer was lost counts as done.</summary>
    public async Task CancelAsync(string taskId, CancellationToken cancellationToken = default)
    {
        CheckId(taskId);
        try
        {
            await _transport.SendAsync(
                $"cancelling task {taskId}",
                () => new HttpRequestMessage(HttpMethod.Delete, _transport.Url($"v1/tasks/{taskId}")),
                (_, _) => Task.FromResult(true),
                cancellationToken).ConfigureAwait(false);
        }
        catch (ServiceApiException e) when (e.StatusCode == 404)
        {
            // Already gone: a lost earlier attempt, or the task was deleted. Either way it runs no more.
        }
    }

    /// <summary>
    /// Downloads a succeeded task's first output to <paramref name="destinationPath"/>, complete or not
    /// at all. The output URL is taken from a fresh retrieve (old ones expire); it gets no key and no
    /// <c>Authorization</c>. A URL that is refused (expired between retrieve and download) is
    /// replaced by a fresh one once. Returns the bytes written.
    /// </summary>
    public async Task<long> DownloadAsync(string taskId, string destinationPath, IProgress<double>? progress = null, CancellationToken cancellationToken = default, double? clipSeconds = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(destinationPath);
        var target = Path.GetFullPath(destinationPath);
        AtomicFile.CreateFolder(Path.GetDirectoryName(target)!);
        for (var attempt = 1; ; attempt++)
        {
            var task = await GetAsync(taskId, cancellationToken).ConfigureAwait(false);
            if (!task.IsSucceeded)
            {
                throw new ServiceApiException($"Runway task {taskId} has no output to download: it is {task.Status}{(task.FailureReason is { } reason ? $" ({reason})" : "")}.", null, isTransient: false, isFatal: false);
            }

            if (!Uri.TryCreate(task.Output[0], UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http"))
            {
                throw new ServiceApiException($"Runway task {taskId}'s output is not an http(s) URL.", null, isTransient: false, isFatal: false);
            }

            try
            {
                var bytes = await _transport.DownloadAsync($"downloading the output of task {taskId}", url, keyForApiHost: false, target, clipSeconds, progress, cancellationToken).ConfigureAwait(false);
                _logger.LogInformation("Downloaded the output of Runway task {TaskId} ({Bytes} bytes)", taskId, bytes);
                return bytes;
            }
            catch (ServiceApiException e) when (attempt == 1 && e.StatusCode is 401 or 403 or 404 or 410)
            {
                _logger.LogWarning("The output URL of Runway task {TaskId} was refused ({Status}); asking for a fresh one", taskId, e.StatusCode);
            }
        }
    }

    /// <summary>
    /// Asks for the organisation's details (<c>GET /v1/organization</c>: credit balance and tier), for
    /// <c>recreate doctor</c>: it proves the base URL answers and the key is accepted, and costs
    /// nothing. Returns the credit balance when the answer has one. Runway has no list of models.
    /// </summary>
    public Task<long?> CreditBalanceAsync(CancellationToken cancellationToken = default) =>
        _transport.SendAsync(
            "asking for the organisation's details",
            () => ServiceTransport.Get(_transport.Url("v1/organization")),
            async (response, token) =>
            {
                using var document = await ServiceTransport.ReadJsonAsync(response, token).ConfigureAwait(false);
                return document.RootElement.TryGetProperty("creditBalance", out var credits) && credits.ValueKind == JsonValueKind.Number && credits.TryGetInt64(out var balance)
                    ? balance
                    : (long?)null;
            },
            cancellationToken);

    internal static RunwayTask ReadTask(JsonElement root)
    {
        var id = Text(root, "id");
        var status = Text(root, "status");
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(status))
        {
            throw new FormatException("the task has no 'id' or 'status'");
        }

        var progress = root.TryGetProperty("progress", out var p) && p.ValueKind == JsonValueKind.Number ? Math.Clamp(p.GetDouble(), 0, 1) : 0;
        var output = root.TryGetProperty("output", out var o) && o.ValueKind == JsonValueKind.Array
            ? o.EnumerateArray().Where(u => u.ValueKind == JsonValueKind.String).Select(u => u.GetString()!).ToList()
            : [];
        DateTimeOffset? created = DateTimeOffset.TryParse(Text(root, "createdAt"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;
        return new RunwayTask(id, status, progress, output, Text(root, "failure"), Text(root, "failureCode"), created);
    }

    private static void Check(RunwayVideoRequest request, string ratio, bool withImage)
    {
        if (request.LastFramePath is not null && request.FirstFramePath is null)
        {
            throw new ArgumentException("Runway takes a last frame only together with a first frame.", nameof(request));
        }

        if (RunwayModels.Find(request.Model) is not { } rules)
        {
            return;
        }

        if (rules.RequiresImage && !withImage)
        {
            throw new ArgumentException($"{request.Model} makes video only from an input image: give the clip a first frame (reference_image, or continuity.chain: last-frame).", nameof(request));
        }

        if (request.LastFramePath is not null && !rules.TakesLastFrame)
        {
            throw new ArgumentException($"{request.Model} takes no last frame.", nameof(request));
        }

        var ratios = withImage ? rules.ImageRatios : rules.TextRatios;
        if (!ratios.Contains(ratio))
        {
            throw new ArgumentException(
                ratios.Count == 0
                    ? $"{request.Model} makes no video from text alone."
                    : $"{request.Model} makes {string.Join(", ", ratios.Select(r => r.Replace(':', 'x')))}{(withImage ? " from an image" : " from text")}, not {request.Size}.",
                nameof(request));
        }

        if (!rules.Durations.Contains(request.Seconds))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{request.Model} makes clips of {string.Join(", ", rules.Durations)} seconds, not {request.Seconds}."), nameof(request));
        }
    }

    private static string DataUri(InputImage image)
    {
        var uri = $"data:{image.ContentType};base64,{Convert.ToBase64String(image.Bytes)}";
        return uri.Length <= MaxDataUriBytes
            ? uri
            : throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The input image '{image.FileName}' is {image.Bytes.Length / 1024} KiB: as a data URI it is over Runway's 5 MB limit. Use a smaller image (a JPEG of the clip's size)."));
    }

    private static void CheckId(string taskId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(taskId);
        if (!TaskId().IsMatch(taskId))
        {
            throw new ArgumentException($"'{taskId}' is not a Runway task id.", nameof(taskId));
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [GeneratedRegex("^[A-Za-z0-9_-]{1,128}$")]
    private static partial Regex TaskId();
}