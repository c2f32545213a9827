using Microsoft.Extensions.Configuration;

using Recreation.Core;
using Recreation.Core.Security;

namespace Recreation.Generation.OpenAI;

/// <summary>
/// Where the <c>openai</c> backend's settings come from. The user's own settings decide where
/// requests go and which key they carry; a scene file may only ask within them
/// (<see cref="EndpointPolicy"/>):
/// <list type="bullet">
/// <item>base URL: <c>OpenAI:BaseUrl</c> (appsettings.json or <c>RECREATION_OpenAI__BaseUrl</c>), then
/// <c>OPENAI_BASE_URL</c> (the name OpenAI's SDKs use), then OpenAI's own; a scene's <c>target.connection</c>
/// picks a connection the user defined, and its <c>target.base_url</c> is honoured only when it is that
/// same URL or its origin is allowed (<c>Security:AllowedBaseUrls</c>, <c>--allow-base-url</c>);</item>
/// <item>key: the environment variable <c>OPENAI_API_KEY</c> (or the connection's <c>ApiKeyEnv</c>, or the
/// scene's <c>target.api_key_env</c> when allowed: <c>Security:AllowedKeyVariables</c>, <c>--allow-key-env</c>),
/// then <c>OpenAI:ApiKey</c>; the key is never written anywhere;</item>
/// <item>organisation and project: <c>OpenAI:Organization</c>/<c>OpenAI:Project</c>, then <c>OPENAI_ORG_ID</c>/<c>OPENAI_PROJECT_ID</c>;</item>
/// <item>everything else (<c>AuthHeader</c> bearer|api-key and <c>RecoverLostCreates</c> — a connection's own win —, poll bounds, job deadline, retries) from the <c>OpenAI</c> section.</item>
/// </list>
/// </summary>
internal static class OpenAISettings
{
    public const string DefaultBaseUrl = "https://api.openai.com/v1";
    public const string DefaultKeyVariable = "OPENAI_API_KEY";

    /// <summary>
    /// The settings for <paramref name="scene"/>'s target (null: the defaults). A scene asking for
    /// what the user's settings do not allow is refused (exit 2) before anything is sent; a missing
    /// key is a usage error (exit 2) naming what to set.
    /// </summary>
    public static OpenAIVideosOptions Resolve(CompiledScene? scene, IConfiguration configuration, Func<string, string?> environment, SecuritySettings security)
    {
        var (options, endpoint) = ResolveEndpoint(scene, configuration, environment, security);
        if (options.ApiKey is null)
        {
            throw new RecreationException(MissingKey(endpoint), ExitCodes.InvalidInput, isFatal: true);
        }

        options.ThrowIfInvalid();
        return options;
    }

    /// <summary>
    /// As <see cref="Resolve"/>, but a missing key is left to the caller (<c>doctor</c> reports it):
    /// <see cref="OpenAIVideosOptions.ApiKey"/> is then null. Refusals still throw.
    /// </summary>
    public static (OpenAIVideosOptions Options, ResolvedEndpoint Endpoint) ResolveEndpoint(CompiledScene? scene, IConfiguration configuration, Func<string, string?> environment, SecuritySettings security)
    {
        var section = configuration.GetSection(OpenAIVideosOptions.SectionName);
        var options = new OpenAIVideosOptions();
        try
        {
            section.Bind(options);
        }
        catch (InvalidOperationException e)
        {
            throw new RecreationException($"The OpenAI settings (appsettings.json or RECREATION_OpenAI__* variables) are not valid: {e.Message}", ExitCodes.InvalidInput, isFatal: true, e);
        }

        var (userBaseUrl, userBaseUrlSource) = UserBaseUrl(configuration, environment);
        var request = EndpointRequest.ForScene(scene, "openai", DefaultBaseUrl, DefaultKeyVariable) with
        {
            UserBaseUrl = userBaseUrl,
            UserBaseUrlSource = userBaseUrlSource,
            UserApiKey = First(section["ApiKey"]),
            UserApiKeySource = "the setting OpenAI:ApiKey",
        };
        var endpoint = EndpointPolicy.Resolve(request, security, environment);
        options.BaseUrl = endpoint.BaseUrl;
        options.ApiKey = endpoint.ApiKey;
        if (endpoint.AuthHeader is { } header)
        {
            options.AuthHeader = header;
        }

        options.Organization = First(section["Organization"], environment("OPENAI_ORG_ID"));
        options.Project = First(section["Project"], environment("OPENAI_PROJECT_ID"));
        if (endpoint.ConnectionName is { } name && First(configuration[$"Connections:{name}:RecoverLostCreates"]) is { } recover)
        {
            options.RecoverLostCreates = bool.TryParse(recover, out var value)
                ? value
                : throw new RecreationException(
                    $"The setting Connections:{name}:RecoverLostCreates (RECREATION_Connections__{name}__RecoverLostCreates) is '{recover}': write true, or false for a gateway that keeps no list of jobs and passes no Idempotency-Key on.",
                    ExitCodes.InvalidInput, isFatal: true);
        }

        return (options, endpoint);
    }

    /// <summary>
    /// The base URL the user's own settings give the openai backend — <c>OpenAI:BaseUrl</c>, then
    /// <c>OPENAI_BASE_URL</c> — and which one it came from; null when neither is set (OpenAI's own,
    /// <see cref="DefaultBaseUrl"/>). <c>OPENAI_API_KEY</c> belongs to this host.
    /// </summary>
    public static (string? BaseUrl, string Source) UserBaseUrl(IConfiguration configuration, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var configured = First(configuration.GetSection(OpenAIVideosOptions.SectionName)["BaseUrl"]);
        return configured is not null ? (configured, "OpenAI:BaseUrl (RECREATION_OpenAI__BaseUrl)") : (First(environment("OPENAI_BASE_URL")), "OPENAI_BASE_URL");
    }

    /// <summary>What to say when no key was found for <paramref name="endpoint"/>.</summary>
    public static string MissingKey(ResolvedEndpoint endpoint) =>
        $"The openai backend needs an API key: set the environment variable {endpoint.KeyVariable} to the key for {endpoint.BaseUrl}"
        + (endpoint.ConnectionName is { } name ? $" (named by your connection '{name}')" : endpoint.KeyVariableIsCustom ? " (named by target.api_key_env)" : "")
        + ". To rehearse a paid run for free, start the fake Videos API (see the README) and point OPENAI_BASE_URL at it.";

    private static string? First(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();
}