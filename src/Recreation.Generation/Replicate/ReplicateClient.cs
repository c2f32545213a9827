using System.Text;
using System.Text.Json.Nodes;

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

using Recreation.Core;
using Recreation.Generation.Http;
using Recreation.Media.Files;

namespace Recreation.Generation.Replicate;

/// <summary>
/// Replicate's predictions API (replicate.com/docs/reference/http): a prediction is created by model
/// (<c>POST /v1/models/{owner}/{name}/predictions</c>) or by version (<c>POST /v1/predictions</c> with
/// <c>version</c>), with <c>{"input": {…}}</c>; <c>GET /v1/predictions/{id}</c> polls it,
/// <c>POST /v1/predictions/{id}/cancel</c> cancels it, <c>GET /v1/predictions</c> lists the account's
/// predictions newest first (100 a page, <c>next</c>/<c>previous</c> cursors), which is how a create
/// whose answer was lost is found (<see cref="FindAsync"/>). The create is sent without
/// <c>Prefer: wait</c> (a video takes minutes; holding the answer open only widens the window in which
/// it can be lost). Every API call carries <c>Authorization: Bearer</c>; output files get it only on the
/// hosts <see cref="ReplicateOptions.KeyHosts"/> names (Replicate's reference says its file URLs need
/// the header and live on replicate.delivery), every other host gets nothing.
/// </summary>
public sealed partial class ReplicateClient
{
    private readonly ReplicateOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ServiceTransport _transport;
    private readonly IReadOnlyList<string> _keyHosts;

    /// <summary>Checks <paramref name="options"/> (throwing a fatal <see cref="RecreationException"/> listing every problem).</summary>
    public ReplicateClient(HttpClient httpClient, ReplicateOptions options, TimeProvider? timeProvider = null, ILogger<ReplicateClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        options.ThrowIfInvalid();
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _transport = new ServiceTransport(httpClient, options, new ReplicateDialect(options), _time, _logger);
        _keyHosts = options.KeyHostList();
    }

    internal ReplicateOptions Options => _options;

    internal TimeProvider Time => _time;

    /// <summary>Creates one prediction and returns it as answered. Sent once: retried only when the failure proves nothing was created; a lost answer throws an in-doubt <see cref="ServiceApiException"/>.</summary>
    public async Task<ReplicatePrediction> CreateAsync(ReplicateModel model, JsonObject input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(input);
        var body = new JsonObject();
        if (model.ByVersion)
        {
            body["version"] = model.Version;
        }

        body["input"] = JsonNode.Parse(input.ToJsonString());
        var json = body.ToJsonString();
        var url = model.ByVersion ? _transport.Url("v1/predictions") : _transport.Url($"v1/models/{model.Owner}/{model.Name}/predictions");
        var prediction = await _transport.SendAsync(
            $"creating a prediction of {model}",
            () => new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") },
            ReadPredictionAsync,
            cancellationToken,
            RetryMode.CreateOnce).ConfigureAwait(false);
        _logger.LogInformation("Created Replicate prediction {PredictionId} of {Model}", prediction.Id, model);
        return prediction;
    }

    public Task<ReplicatePrediction> GetAsync(string predictionId, CancellationToken cancellationToken = default)
    {
        var url = PredictionUrl(predictionId, "");
        return _transport.SendAsync($"checking prediction {predictionId}", () => ServiceTransport.Get(url), ReadPredictionAsync, cancellationToken);
    }

