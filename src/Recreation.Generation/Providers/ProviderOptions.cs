using System.Globalization;

using Microsoft.Extensions.Configuration;

using Recreation.Core;

namespace Recreation.Generation.Providers;

/// <summary>
/// The settings every HTTP provider has, in the same pattern as the openai backend's
/// (<c>OpenAIVideosOptions</c>): bound from the provider's configuration section, so for a provider
/// whose section is <c>Gemini</c> they are <c>Gemini:BaseUrl</c> in appsettings.json or
/// <c>RECREATION_Gemini__BaseUrl</c>, <c>RECREATION_Gemini__PollInterval=00:00:05</c> (hh:mm:ss), and
/// so on. A provider's options class derives from this one and adds its own.
/// <see cref="ApiKey"/> never appears in <see cref="ToString"/>, logs or messages.
/// </summary>
public class ProviderOptions
{
    /// <summary>The service's root as its own SDK takes it (the client appends the version path).</summary>
    public string BaseUrl { get; set; } = "";

    public string? ApiKey { get; set; }

    /// <summary>The wait between polls of a running job when the service does not say.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one job is polled before giving up (the job goes on; a rerun resumes it).</summary>
    public TimeSpan JobDeadline { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>One attempt of an API call (not a download) may take this long.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>One attempt of a download may take this long.</summary>
    public TimeSpan DownloadTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Retries after the first attempt of a call that may be retried (a create only when no job can exist, or with an idempotency key).</summary>
    public int MaxRetryAttempts { get; set; } = 6;

    /// <summary>The median first backoff; later ones grow exponentially, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest backoff computed by the client.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The longest <c>Retry-After</c> that is honoured as sent; longer ones are cut to this.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Seeds the backoff jitter (tests); null = a random seed.</summary>
    public int? JitterSeed { get; set; }

    /// <summary>
    /// Binds <typeparamref name="T"/> from <paramref name="section"/> of the user's settings (over
    /// the defaults <paramref name="create"/> sets). A value that does not parse (a poll interval
    /// not written hh:mm:ss) is a usage error (exit 2) naming the section.
    /// </summary>
    public static T Bind<T>(ProviderSettings settings, string section, Func<T> create)
        where T : ProviderOptions
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(create);
        var options = create();
        try
        {
            settings.Section(section).Bind(options);
        }
        catch (InvalidOperationException e)
        {
            throw new RecreationException(
                $"The {section} settings (appsettings.json '{section}' or RECREATION_{section}__* variables) are not valid: {e.Message} Durations are written hh:mm:ss, e.g. 00:00:05.",
                ExitCodes.InvalidInput, isFatal: true, e);
        }

        return options;
    }

    /// <summary>False for a service that may take requests without a key (a local chat server): no key is then no error.</summary>
    protected virtual bool KeyRequired => true;

    /// <summary>Every problem with these options, each saying what to set; empty when valid.</summary>
    /// <param name="section">The provider's settings section, for messages (<c>Gemini</c>).</param>
    /// <param name="keyVariable">The environment variable the key comes from, for messages.</param>
    public virtual IReadOnlyList<string> Validate(string section, string keyVariable)
    {
        var errors = new List<string>();
        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            errors.Add($"BaseUrl '{BaseUrl}' is not an absolute http(s) URL: set RECREATION_{section}__BaseUrl to the service's root.");
        }
        else if (!string.IsNullOrEmpty(url.UserInfo))
        {
            errors.Add($"BaseUrl must not carry credentials (user:password@): put the key in {keyVariable}.");
        }

        if (string.IsNullOrWhiteSpace(ApiKey))
        {
            if (KeyRequired)
            {
                errors.Add($"ApiKey is empty: set {keyVariable}.");
            }
        }
        else if (ApiKey.Any(c => char.IsControl(c) || c > '~'))
        {
            errors.Add($"ApiKey contains control or non-ASCII characters: check {keyVariable} for a stray newline or quote.");
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
    public void ThrowIfInvalid(string section, string keyVariable)
    {
        var errors = Validate(section, keyVariable);
        if (errors.Count > 0)
        {
            throw new RecreationException(
                $"The {section} settings are not valid:" + string.Concat(errors.Select(e => Environment.NewLine + "  - " + e)),
                ExitCodes.InvalidInput, isFatal: true);
        }
    }

    /// <summary>The settings for a log line, with the key shown only as set or not.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"BaseUrl={BaseUrl}, ApiKey={(string.IsNullOrEmpty(ApiKey) ? "(none)" : "(set)")}, PollInterval={PollInterval}, JobDeadline={JobDeadline}, MaxRetryAttempts={MaxRetryAttempts}");

    protected static void Positive(List<string> errors, string name, TimeSpan value)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (value <= TimeSpan.Zero)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{name} ({value}) must be longer than zero."));
        }
    }
}