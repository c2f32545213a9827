using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

using Recreation.Core;
using Recreation.Generation.Http;
using Recreation.Generation.OpenAI;
using Recreation.Media.Files;

namespace Recreation.Generation.Gemini;

/// <summary>
/// Veo through the Gemini API: <c>POST /v1beta/models/{model}:predictLongRunning</c> starts an
/// operation, <c>GET /v1beta/{operation name}</c> polls it, and the video is fetched from the
/// generated file's URI. Every call goes through the shared retry pipeline; the create is never
/// resent after its answer was lost (the Gemini API has no idempotency key and no list of
/// operations to reconcile against — a lost answer is in doubt, see
/// <see cref="ServiceApiException.IsInDoubt"/>).
/// <para>
/// The key goes only to the API host, in <c>x-goog-api-key</c>. Google's docs fetch the file URI
/// with the key and follow redirects (<c>curl -L</c>); this client fetches
/// <c>/v1beta/files/{id}:download?alt=media</c> on its own base URL with the key (as the SDKs do) and
/// follows redirects by hand, without the key once they leave the API host. The
/// <see cref="HttpClient"/> must not follow redirects itself (see <see cref="ServiceTransport"/>).
/// </para>
/// </summary>
public sealed partial class GeminiClient
{
    private readonly GeminiOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ServiceTransport _transport;

    /// <summary>Checks <paramref name="options"/> (throwing a fatal <see cref="RecreationException"/> listing every problem).</summary>
    public GeminiClient(HttpClient httpClient, GeminiOptions options, TimeProvider? timeProvider = null, ILogger<GeminiClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        options.ThrowIfInvalid();
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _transport = new ServiceTransport(httpClient, options, new GeminiDialect(options), _time, _logger);
    }

    /// <summary>
    /// Starts one Veo generation and returns its operation (normally not done yet). Sent once: retried
    /// only when the failure proves no operation was started (a refused connection, an error answer);
    /// a lost answer throws an in-doubt <see cref="ServiceApiException"/>. A size or length the model
    /// cannot make throws an <see cref="ArgumentException"/> before anything is sent.
    /// </summary>
    public async Task<GeminiOperation> StartAsync(GeminiVideoRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Prompt);
        CheckModel(request.Model);
        var parameters = VeoRules.Map(request.Model, request.Size, request.Seconds);
        if (request.LastFramePath is not null && !VeoRules.TakesLastFrame(request.Model))
        {
            throw new ArgumentException($"{request.Model} takes no last frame.", nameof(request));
        }

        if (request.LastFramePath is not null && request.FirstFramePath is null)
        {
            throw new ArgumentException("Veo takes a last frame only together with a first frame.", nameof(request));
        }

