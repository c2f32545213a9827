using Recreation.Core;
using Recreation.Generation.Providers;

namespace Recreation.Generation.Http;

/// <summary>
/// The <see cref="ProviderOptions"/> of an HTTP video service client (Gemini, Runway), which also
/// know their own names for messages: the service, the key variable and the base URL setting. On
/// top of the shared checks, a base URL must be the service's root (no version path, query or
/// fragment: the client appends <c>/v1beta/…</c> or <c>/v1/…</c>) and a key has no spaces.
/// <see cref="ProviderOptions.ApiKey"/> never appears in <see cref="ProviderOptions.ToString"/>,
/// logs or exception messages.
/// </summary>
public abstract class ServiceClientOptions : ProviderOptions
{
    /// <summary>The provider's settings section, e.g. <c>Gemini</c> (so <c>RECREATION_Gemini__BaseUrl</c>).</summary>
    protected internal abstract string Section { get; }

    /// <summary>The service's name in messages, e.g. "the Gemini API".</summary>
    protected internal abstract string ServiceName { get; }

    /// <summary>Where the key comes from, e.g. <c>GEMINI_API_KEY</c>.</summary>
    protected internal abstract string KeyVariable { get; }

    /// <summary>The setting that overrides <see cref="ProviderOptions.BaseUrl"/>, e.g. <c>RECREATION_Gemini__BaseUrl</c>.</summary>
    protected internal string BaseUrlSetting => $"RECREATION_{Section}__BaseUrl";

    /// <summary>
    /// The highest average bit rate a downloaded video may have (bits per second, default 50 Mbit/s,
    /// as the openai backend's): a download is capped at <see cref="MaxDownloadBytes"/>, so an endless
    /// or huge answer stops there and nothing is kept.
    /// </summary>
    public long MaxVideoBitrate { get; set; } = 50_000_000;

    /// <summary>Bytes allowed on top of length × <see cref="MaxVideoBitrate"/> (container, audio; default 16 MiB).</summary>
    public long DownloadSlackBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>
    /// The most bytes one download may have when the clip's length is not known. The services'
    /// longest clips are well under a minute, so this is the cap of a 60 s clip (<see cref="MaxDownloadBytesFor"/>).
    /// </summary>
    public long MaxDownloadBytes => MaxDownloadBytesFor(LongestClipSeconds);

    /// <summary>
    /// The most bytes the download of a clip of <paramref name="seconds"/> may have: seconds ×
    /// <see cref="MaxVideoBitrate"/> / 8 + <see cref="DownloadSlackBytes"/> (a length that is not a
    /// positive number counts as 60 s).
    /// </summary>
    public long MaxDownloadBytesFor(double seconds)
    {
        var length = seconds > 0 && double.IsFinite(seconds) ? seconds : LongestClipSeconds;
        return (long)(length * Math.Max(100_000, MaxVideoBitrate) / 8) + Math.Max(0, DownloadSlackBytes);
    }

    private const double LongestClipSeconds = 60;

    /// <summary>The settings that raise the download cap, for messages.</summary>
    protected internal string DownloadLimitSettings => $"RECREATION_{Section}__MaxVideoBitrate, RECREATION_{Section}__DownloadSlackBytes";

    /// <summary>The service's own root, shown in messages.</summary>
    protected internal abstract string DefaultBaseUrl { get; }

    /// <summary>Version paths a user might paste into <see cref="ProviderOptions.BaseUrl"/> by mistake (e.g. <c>/v1beta</c>).</summary>
    protected abstract IReadOnlyList<string> VersionPaths { get; }

    /// <summary>Every problem with these options, each saying what to set; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = Validate(Section, KeyVariable).ToList();
        if (Uri.TryCreate(BaseUrl, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" && string.IsNullOrEmpty(url.UserInfo))
        {
            if (!string.IsNullOrEmpty(url.Query) || !string.IsNullOrEmpty(url.Fragment))
            {
                errors.Add($"BaseUrl '{BaseUrl}' has a query or fragment: set {BaseUrlSetting} to the service's root only, e.g. {DefaultBaseUrl}.");
            }
            else if (VersionPaths.FirstOrDefault(p => url.AbsolutePath.TrimEnd('/').EndsWith(p, StringComparison.OrdinalIgnoreCase)) is { } version)
            {
                errors.Add($"BaseUrl '{BaseUrl}' ends in {version}: set {BaseUrlSetting} to the service's root ({DefaultBaseUrl}); the client adds {version} itself.");
            }
        }

        if (!string.IsNullOrWhiteSpace(ApiKey) && ApiKey.Contains(' ', StringComparison.Ordinal))
        {
            errors.Add($"ApiKey contains a space: check {KeyVariable} for a stray quote or a second word.");
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
                $"The settings for {ServiceName} are not valid:" + string.Concat(errors.Select(e => Environment.NewLine + "  - " + e)),
                ExitCodes.InvalidInput, isFatal: true);
        }
    }
}