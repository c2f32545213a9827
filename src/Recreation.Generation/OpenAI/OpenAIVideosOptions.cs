using System.Globalization;

using Recreation.Core;

namespace Recreation.Generation.OpenAI;

/// <summary>
/// How <see cref="VideosClient"/> reaches a Videos API service (OpenAI or a compatible gateway) and
/// how patient it is. Bound from configuration and checked once with <see cref="Validate"/> (or
/// <see cref="ThrowIfInvalid"/>) before any request. <see cref="ApiKey"/> never appears in
/// <see cref="ToString"/>, logs or exception messages.
/// </summary>
public sealed class OpenAIVideosOptions
{
    /// <summary>The usual configuration section name.</summary>
    public const string SectionName = "OpenAI";

    public const string BearerAuth = "bearer";

    /// <summary>Azure's style: the key in an <c>api-key</c> header.</summary>
    public const string ApiKeyAuth = "api-key";

    /// <summary>The API's base, up to and including <c>/v1</c>.</summary>
    public string BaseUrl { get; set; } = "https://api.openai.com/v1";

    public string? ApiKey { get; set; }

    /// <summary><see cref="BearerAuth"/> (<c>Authorization: Bearer …</c>) or <see cref="ApiKeyAuth"/>.</summary>
    public string AuthHeader { get; set; } = BearerAuth;

    /// <summary>Sent as <c>OpenAI-Organization</c> when set.</summary>
    public string? Organization { get; set; }

    /// <summary>Sent as <c>OpenAI-Project</c> when set.</summary>
    public string? Project { get; set; }

    /// <summary>The wait between polls when the server sends no <c>openai-poll-after-ms</c>.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The shortest wait between polls, whatever the server asks.</summary>
    public TimeSpan MinPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between polls, whatever the server asks.</summary>
    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long <see cref="VideosClient.WaitAsync"/> polls one job before giving up (the job goes on; a rerun resumes it).</summary>
    public TimeSpan JobDeadline { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>One attempt of an API call (not a download) may take this long.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>One attempt of a download may take this long.</summary>
    public TimeSpan DownloadTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Retries after the first attempt, for 408, 429, 5xx and network errors.</summary>
    public int MaxRetryAttempts { get; set; } = 6;

    /// <summary>The median first backoff; later ones grow exponentially, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest backoff computed by the client.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The longest <c>Retry-After</c> that is honoured as sent; longer ones are cut to this.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The most bytes of one JSON answer or error body read into memory (default 1 MiB; a page of 100
    /// jobs is about 60 KB). A larger answer is refused; of a larger error body only this much is read.
    /// </summary>
    public int MaxResponseBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// The highest average bitrate, in bits per second, a downloaded clip may have (default 50 Mbit/s,
    /// several times what a 1080p generation needs): a download stops with an error past
    /// <see cref="MaxDownloadBytes"/>, instead of running until <see cref="DownloadTimeout"/>.
    /// </summary>
    public long MaxVideoBitrate { get; set; } = 50_000_000;

    /// <summary>Added to every download cap, for containers, thumbnails and short clips (default 16 MiB).</summary>
    public long DownloadSlackBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>The most bytes a download of a clip of <paramref name="seconds"/> may have: seconds × <see cref="MaxVideoBitrate"/> / 8 + <see cref="DownloadSlackBytes"/>.</summary>
    public long MaxDownloadBytes(double seconds) =>
        (long)(Math.Max(0, seconds) * MaxVideoBitrate / 8) + DownloadSlackBytes;

    /// <summary>Seeds the backoff jitter (tests); null = a random seed.</summary>
    public int? JitterSeed { get; set; }

    /// <summary>
    /// Whether a create whose answer was lost can be recovered: the service honours
    /// <c>Idempotency-Key</c> and lists jobs (<c>GET /videos</c>), as OpenAI's API did. Set it false for
    /// a gateway that does neither (a LiteLLM proxy in front of Veo or Runway): a create or remix is
    /// then not sent again once it may have reached the service (a timeout, a dropped connection;
    /// an error answer or a refused connection is still retried), no list is read, and such a clip is
    /// in doubt at once, sent again only with <c>--resubmit-in-doubt</c>. A named connection's
    /// <c>Connections:NAME:RecoverLostCreates</c> wins over this section's.
    /// </summary>
    public bool RecoverLostCreates { get; set; } = true;

    /// <summary>Every problem with these options, each saying what to set; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            errors.Add($"BaseUrl '{BaseUrl}' is not an absolute http(s) URL: set OPENAI_BASE_URL (or target.base_url) to the API's base, e.g. https://api.openai.com/v1.");
        }
        else if (!string.IsNullOrEmpty(url.UserInfo))
        {
            errors.Add("BaseUrl must not carry credentials (user:password@): put the key in OPENAI_API_KEY.");
        }

