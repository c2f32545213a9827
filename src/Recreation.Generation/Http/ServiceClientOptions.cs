using System.Globalization;

using Recreation.Core;

namespace Recreation.Generation.Http;

/// <summary>
/// What every HTTP video service client shares: where the service is, its key, and how patient the
/// client is (polling, deadlines, timeouts, retries). Each service's options derive from this and
/// name their own settings in the messages. Checked once with <see cref="Validate"/> (or
/// <see cref="ThrowIfInvalid"/>) before any request; <see cref="ApiKey"/> never appears in
/// <see cref="ToString"/>, logs or exception messages.
/// </summary>
public abstract class ServiceClientOptions
{
    /// <summary>The service's root as its own SDK takes it (no version path: the client appends it).</summary>
    public string BaseUrl { get; set; } = "";

    public string? ApiKey { get; set; }

    /// <summary>The wait between polls of a running job.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one job is polled before giving up (the job goes on; a rerun resumes it).</summary>
    public TimeSpan JobDeadline { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>One attempt of an API call (not a download) may take this long.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>One attempt of a download may take this long.</summary>
    public TimeSpan DownloadTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Retries after the first attempt, for 408, 429, 5xx and network errors (a create only when no job can exist).</summary>
    public int MaxRetryAttempts { get; set; } = 6;

    /// <summary>The median first backoff; later ones grow exponentially, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest backoff computed by the client.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The longest <c>Retry-After</c> that is honoured as sent; longer ones are cut to this.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Seeds the backoff jitter (tests); null = a random seed.</summary>
    public int? JitterSeed { get; set; }

    /// <summary>The service's name in messages, e.g. "the Gemini API".</summary>
    protected internal abstract string ServiceName { get; }

    /// <summary>Where the key comes from, e.g. <c>GEMINI_API_KEY</c>.</summary>
    protected internal abstract string KeyVariable { get; }

    /// <summary>The setting that overrides <see cref="BaseUrl"/>, e.g. <c>RECREATION_Gemini__BaseUrl</c>.</summary>
    protected internal abstract string BaseUrlSetting { get; }

    /// <summary>The service's own root, shown in messages.</summary>
    protected internal abstract string DefaultBaseUrl { get; }

    /// <summary>Version paths a user might paste into <see cref="BaseUrl"/> by mistake (e.g. <c>/v1beta</c>).</summary>
    protected abstract IReadOnlyList<string> VersionPaths { get; }

    /// <summary>Every problem with these options, each saying what to set; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            errors.Add($"BaseUrl '{BaseUrl}' is not an absolute http(s) URL: set {BaseUrlSetting} to the service's root, e.g. {DefaultBaseUrl}.");
        }
        else if (!string.IsNullOrEmpty(url.UserInfo))
        {
            errors.Add($"BaseUrl must not carry credentials (user:password@): put the key in {KeyVariable}.");
        }
        else if (!string.IsNullOrEmpty(url.Query) || !string.IsNullOrEmpty(url.Fragment))
        {
            errors.Add($"BaseUrl '{BaseUrl}' has a query or fragment: give only the service's root, e.g. {DefaultBaseUrl}.");
        }
        else if (VersionPaths.FirstOrDefault(p => url.AbsolutePath.TrimEnd('/').EndsWith(p, StringComparison.OrdinalIgnoreCase)) is { } version)
        {
            errors.Add($"BaseUrl '{BaseUrl}' ends in {version}: set {BaseUrlSetting} to the service's root ({DefaultBaseUrl}); the client adds {version} itself.");
        }

        if (string.IsNullOrWhiteSpace(ApiKey))
        {
            errors.Add($"ApiKey is empty: set {KeyVariable} to your key for {ServiceName}.");
        }
        else if (ApiKey.Any(c => char.IsControl(c) || c is > '~' or ' '))
        {
            errors.Add($"ApiKey contains spaces, control or non-ASCII characters: check {KeyVariable} for a stray newline or quote.");
        }

        Positive(errors, nameof(PollInterval), PollInterval);
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
        return errors;
    }

    /// <summary>Throws a fatal <see cref="RecreationException"/> (exit code 2) listing every problem.</summary>
    public void ThrowIfInvalid()
    {
        var errors = Validate();
        if (errors.Count > 0)
        {
            throw new RecreationException(
                $"The settings for {ServiceName} are not valid:" + string.Concat(errors.Select(e => Environment.NewLine + "  - " + e)),
                ExitCodes.InvalidInput, isFatal: true);
        }
    }

    /// <summary>The settings for a log line, with the key shown only as set or not.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"BaseUrl={BaseUrl}, ApiKey={(string.IsNullOrEmpty(ApiKey) ? "(none)" : "(set)")}, PollInterval={PollInterval}, JobDeadline={JobDeadline}, MaxRetryAttempts={MaxRetryAttempts}");

    private static void Positive(List<string> errors, string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{name} ({value}) must be longer than zero."));
        }
    }
}