        var first = request.FirstFramePath is null ? null : await InputImage.ReadAsync(request.FirstFramePath, cancellationToken).ConfigureAwait(false);
        var last = request.LastFramePath is null ? null : await InputImage.ReadAsync(request.LastFramePath, cancellationToken).ConfigureAwait(false);
        var body = Body(request.Prompt, parameters, first, last).ToJsonString();
        var operation = await _transport.SendAsync(
            string.Create(CultureInfo.InvariantCulture, $"starting a {request.Seconds} s {parameters.Resolution} {parameters.AspectRatio} video with {request.Model}"),
            () => new HttpRequestMessage(HttpMethod.Post, _transport.Url($"v1beta/models/{Uri.EscapeDataString(request.Model)}:predictLongRunning"))
            {
                Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
            },
            ReadOperationAsync,
            cancellationToken,
            RetryMode.CreateOnce).ConfigureAwait(false);
        _logger.LogInformation("Started {Operation} with {Model}", operation.Name, request.Model);
        return operation;
    }

    public Task<GeminiOperation> GetAsync(string operationName, CancellationToken cancellationToken = default)
    {
        var path = OperationPath(operationName);
        return _transport.SendAsync(
            $"checking {operationName}",
            () => ServiceTransport.Get(_transport.Url($"v1beta/{path}")),
            ReadOperationAsync,
            cancellationToken);
    }

    /// <summary>
    /// Polls every <see cref="Providers.ProviderOptions.PollInterval"/> until the operation is done and
    /// returns it — succeeded, failed or filtered: see <see cref="GeminiOperation.FailureReason"/>. The
    /// Gemini API reports no progress, so <paramref name="progress"/> hears 0 until the end, then 1.
    /// Past <see cref="Providers.ProviderOptions.JobDeadline"/> it throws a non-fatal
    /// <see cref="ServiceApiException"/>; the operation goes on and can be awaited again.
    /// </summary>
    public async Task<GeminiOperation> WaitAsync(string operationName, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        var deadline = _time.GetUtcNow() + _options.JobDeadline;
        while (true)
        {
            var operation = await GetAsync(operationName, cancellationToken).ConfigureAwait(false);
            if (operation.Done)
            {
                progress?.Report(1.0);
                _logger.LogInformation("{Operation} is done{Reason}", operationName, operation.FailureReason is { } reason ? $" ({reason})" : "");
                return operation;
            }

            progress?.Report(0.0);
            if (_time.GetUtcNow() + _options.PollInterval > deadline)
            {
                throw new ServiceApiException(
                    $"{operationName} was still running after the job deadline of {_options.JobDeadline}. It was not cancelled and may still finish: run again to resume waiting for it, or raise RECREATION_Gemini__JobDeadline.",
                    statusCode: null, isTransient: false, isFatal: false);
            }

            await Task.Delay(_options.PollInterval, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Downloads a generated video to <paramref name="destinationPath"/>, complete or not at all (a
    /// temp file beside it, counted against Content-Length, renamed when whole; a cut download is
    /// fetched again). Returns the bytes written.
    /// </summary>
    public async Task<long> DownloadAsync(string videoUri, string destinationPath, IProgress<double>? progress = null, CancellationToken cancellationToken = default, double? clipSeconds = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(videoUri);
        ArgumentException.ThrowIfNullOrWhiteSpace(destinationPath);
        var target = Path.GetFullPath(destinationPath);
        AtomicFile.CreateFolder(Path.GetDirectoryName(target)!);
        var url = DownloadUrl(videoUri);
        var bytes = await _transport.DownloadAsync("downloading the generated video", url, keyForApiHost: true, target, clipSeconds, progress, cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("Downloaded {Bytes} bytes of a generated video", bytes);
        return bytes;
    }

    /// <summary>Whether the API knows <paramref name="model"/> (<c>GET /v1beta/models/{model}</c>), for <c>recreate doctor</c>.</summary>
    public async Task<bool> ModelExistsAsync(string model, CancellationToken cancellationToken = default)
    {
        CheckModel(model);
        try
        {
            return await _transport.SendAsync(
                $"looking up the model {model}",
                () => ServiceTransport.Get(_transport.Url($"v1beta/models/{Uri.EscapeDataString(model)}")),
                (_, _) => Task.FromResult(true),
                cancellationToken).ConfigureAwait(false);
        }
        catch (ServiceApiException e) when (e.StatusCode == 404)
        {
            return false;
        }
    }

    /// <summary>
    /// Where to fetch a generated file: the SDKs take the file id after <c>files/</c> in the URI and
    /// call <c>files/{id}:download?alt=media</c> on their own base URL, which also works through a
    /// proxy or fake. A URI without a file id is fetched as given (with the key only if it is on the
    /// API host).
    /// </summary>
    internal Uri DownloadUrl(string videoUri)
    {
        var match = FileId().Match(videoUri);
        if (match.Success)
        {
            return _transport.Url($"v1beta/files/{match.Groups[1].Value}:download?alt=media");
        }

        return Uri.TryCreate(videoUri, UriKind.Absolute, out var absolute) && absolute.Scheme is "https" or "http"
            ? absolute
            : throw new ServiceApiException($"The generated video's URI '{_transport.Redact(videoUri)}' is neither a Gemini file nor an http(s) URL.", null, isTransient: false, isFatal: false);
    }

    private static JsonObject Body(string prompt, VeoParameters parameters, InputImage? first, InputImage? last)
    {
        var instance = new JsonObject { ["prompt"] = prompt };
        if (first is not null)
        {
            instance["image"] = Image(first);
        }

        if (last is not null)
        {
            instance["lastFrame"] = Image(last);
        }

        return new JsonObject
        {
            ["instances"] = new JsonArray(instance),
            ["parameters"] = new JsonObject
            {
                ["aspectRatio"] = parameters.AspectRatio,
                ["resolution"] = parameters.Resolution,
                ["durationSeconds"] = parameters.DurationSeconds,
            },
        };
    }

    // python-genai's form ({bytesBase64Encoded, mimeType}); the docs' REST samples also show {inlineData: {mimeType, data}}.
    private static JsonObject Image(InputImage image) => new()
    {
        ["bytesBase64Encoded"] = Convert.ToBase64String(image.Bytes),
        ["mimeType"] = image.ContentType,
    };

    private static async Task<GeminiOperation> ReadOperationAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using var document = await ServiceTransport.ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
        return GeminiOperationReader.Read(document.RootElement);
    }

    /// <summary>An operation name is <c>models/{model}/operations/{id}</c> (or <c>operations/{id}</c>): path segments, never a URL.</summary>
    private static string OperationPath(string operationName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(operationName);
        var segments = operationName.Split('/');
        if (segments.Any(s => s.Length == 0 || s is "." or ".." || !SafeSegment().IsMatch(s)))
        {
            throw new ArgumentException($"'{operationName}' is not a Gemini operation name (models/…/operations/…).", nameof(operationName));
        }

        return operationName;
    }

    private static void CheckModel(string model)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        if (!SafeSegment().IsMatch(model))
        {
            throw new ArgumentException($"'{model}' is not a Gemini model id (letters, digits, '.', '-', '_').", nameof(model));
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex SafeSegment();

    // The SDKs' rule: the file id is the lowercase letters and digits after "files/".
    [GeneratedRegex("files/([a-z0-9]+)")]
    private static partial Regex FileId();
}