using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

using Microsoft.Extensions.Logging;

using Polly;

using Recreation.Generation.OpenAI;

namespace Recreation.Generation.Http;

/// <summary>
/// One HTTP call to a video service through the retry pipeline: a fresh request per attempt, an
/// attempt timeout, the key added only for the API host, error answers turned into a
/// <see cref="ServiceApiException"/> by the service's <see cref="IServiceDialect"/>, and the key
/// redacted from every message. Downloads follow redirects by hand, so a credential never follows a
/// redirect to another host. Thread-safe.
/// <para>
/// The <see cref="HttpClient"/> must not follow redirects itself (its handler's
/// <c>AllowAutoRedirect</c> false): .NET keeps custom headers such as <c>x-goog-api-key</c> across
/// a redirect to another host. A client that did follow one is caught and refused.
/// </para>
/// </summary>
internal sealed class ServiceTransport
{
    private const int MaxRedirects = 5;
    private static readonly ProductInfoHeaderValue UserAgent = new("Recreation", typeof(ServiceTransport).Assembly.GetName().Version?.ToString(3) ?? "1.0");

    private readonly HttpClient _http;
    private readonly ServiceClientOptions _options;
    private readonly IServiceDialect _dialect;
    private readonly TimeProvider _time;
    private readonly ResiliencePipeline _pipeline;

    public ServiceTransport(HttpClient http, ServiceClientOptions options, IServiceDialect dialect, TimeProvider time, ILogger logger)
    {
        _http = http;
        _options = options;
        _dialect = dialect;
        _time = time;
        BaseUrl = new Uri(options.BaseUrl.TrimEnd('/') + "/");
        _pipeline = ServiceRetry.Build(options, time, logger);
    }

    /// <summary>The service root, ending in a slash.</summary>
    public Uri BaseUrl { get; }

    public Uri Url(string relative) => new(BaseUrl, relative);

    /// <summary>A JSON call to the API host: <paramref name="createRequest"/> builds each attempt's request, <paramref name="read"/> reads a success answer.</summary>
    public Task<T> SendAsync<T>(
        string operation,
        Func<HttpRequestMessage> createRequest,
        Func<HttpResponseMessage, CancellationToken, Task<T>> read,
        CancellationToken cancellationToken,
        RetryMode mode = RetryMode.Safe) =>
        RunAsync(operation, async token =>
        {
            using var request = createRequest();
            Prepare(request, withKey: true);
            using var response = await SendOnceAsync(request, token).ConfigureAwait(false);
            await ThrowIfErrorAsync(response, operation, token).ConfigureAwait(false);
            return await read(response, token).ConfigureAwait(false);
        }, _options.RequestTimeout, cancellationToken, mode);

    /// <summary>
    /// Downloads <paramref name="url"/> to <paramref name="target"/> (complete or not at all), following
    /// up to five redirects by hand. The key goes only with requests to the API host, and only when
    /// <paramref name="keyForApiHost"/>; every other host gets no key and no <c>Authorization</c>.
    /// A cut-off download is retried from the start like any network error.
    /// </summary>
    public Task<long> DownloadAsync(string operation, Uri url, bool keyForApiHost, string target, IProgress<double>? progress, CancellationToken cancellationToken) =>
        DownloadAsync(operation, url, hop => keyForApiHost && IsApiHost(hop), target, clipSeconds: null, progress, cancellationToken);

    /// <inheritdoc cref="DownloadAsync(string, Uri, bool, string, IProgress{double}?, CancellationToken)"/>
    /// <param name="clipSeconds">The clip's length: the download is capped at
    /// <see cref="ServiceClientOptions.MaxDownloadBytesFor"/> of it (null: the cap of a 60 s clip).</param>
    public Task<long> DownloadAsync(string operation, Uri url, bool keyForApiHost, string target, double? clipSeconds, IProgress<double>? progress, CancellationToken cancellationToken) =>
        DownloadAsync(operation, url, hop => keyForApiHost && IsApiHost(hop), target, clipSeconds, progress, cancellationToken);

    /// <summary>
    /// As <see cref="DownloadAsync(string, Uri, bool, string, IProgress{double}?, CancellationToken)"/>, but
    /// <paramref name="sendKeyTo"/> decides for each request (each redirect hop on its own) whether it
    /// carries the key: for a service whose docs say its file host needs it (Replicate).
    /// </summary>
    public Task<long> DownloadAsync(string operation, Uri url, Func<Uri, bool> sendKeyTo, string target, IProgress<double>? progress, CancellationToken cancellationToken) =>
        DownloadAsync(operation, url, sendKeyTo, target, clipSeconds: null, progress, cancellationToken);

