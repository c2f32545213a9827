using Recreation.Core.Security;
using Recreation.Generation.Providers;

namespace Recreation.Generation.Gemini;

/// <summary>
/// Where the <c>gemini</c> backend's settings come from. The user's own settings decide where
/// requests go and which key they carry; a scene may only ask within them (<see cref="EndpointPolicy"/>):
/// <list type="bullet">
/// <item>base URL: <c>Gemini:BaseUrl</c> (appsettings.json or <c>RECREATION_Gemini__BaseUrl</c>), then
/// Google's own root; a scene's <c>target.connection</c> picks a connection the user defined, and its
/// <c>target.base_url</c> is honoured only when it is that same URL or its origin is allowed;</item>
/// <item>key: <c>GOOGLE_API_KEY</c> when it is set, else <c>GEMINI_API_KEY</c> — the order of Google's SDKs
/// (python-genai's <c>get_env_api_key</c> prefers <c>GOOGLE_API_KEY</c> when both are set) — then
/// <c>Gemini:ApiKey</c>; a scene's <c>target.api_key_env</c> only when allowed; never written anywhere;</item>
/// <item>everything else (poll interval, job deadline, retries, timeouts) from the <c>Gemini</c> section.</item>
/// </list>
/// </summary>
internal static class GeminiSettings
{
    /// <summary>Resolves the options for <paramref name="target"/>: a refusal or a missing key is exit 2.</summary>
    public static GeminiOptions Resolve(ProviderTarget target, ProviderSettings settings)
    {
        var (options, endpoint) = ResolveEndpoint(target, settings);
        options.ApiKey = ProviderEndpoint.RequireKey(endpoint, GeminiProvider.ProviderName, WhereToGetOne, Rehearsal);
        options.ThrowIfInvalid();
        return options;
    }

    /// <summary>As <see cref="Resolve"/>, but a missing key is left null for doctor to report; refusals still throw.</summary>
    public static (GeminiOptions Options, ResolvedEndpoint Endpoint) ResolveEndpoint(ProviderTarget target, ProviderSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var options = ProviderOptions.Bind(settings, GeminiOptions.SectionName, () => new GeminiOptions());
        var endpoint = ProviderEndpoint.Resolve(target, settings, GeminiProvider.ProviderName, GeminiOptions.SectionName, GeminiOptions.DefaultRoot, DefaultKeyVariable(settings));
        options.BaseUrl = endpoint.BaseUrl;
        options.ApiKey = endpoint.ApiKey;
        return (options, endpoint);
    }

    /// <summary>What doctor says when no key is set.</summary>
    public static string MissingKey(ResolvedEndpoint endpoint) =>
        ProviderEndpoint.MissingKey(endpoint, GeminiProvider.ProviderName, WhereToGetOne, Rehearsal);

    private const string WhereToGetOne = "a key from Google AI Studio (GEMINI_API_KEY or GOOGLE_API_KEY)";

    private const string Rehearsal = "To rehearse for free, start the fake Gemini API (dotnet run --project tests/Recreation.FakeVideosApi -- --provider gemini) and point RECREATION_Gemini__BaseUrl at it.";

    /// <summary><c>GOOGLE_API_KEY</c> when it is set (Google's SDKs prefer it), else <c>GEMINI_API_KEY</c>.</summary>
    private static string DefaultKeyVariable(ProviderSettings settings) =>
        string.IsNullOrWhiteSpace(settings.Environment("GOOGLE_API_KEY")) ? "GEMINI_API_KEY" : "GOOGLE_API_KEY";
}