    /// <summary>
    /// Polls every <see cref="Providers.ProviderOptions.PollInterval"/> until the prediction ends (succeeded,
    /// failed, canceled, aborted) and returns it. Past <see cref="Providers.ProviderOptions.JobDeadline"/> it
    /// throws a non-fatal <see cref="ServiceApiException"/>; the prediction goes on and can be awaited again.
    /// </summary>
    public async Task<ReplicatePrediction> WaitAsync(string predictionId, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        var deadline = _time.GetUtcNow() + _options.JobDeadline;
        var polls = 0;
        while (true)
        {
            var prediction = await GetAsync(predictionId, cancellationToken).ConfigureAwait(false);
            polls++;
            if (prediction.IsTerminal)
            {
                progress?.Report(1.0);
                return prediction;
            }

            // The logs' progress bar where the model prints one; else a creep towards 90 %.
            progress?.Report(prediction.Progress ?? (prediction.Status == ReplicatePrediction.Processing ? Math.Min(0.9, polls * 0.05) : 0));
            if (_time.GetUtcNow() + _options.PollInterval > deadline)
            {
                throw new ServiceApiException(
                    $"Replicate prediction {predictionId} was still {prediction.Status} after the job deadline of {_options.JobDeadline}. It was not cancelled and may still finish: run again to resume waiting for it, or raise RECREATION_Replicate__JobDeadline.",
                    statusCode: null, isTransient: false, isFatal: false);
            }

            await Task.Delay(_options.PollInterval, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Asks Replicate to cancel a prediction. One that has already ended, or is unknown, counts as done.</summary>
    public async Task CancelAsync(string predictionId, CancellationToken cancellationToken = default)
    {
        var url = PredictionUrl(predictionId, "/cancel");
        try
        {
            await _transport.SendAsync($"cancelling prediction {predictionId}", () => new HttpRequestMessage(HttpMethod.Post, url), (_, _) => Task.FromResult(true), cancellationToken).ConfigureAwait(false);
        }
        catch (ServiceApiException e) when (e.StatusCode is 400 or 404 or 409)
        {
            // Already ended or gone: either way it runs no more.
        }
    }

    /// <summary>
    /// Downloads the succeeded prediction's video to <paramref name="destinationPath"/>, complete or not at
    /// all, capped like every provider's download and fetched again from the start when cut off. A
    /// refused URL (401, 403, 404, 410) is looked up again once; still refused, the
    /// <see cref="ServiceApiException"/> propagates (the output is gone). Returns the bytes written.
    /// </summary>
    /// <param name="clipSeconds">The clip's length, which caps the download (<see cref="ServiceClientOptions.MaxDownloadBytesFor"/>); null: the cap of a 60 s clip.</param>
    public async Task<long> DownloadAsync(string predictionId, string destinationPath, IProgress<double>? progress = null, CancellationToken cancellationToken = default, double? clipSeconds = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(destinationPath);
        var target = Path.GetFullPath(destinationPath);
        AtomicFile.CreateFolder(Path.GetDirectoryName(target)!);
        for (var attempt = 1; ; attempt++)
        {
            var prediction = await GetAsync(predictionId, cancellationToken).ConfigureAwait(false);
            var url = prediction.VideoUrl ?? throw new ServiceApiException(
                $"Replicate prediction {predictionId} is {prediction.Status} and has no output URL{(prediction.DataRemoved ? " (its data was removed: API predictions keep their output for an hour)" : "")}.",
                statusCode: 410, isTransient: false, isFatal: false);
            try
            {
                var bytes = await _transport.DownloadAsync($"downloading the output of prediction {predictionId}", url, SendsKeyTo, target, clipSeconds, progress, cancellationToken).ConfigureAwait(false);
                _logger.LogInformation("Downloaded the output of Replicate prediction {PredictionId} ({Bytes} bytes)", predictionId, bytes);
                return bytes;
            }
            catch (ServiceApiException e) when (attempt == 1 && e.StatusCode is 401 or 403 or 404 or 410)
            {
                _logger.LogWarning("The output URL of Replicate prediction {PredictionId} was refused ({Status}); looking it up again", predictionId, e.StatusCode);
            }
            catch (ServiceApiException e) when (e.StatusCode is 401 or 403 or 404 or 410)
            {
                // The file host's refusal, not the API's: the file is gone (or the host wants a key it was
                // not given). Not fatal for the run, unlike a 401/403 from the API itself.
                throw new ServiceApiException(
                    $"The output file of Replicate prediction {predictionId} was refused by {url.Host} (HTTP {e.StatusCode}) twice: it has expired (outputs of API predictions are deleted an hour after they end){(SendsKeyTo(url) ? "" : $", or the host wants the token, which goes only to {_options.KeyHosts} (RECREATION_Replicate__KeyHosts)")}.",
                    e.StatusCode, isTransient: false, isFatal: false, innerException: e);
            }
        }
    }

    /// <summary>
    /// Whether a file URL gets the key: the API host itself, or a host in <see cref="ReplicateOptions.KeyHosts"/>
    /// over https (http only on a loopback address, for a fake). Each redirect hop is asked on its own.
    /// </summary>
    public bool SendsKeyTo(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (_transport.IsApiHost(url))
        {
            return true;
        }

        if (url.Scheme != Uri.UriSchemeHttps && !(url.Scheme == Uri.UriSchemeHttp && url.IsLoopback))
        {
            return false;
        }

        var host = url.IdnHost.ToLowerInvariant();
        var hostAndPort = url.IsDefaultPort ? host : $"{host}:{url.Port}";
        return _keyHosts.Any(entry => entry.StartsWith("*.", StringComparison.Ordinal)
            ? host.EndsWith(entry[1..], StringComparison.Ordinal) && host.Length > entry.Length - 1
            : entry == host || entry == hostAndPort);
    }

    private Uri PredictionUrl(string predictionId, string suffix)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(predictionId);
        if (!ReplicatePrediction.IdPattern().IsMatch(predictionId))
        {
            throw new ArgumentException($"'{predictionId}' is not a Replicate prediction id.", nameof(predictionId));
        }

        return _transport.Url($"v1/predictions/{predictionId}{suffix}");
    }

    private static async Task<ReplicatePrediction> ReadPredictionAsync(HttpResponseMessage response, CancellationToken token)
    {
        using var document = await ServiceTransport.ReadJsonAsync(response, token).ConfigureAwait(false);
        return ReplicatePrediction.Read(document.RootElement);
    }
}