    /// <inheritdoc cref="DownloadAsync(string, Uri, Func{Uri, bool}, string, IProgress{double}?, CancellationToken)"/>
    /// <param name="clipSeconds">The clip's length: the download is capped at
    /// <see cref="ServiceClientOptions.MaxDownloadBytesFor"/> of it (null: the cap of a 60 s clip).</param>
    public Task<long> DownloadAsync(string operation, Uri url, Func<Uri, bool> sendKeyTo, string target, double? clipSeconds, IProgress<double>? progress, CancellationToken cancellationToken) =>
        RunAsync(operation, async token =>
        {
            var next = url;
            for (var hop = 0; ; hop++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, next);
                Prepare(request, withKey: sendKeyTo(next));
                using var response = await SendOnceAsync(request, token).ConfigureAwait(false);
                if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
                {
                    if (hop >= MaxRedirects)
                    {
                        throw new ServiceApiException($"{Capitalize(operation)} failed: more than {MaxRedirects} redirects from {Redact(url.GetLeftPart(UriPartial.Path))}.", (int)response.StatusCode, isTransient: false, isFatal: false);
                    }

                    next = location.IsAbsoluteUri ? location : new Uri(next, location);
                    continue;
                }

                await ThrowIfErrorAsync(response, operation, token).ConfigureAwait(false);
                return await ContentDownload.SaveAsync(response, target, clipSeconds is { } seconds ? _options.MaxDownloadBytesFor(seconds) : _options.MaxDownloadBytes, _options.DownloadLimitSettings, progress, token).ConfigureAwait(false);
            }
        }, _options.DownloadTimeout, cancellationToken, RetryMode.Safe);

    /// <summary>Same scheme, host and port as the configured base URL.</summary>
    public bool IsApiHost(Uri url) =>
        string.Equals(url.Scheme, BaseUrl.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(url.IdnHost, BaseUrl.IdnHost, StringComparison.OrdinalIgnoreCase)
        && url.Port == BaseUrl.Port;

    /// <summary>Server text may echo what it was sent; the key (or a run of 8+ of its characters) never leaves the client in a message (<see cref="ServerText"/>).</summary>
    public string Redact(string text) => new ServerText(_options.ApiKey).Redact(text);

    public static HttpRequestMessage Get(Uri url)
    {
        var message = new HttpRequestMessage(HttpMethod.Get, url);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return message;
    }

    public static async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw new FormatException("the answer is not a JSON object");
        }

        return document;
    }

    internal static string Capitalize(string text) => VideosApiErrors.Capitalize(text);

    private async Task<T> RunAsync<T>(string operation, Func<CancellationToken, Task<T>> attempt, TimeSpan attemptTimeout, CancellationToken cancellationToken, RetryMode mode)
    {
        var attempts = 0;
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(ServiceRetry.Operation, operation);
        context.Properties.Set(ServiceRetry.Mode, mode);
        try
        {
            return await _pipeline.ExecuteAsync(
                async ctx =>
                {
                    attempts++;
                    return await TimedAsync(attempt, attemptTimeout, ctx.CancellationToken).ConfigureAwait(false);
                },
                context).ConfigureAwait(false);
        }
        catch (Exception ex) when (mode == RetryMode.CreateOnce && !cancellationToken.IsCancellationRequested && IsLostAnswer(ex))
        {
            throw new ServiceApiException(
                string.Create(CultureInfo.InvariantCulture,
                    $"{Capitalize(operation)}: the request was sent to {BaseUrl} but its answer was lost ({Redact(VideosResilience.Describe(ex))}), so the service may have started a paid job. It is not sent again on its own: look for the job in the service's dashboard, or resend it deliberately."),
                statusCode: null, isTransient: false, isFatal: false, isInDoubt: true, innerException: ex);
        }
        catch (ServiceApiException ex) when (ex.IsTransient && attempts > 1)
        {
            throw new ServiceApiException(
                string.Create(CultureInfo.InvariantCulture, $"{ex.Message} Gave up after {attempts} attempts."),
                ex.StatusCode, isTransient: true, isFatal: false, new ServiceError(null, ex.ErrorCode, ex.ErrorStatus), ex.RetryAfter, innerException: ex);
        }
        catch (Exception ex) when (ex is not ServiceApiException && (ServiceRetry.IsTransient(ex) || ex is HttpRequestException))
        {
            throw new ServiceApiException(
                string.Create(CultureInfo.InvariantCulture,
                    $"{Capitalize(operation)} failed after {attempts} attempt(s): {Redact(VideosResilience.Describe(ex))} ({BaseUrl}). Check the network and the base URL ({_options.BaseUrlSetting}); run again to resume."),
                statusCode: null, isTransient: ServiceRetry.IsTransient(ex), isFatal: false, innerException: ex);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or NotSupportedException or KeyNotFoundException or InvalidOperationException)
        {
            throw new ServiceApiException(
                $"{Capitalize(operation)} failed: {BaseUrl} answered with something that is not {_options.ServiceName}'s JSON ({Redact(ex.Message)}). Check that {_options.BaseUrlSetting} points at {_options.ServiceName} (its root, e.g. {_options.DefaultBaseUrl}).",
                statusCode: null, isTransient: false, isFatal: false, innerException: ex);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>A create's answer is lost when the failure is anything but an error answer or a refused connection.</summary>
    private static bool IsLostAnswer(Exception exception) => exception switch
    {
        ServiceApiException { StatusCode: not null } => false,
        ServiceApiException { IsInDoubt: true } => false,
        HttpRequestException http => !ServiceRetry.IsConnectFailure(http),
        IOException or TimeoutException or JsonException or FormatException => true,
        _ => false,
    };

    private static async Task<T> TimedAsync<T>(Func<CancellationToken, Task<T>> attempt, TimeSpan attemptTimeout, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(attemptTimeout); // real time on purpose: a fake clock must not fire timeouts
        try
        {
            return await attempt(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Our attempt timeout or HttpClient.Timeout: a slow server, not the caller cancelling.
            throw new TimeoutException(string.Create(CultureInfo.InvariantCulture, $"no complete answer within {attemptTimeout.TotalSeconds:0.#} s"), ex);
        }
    }

    private void Prepare(HttpRequestMessage request, bool withKey)
    {
        if (withKey)
        {
            _dialect.Authorize(request);
        }

        request.Headers.UserAgent.Add(UserAgent);
    }

    private async Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var sentTo = request.RequestUri!;
        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.RequestMessage?.RequestUri is { } answeredFor && !string.Equals(answeredFor.Authority, sentTo.Authority, StringComparison.OrdinalIgnoreCase))
        {
            response.Dispose();
            throw new ServiceApiException(
                $"The HttpClient for {_options.ServiceName} followed a redirect from {sentTo.Authority} to {answeredFor.Authority} by itself: configure its handler with AllowAutoRedirect = false, so that credentials never follow a redirect to another host.",
                statusCode: null, isTransient: false, isFatal: true);
        }

        return response;
    }

    private async Task ThrowIfErrorAsync(HttpResponseMessage response, string operation, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var status = (int)response.StatusCode;
        string body;
        try
        {
            body = await BoundedBody.ReadAsync(response.Content, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            body = ""; // the status alone decides; the body was only for the message
        }

        var error = _dialect.ParseError(body);
        var kind = _dialect.Classify(status, error);
        // Every server-chosen string is redacted before it is cut (ServerText), the reason phrase too.
        var server = new ServerText(_options.ApiKey);
        var said = error.Message is { } message ? server.Clean(message)! : server.Clean(body, 200) is { Length: > 0 } text ? text : server.Clean(response.ReasonPhrase, 100) ?? "no message";
        var tags = string.Join(", ", new[] { error.Status, error.Code }.Where(t => !string.IsNullOrEmpty(t)).Select(t => server.Clean(t, 100)));
        throw new ServiceApiException(
            string.Create(CultureInfo.InvariantCulture, $"{Capitalize(operation)} failed: HTTP {status}{(tags.Length > 0 ? $" ({tags})" : "")} \"{said.TrimEnd('.')}\" from {_options.ServiceName}. {kind.Advice}"),
            status, kind.IsTransient, kind.IsFatal, new ServiceError(server.Clean(error.Message), server.Clean(error.Code, 100), server.Clean(error.Status, 100)), VideosApiErrors.RetryAfter(response, _time), isInputRefused: kind.IsInputRefused);
    }

}