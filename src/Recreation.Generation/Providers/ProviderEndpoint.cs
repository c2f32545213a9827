using Recreation.Core;
using Recreation.Core.Security;

namespace Recreation.Generation.Providers;

/// <summary>
/// The base URL and key of a provider whose settings live in one configuration section
/// (<c>&lt;Section&gt;:BaseUrl</c>, <c>&lt;Section&gt;:ApiKey</c>) and whose key is an environment
/// variable, decided by <see cref="EndpointPolicy"/>: a scene may name a connection the user defined,
/// or ask for a base URL or key variable only where the user's settings allow (refused, exit 2).
/// </summary>
public static class ProviderEndpoint
{
    /// <summary>
    /// Resolves <paramref name="target"/>'s endpoint for the provider <paramref name="name"/>. A refusal
    /// throws (exit 2); a missing key leaves <see cref="ResolvedEndpoint.ApiKey"/> null for the caller
    /// to report (<see cref="RequireKey"/>).
    /// </summary>
    public static ResolvedEndpoint Resolve(ProviderTarget target, ProviderSettings settings, string name, string section, string defaultBaseUrl, string defaultKeyVariable)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(settings);
        var configured = settings.Section(section);
        var request = EndpointRequest.ForScene(target.Scene, name, defaultBaseUrl, defaultKeyVariable) with
        {
            UserBaseUrl = Clean(configured["BaseUrl"]),
            UserBaseUrlSource = $"{section}:BaseUrl (RECREATION_{section}__BaseUrl)",
            UserApiKey = Clean(configured["ApiKey"]),
            UserApiKeySource = $"the setting {section}:ApiKey",
        };
        return EndpointPolicy.Resolve(request, settings.Security, settings.Environment);
    }

    /// <summary>The key of <paramref name="endpoint"/>, or exit 2 saying which variable to set and how to rehearse for free.</summary>
    public static string RequireKey(ResolvedEndpoint endpoint, string name, string whereToGetOne, string rehearsal)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return endpoint.ApiKey ?? throw new RecreationException(MissingKey(endpoint, name, whereToGetOne, rehearsal), ExitCodes.InvalidInput, isFatal: true);
    }

    /// <summary>What to say when no key was found for <paramref name="endpoint"/>.</summary>
    public static string MissingKey(ResolvedEndpoint endpoint, string name, string whereToGetOne, string rehearsal)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var named = endpoint.ConnectionName is { } connection ? $" (named by your connection '{connection}')"
            : endpoint.KeyVariableIsCustom ? " (named by target.api_key_env)" : "";
        return $"The {name} backend needs an API key: set the environment variable {endpoint.KeyVariable}{named} to {whereToGetOne}. {rehearsal}";
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}