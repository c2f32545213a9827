using Recreation.Generation.Http;

namespace Recreation.Generation.Gemini;

/// <summary>
/// How <see cref="GeminiClient"/> reaches the Gemini API (or a proxy or fake speaking it) and how
/// patient it is. <see cref="Providers.ProviderOptions.BaseUrl"/> is the service root as Google's SDKs
/// take it (<c>https://generativelanguage.googleapis.com</c>); the client appends <c>/v1beta/…</c>.
/// </summary>
public sealed class GeminiOptions : ServiceClientOptions
{
    /// <summary>The usual configuration section name.</summary>
    public const string SectionName = "Gemini";

    public const string DefaultRoot = "https://generativelanguage.googleapis.com";

    public GeminiOptions()
    {
        BaseUrl = DefaultRoot;
        // Google's own samples poll a Veo operation every 10 s.
        PollInterval = TimeSpan.FromSeconds(10);
    }

    protected internal override string ServiceName => "the Gemini API";

    protected internal override string KeyVariable => "GEMINI_API_KEY (or GOOGLE_API_KEY)";

    protected internal override string Section => SectionName;

    protected internal override string DefaultBaseUrl => DefaultRoot;

    protected override IReadOnlyList<string> VersionPaths { get; } = ["/v1beta", "/v1", "/v1alpha"];
}