        if (string.IsNullOrWhiteSpace(ApiKey))
        {
            errors.Add("ApiKey is empty: set OPENAI_API_KEY to the key for this base URL.");
        }
        else if (ApiKey.Any(c => char.IsControl(c) || c > '~'))
        {
            errors.Add("ApiKey contains control or non-ASCII characters: check OPENAI_API_KEY for a stray newline or quote.");
        }

        if (AuthHeader is not (BearerAuth or ApiKeyAuth))
        {
            errors.Add($"AuthHeader '{AuthHeader}' is unknown: use '{BearerAuth}' (OpenAI, most gateways) or '{ApiKeyAuth}' (Azure).");
        }

        Positive(errors, nameof(PollInterval), PollInterval);
        Positive(errors, nameof(MinPollInterval), MinPollInterval);
        Positive(errors, nameof(MaxPollInterval), MaxPollInterval);
        if (MinPollInterval > MaxPollInterval)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"MinPollInterval ({MinPollInterval}) is longer than MaxPollInterval ({MaxPollInterval}): swap or widen them."));
        }

        Positive(errors, nameof(JobDeadline), JobDeadline);
        Positive(errors, nameof(RequestTimeout), RequestTimeout);
        Positive(errors, nameof(DownloadTimeout), DownloadTimeout);
        if (MaxRetryAttempts is < 0 or > 100)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"MaxRetryAttempts ({MaxRetryAttempts}) must be from 0 to 100."));
        }

        Positive(errors, nameof(RetryBaseDelay), RetryBaseDelay);
        Positive(errors, nameof(RetryMaxDelay), RetryMaxDelay);
        if (RetryBaseDelay > RetryMaxDelay)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"RetryBaseDelay ({RetryBaseDelay}) is longer than RetryMaxDelay ({RetryMaxDelay})."));
        }

        Positive(errors, nameof(MaxRetryAfter), MaxRetryAfter);
        if (MaxResponseBytes < 4096)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"MaxResponseBytes ({MaxResponseBytes}) must be at least 4096."));
        }

        if (MaxVideoBitrate < 100_000)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"MaxVideoBitrate ({MaxVideoBitrate} bit/s) must be at least 100000."));
        }

        if (DownloadSlackBytes < 0)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"DownloadSlackBytes ({DownloadSlackBytes}) must not be negative."));
        }

        return errors;
    }

    /// <summary>Throws a fatal <see cref="RecreationException"/> (exit code 2) listing every problem.</summary>
    public void ThrowIfInvalid()
    {
        var errors = Validate();
        if (errors.Count > 0)
        {
            throw new RecreationException(
                "The Videos API settings are not valid:" + string.Concat(errors.Select(e => Environment.NewLine + "  - " + e)),
                ExitCodes.InvalidInput, isFatal: true);
        }
    }

    /// <summary>The settings for a log line, with the key shown only as set or not.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"BaseUrl={BaseUrl}, ApiKey={(string.IsNullOrEmpty(ApiKey) ? "(none)" : "(set)")}, AuthHeader={AuthHeader}, Poll={MinPollInterval}..{MaxPollInterval}, JobDeadline={JobDeadline}, MaxRetryAttempts={MaxRetryAttempts}");

    private static void Positive(List<string> errors, string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{name} ({value}) must be longer than zero."));
        }
    }
}