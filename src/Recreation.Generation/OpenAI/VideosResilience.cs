using Microsoft.Extensions.Logging;

using Polly;
using Polly.Retry;

namespace Recreation.Generation.OpenAI;

/// <summary>
/// The retry pipeline around every Videos API call (Polly v8, used directly): jittered exponential
/// backoff on 408, 429, 5xx, network errors and timeouts; a server's <c>Retry-After</c> replaces the
/// backoff when sent. Delays run on the injected <see cref="TimeProvider"/>, jitter on a seeded
/// generator. Nothing else is retried: a 4xx other than 408/429 is an answer, not an accident.
/// </summary>
internal static class VideosResilience
{
    public static readonly ResiliencePropertyKey<string> Operation = new("recreation.videos.operation");

    public static ResiliencePipeline Build(OpenAIVideosOptions options, TimeProvider time, ILogger logger)
    {
        var builder = new ResiliencePipelineBuilder { Name = "videos-api", TimeProvider = time };
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
            ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome.Exception)),
            DelayGenerator = args => ValueTask.FromResult(
                args.Outcome.Exception is VideosApiException { RetryAfter: { } wait }
                    ? wait < maxRetryAfter ? wait : maxRetryAfter
                    : (TimeSpan?)null),
            OnRetry = args =>
            {
                logger.LogWarning(
                    "{Operation} failed ({Reason}); retry {Retry} in {DelayMs:0} ms",
                    args.Context.Properties.GetValue(Operation, "a Videos API call"),
                    Describe(args.Outcome.Exception),
                    args.AttemptNumber + 1,
                    args.RetryDelay.TotalMilliseconds);
                return default;
            },
        }).Build();
    }

    /// <summary>What a retry may fix. Name resolution and TLS failures are configuration, not accidents.</summary>
    public static bool IsTransient(Exception? exception) => exception switch
    {
        VideosApiException api => api.IsTransient,
        HttpRequestException http => http.HttpRequestError is not (HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError or HttpRequestError.ConfigurationLimitExceeded),
        IOException or TimeoutException => true,
        _ => false,
    };

    /// <summary>An exception and its causes in one line (network errors say little at the top).</summary>
    public static string Describe(Exception? exception)
    {
        var parts = new List<string>();
        for (var e = exception; e is not null && parts.Count < 3; e = e.InnerException)
        {
            var message = e.Message.TrimEnd('.');
            if (!parts.Any(p => p.Contains(message, StringComparison.Ordinal)))
            {
                parts.Add(message);
            }
        }

        return parts.Count == 0 ? "no reason given" : string.Join(": ", parts);
    }
}