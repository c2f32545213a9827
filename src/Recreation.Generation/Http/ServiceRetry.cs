using System.Net.Sockets;

using Microsoft.Extensions.Logging;

using Polly;
using Polly.Retry;

using Recreation.Generation.OpenAI;

namespace Recreation.Generation.Http;

/// <summary>
/// The retry pipeline around every call of a <see cref="ServiceTransport"/> (Polly v8): jittered
/// exponential backoff on a seeded generator, a server's <c>Retry-After</c> honoured (capped),
/// delays on the injected <see cref="TimeProvider"/>. What is retried depends on the call's
/// <see cref="RetryMode"/>, carried in the resilience context.
/// </summary>
internal static class ServiceRetry
{
    public static readonly ResiliencePropertyKey<string> Operation = new("recreation.service.operation");
    public static readonly ResiliencePropertyKey<RetryMode> Mode = new("recreation.service.retry-mode");

    public static ResiliencePipeline Build(ServiceClientOptions options, TimeProvider time, ILogger logger)
    {
        var builder = new ResiliencePipelineBuilder { Name = "video-service", TimeProvider = time };
        if (options.MaxRetryAttempts == 0)
        {
            return builder.Build();
        }

        var random = options.JitterSeed is { } seed ? new Random(seed) : new Random();
        var gate = new Lock();
        var maxRetryAfter = options.MaxRetryAfter;
        return builder.AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = options.MaxRetryAttempts,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.RetryBaseDelay,
            MaxDelay = options.RetryMaxDelay,
            Randomizer = () =>
            {
                lock (gate)
                {
                    return random.NextDouble();
                }
            },
            ShouldHandle = args => ValueTask.FromResult(
                args.Context.Properties.GetValue(Mode, RetryMode.Safe) == RetryMode.CreateOnce
                    ? ProvesNoJob(args.Outcome.Exception)
                    : IsTransient(args.Outcome.Exception)),
            DelayGenerator = args => ValueTask.FromResult(
                args.Outcome.Exception is ServiceApiException { RetryAfter: { } wait }
                    ? wait < maxRetryAfter ? wait : maxRetryAfter
                    : (TimeSpan?)null),
            OnRetry = args =>
            {
                logger.LogWarning(
                    "{Operation} failed ({Reason}); retry {Retry} in {DelayMs:0} ms",
                    args.Context.Properties.GetValue(Operation, "a service call"),
                    VideosResilience.Describe(args.Outcome.Exception),
                    args.AttemptNumber + 1,
                    args.RetryDelay.TotalMilliseconds);
                return default;
            },
        }).Build();
    }

    /// <summary>What a retry may fix, for calls that are safe to repeat. Name resolution and TLS failures are configuration, not accidents.</summary>
    public static bool IsTransient(Exception? exception) => exception switch
    {
        ServiceApiException api => api.IsTransient,
        HttpRequestException http => http.HttpRequestError is not (HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError or HttpRequestError.ConfigurationLimitExceeded),
        IOException or TimeoutException => true,
        _ => false,
    };

    /// <summary>
    /// For a create: true only when the failure proves the service started no job — it answered with a
    /// retryable error status, or the connection was never made. A timeout or a connection dropped
    /// after the request went out proves nothing: the job may exist.
    /// </summary>
    public static bool ProvesNoJob(Exception? exception) => exception switch
    {
        ServiceApiException { StatusCode: not null } api => api.IsTransient,
        HttpRequestException http => IsConnectFailure(http),
        _ => false,
    };

    /// <summary>The TCP connection was refused or the host unreachable: nothing was sent.</summary>
    public static bool IsConnectFailure(HttpRequestException exception)
    {
        if (exception.HttpRequestError != HttpRequestError.ConnectionError)
        {
            return false;
        }

        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.HostNotFound })
            {
                return true;
            }
        }

        return false;
    }
}