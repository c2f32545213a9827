using Recreation.Generation.Http;

namespace Recreation.Generation.Runway;

/// <summary>
/// How <see cref="RunwayClient"/> reaches the Runway API (or a proxy or fake speaking it) and how
/// patient it is. <see cref="Providers.ProviderOptions.BaseUrl"/> is the service root as Runway's SDKs
/// take it (<c>https://api.dev.runwayml.com</c>); the client appends <c>/v1/…</c>.
/// </summary>
public sealed class RunwayOptions : ServiceClientOptions
{
    /// <summary>The usual configuration section name.</summary>
    public const string SectionName = "Runway";

    public const string DefaultRoot = "https://api.dev.runwayml.com";

    /// <summary>The API version Runway's SDKs send as <c>X-Runway-Version</c> (December 2026).</summary>
    public const string DefaultApiVersion = "2024-11-06";

    public RunwayOptions()
    {
        BaseUrl = DefaultRoot;
        // Runway's SDKs poll a task every 6 s (±1.5 s jitter).
        PollInterval = TimeSpan.FromSeconds(6);
    }

    /// <summary>Sent as <c>X-Runway-Version</c> on every API call.</summary>
    public string ApiVersion { get; set; } = DefaultApiVersion;

    protected internal override string ServiceName => "the Runway API";

    protected internal override string KeyVariable => "RUNWAYML_API_SECRET";

    protected internal override string Section => SectionName;

    protected internal override string DefaultBaseUrl => DefaultRoot;

    protected override IReadOnlyList<string> VersionPaths { get; } = ["/v1"];
}