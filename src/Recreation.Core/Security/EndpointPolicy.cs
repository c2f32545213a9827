using Recreation.Core.Diagnostics;

namespace Recreation.Core.Security;

/// <summary>
/// The one place that decides where a backend's requests go and which key they carry, for every
/// backend alike. A scene file is untrusted: it may name a connection the user defined, and it may
/// set <c>target.base_url</c> / <c>target.api_key_env</c> only where the user's own settings allow
/// it. Everything that resolves a scene's target for sending (<c>run</c>, <c>retake</c>,
/// <c>doctor</c>, every provider) calls <see cref="Resolve"/> before anything is sent or written.
/// </summary>
/// <remarks>
/// <para>How a provider uses it: build an <see cref="EndpointRequest"/> with the provider's name, its
/// default base URL and key variable, what the user's settings say for it (base URL, a configured
/// key) and the scene's requested values with their positions (<see cref="EndpointRequest.ForScene"/>
/// reads them from a compiled scene), then call <see cref="Resolve"/> with the user's
/// <see cref="SecuritySettings"/> and the environment. It returns the base URL and key to use (the
/// key may be null: the caller says which variable to set), or throws
/// <see cref="InvalidInputException"/> (exit 2) naming <c>file:line:column</c>, the field, and how to
/// allow it — or <see cref="RecreationException"/> (exit 2) when the user's own settings name a
/// plain-http host off this machine.</para>
/// <para>The rules, in order:</para>
/// <list type="number">
/// <item><c>target.connection</c> names one of <see cref="SecuritySettings.Connections"/> (unknown: refused, the
/// defined names listed); with it, <c>base_url</c> and <c>api_key_env</c> are refused (the connection says both).</item>
/// <item>A scene's <c>base_url</c> is allowed when it is the base URL the user's settings resolve to for this
/// backend (or its default), or its origin is in <see cref="SecuritySettings.AllowedBaseUrls"/>; never with a
/// user:password part.</item>
/// <item>A scene's <c>api_key_env</c> is allowed when it is the backend's default variable or listed in
/// <see cref="SecuritySettings.AllowedKeyVariables"/>.</item>
/// <item>Whatever set it, a plain <c>http://</c> base URL to a host other than this machine (loopback
/// addresses and <c>localhost</c>) is refused unless <see cref="SecuritySettings.AllowInsecureHttp"/>.</item>
/// <item>The key is the variable's value; without a connection, a key configured in the user's settings
/// (<see cref="EndpointRequest.UserApiKey"/>) stands in when the variable is unset.</item>
/// </list>
/// </remarks>
public static class EndpointPolicy
{
    private const string BaseUrlField = "target.base_url";

    /// <summary>Decides the base URL and key for <paramref name="request"/>; see the type's remarks for the rules.</summary>
    /// <param name="environment">Reads an environment variable (<c>Environment.GetEnvironmentVariable</c>; tests pass their own).</param>
    /// <exception cref="InvalidInputException">The scene asks for something the user's settings do not allow (exit 2).</exception>
    /// <exception cref="RecreationException">The user's own settings name an unusable or plain-http base URL (exit 2).</exception>
    public static ResolvedEndpoint Resolve(EndpointRequest request, SecuritySettings settings, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(environment);

        var userBaseUrl = Clean(request.UserBaseUrl) ?? request.DefaultBaseUrl;
        var userBaseUrlSource = Clean(request.UserBaseUrl) is null ? $"the {request.Backend} default" : request.UserBaseUrlSource ?? "your settings";
        var errors = new List<Diagnostic>();
        ConnectionSettings? connection = null;
        if (request.Connection is { } named)
        {
            foreach (var extra in new[] { request.BaseUrl, request.KeyVariable }.OfType<SceneValue>())
            {
                errors.Add(extra.Error($"cannot be used together with target.connection: the connection '{named.Value}' in your settings says where to connect and which key to use; remove {extra.Path}"));
            }

            if (!settings.Connections.TryGetValue(named.Value, out connection))
            {
                errors.Add(named.Error(UnknownConnection(named.Value, settings)));
            }
        }
        else
        {
            if (request.BaseUrl is { } asked && !BaseUrlAllowed(asked.Value, userBaseUrl, settings))
            {
                errors.Add(asked.Error(RefusedBaseUrl(request, asked.Value, userBaseUrl, userBaseUrlSource)));
            }

            if (request.KeyVariable is { } key && !KeyVariableAllowed(key.Value, request.DefaultKeyVariable, settings))
            {
                errors.Add(key.Error(RefusedKeyVariable(request, key.Value)));
            }
        }

        if (errors.Count > 0)
        {
            throw new InvalidInputException(errors);
        }

        string baseUrl;
        string keyVariable;
        if (connection is not null)
        {
            baseUrl = Clean(connection.BaseUrl) ?? userBaseUrl;
            keyVariable = Clean(connection.ApiKeyEnv) ?? request.DefaultKeyVariable;
            var source = Clean(connection.BaseUrl) is null ? userBaseUrlSource : $"Connections:{connection.Name}:BaseUrl";
            CheckTransport(baseUrl, request.Backend, request.DefaultBaseUrl, settings, request.Connection, $"the connection '{connection.Name}' ({source})");
        }
        else
        {
            baseUrl = request.BaseUrl?.Value.Trim() ?? userBaseUrl;
            keyVariable = request.KeyVariable?.Value ?? request.DefaultKeyVariable;
            CheckTransport(baseUrl, request.Backend, request.DefaultBaseUrl, settings, request.BaseUrl, request.BaseUrl is null ? userBaseUrlSource : BaseUrlField);
        }

        var value = Clean(environment(keyVariable));
        var keySource = $"environment variable {keyVariable}";
        if (value is null && connection is null && Clean(request.UserApiKey) is { } configured)
        {
            value = configured;
            keySource = request.UserApiKeySource ?? "your settings";
        }
        else if (value is null)
        {
            keySource = $"nowhere ({keyVariable} is not set)";
        }

        return new ResolvedEndpoint(baseUrl.TrimEnd('/'), value, keyVariable, keySource, Clean(connection?.AuthHeader), connection?.Name)
        {
            KeyVariableIsCustom = keyVariable != request.DefaultKeyVariable,
        };
    }

    /// <summary>True when <paramref name="url"/> is plain http to a host other than this machine.</summary>
    public static bool IsInsecureRemote(Uri url) => url.Scheme == Uri.UriSchemeHttp && !url.IsLoopback;

    /// <summary>The origin of <paramref name="url"/>: <c>scheme://host:port</c>, lower case, the port always written.</summary>
    public static string Origin(Uri url) => $"{url.Scheme}://{url.IdnHost}:{url.Port}".ToLowerInvariant();

    private static bool BaseUrlAllowed(string asked, string userBaseUrl, SecuritySettings settings)
    {
        if (!Uri.TryCreate(asked.Trim(), UriKind.Absolute, out var url) || url.UserInfo.Length > 0)
        {
            return false;
        }

        if (Uri.TryCreate(userBaseUrl, UriKind.Absolute, out var own) && Normalize(own) == Normalize(url))
        {
            return true;
        }

        var origin = Origin(url);
        return settings.AllowedBaseUrls.Any(allowed => Origin(allowed) == origin);
    }

    private static bool KeyVariableAllowed(string asked, string defaultVariable, SecuritySettings settings) =>
        asked == defaultVariable || settings.AllowedKeyVariables.Contains(asked, StringComparer.Ordinal);

    /// <summary>
    /// Checks a base URL that the user's own settings alone give (no scene asks for it; e.g.
    /// <c>analyze --describe</c>'s): an absolute http(s) URL, and not plain <c>http://</c> to a host
    /// other than this machine unless <see cref="SecuritySettings.AllowInsecureHttp"/> — the same rule 4
    /// as <see cref="Resolve"/>.
    /// </summary>
    /// <param name="backend">The service's name in messages.</param>
    /// <param name="baseUrl">The base URL to check.</param>
    /// <param name="source">The setting it came from, for messages.</param>
    /// <param name="example">The service's usual base URL, for messages.</param>
    /// <param name="settings">What the user trusts.</param>
    /// <exception cref="RecreationException">The URL is not usable or is plain http off this machine (exit 2).</exception>
    public static void CheckUserBaseUrl(string backend, string baseUrl, string source, string example, SecuritySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        CheckTransport(baseUrl, backend, example, settings, at: null, source);
    }

    private static void CheckTransport(string baseUrl, string backend, string defaultBaseUrl, SecuritySettings settings, SceneValue? at, string source)
    {
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            Fail(at, $"The {backend} base URL '{baseUrl}' (from {source}) is not an absolute http(s) URL; set it to the service's base, e.g. {defaultBaseUrl}.");
            return;
        }

        if (IsInsecureRemote(url) && !settings.AllowInsecureHttp)
        {
            Fail(at, $"The {backend} base URL {baseUrl} (from {source}) is plain http:// to {url.Host}, another machine: the key and every prompt would cross the network unencrypted. "
                + "Use https://, or if you mean it, allow it with --allow-http or the setting Security:AllowInsecureHttp=true (RECREATION_Security__AllowInsecureHttp=true). "
                + "http:// to this machine (127.0.0.1, ::1, localhost) is always allowed.");
        }
    }

    private static void Fail(SceneValue? at, string message)
    {
        if (at is not null)
        {
            throw new InvalidInputException([at.Error(message)]);
        }

        throw new RecreationException(message, ExitCodes.InvalidInput, isFatal: true);
    }

    private static string RefusedBaseUrl(EndpointRequest request, string asked, string userBaseUrl, string userBaseUrlSource)
    {
        var origin = Uri.TryCreate(asked.Trim(), UriKind.Absolute, out var url) ? $"{url.Scheme}://{url.Authority}" : asked;
        var userInfo = url is { UserInfo.Length: > 0 } ? " (a base URL may not carry user:password@)" : "";
        return $"this scene would send your {request.Backend} key to {asked}{userInfo}, which your settings do not allow: a scene file cannot choose where credentials go "
            + $"(your {request.Backend} base URL is {userBaseUrl}, from {userBaseUrlSource}). "
            + $"If you trust that service, allow it: pass --allow-base-url {origin}, or set Security:AllowedBaseUrls (RECREATION_Security__AllowedBaseUrls={origin}), "
            + "or define a connection in your settings (RECREATION_Connections__NAME__BaseUrl=…, RECREATION_Connections__NAME__ApiKeyEnv=…) and write target.connection: NAME instead";
    }

    private static string RefusedKeyVariable(EndpointRequest request, string asked) =>
        $"this scene would send the environment variable {asked} as your {request.Backend} key, which your settings do not allow: a scene may only use {request.DefaultKeyVariable} "
        + $"or a variable you allowed. If {asked} holds a key meant for this service, allow it: pass --allow-key-env {asked}, or set Security:AllowedKeyVariables "
        + $"(RECREATION_Security__AllowedKeyVariables={asked}), or define a connection in your settings (RECREATION_Connections__NAME__ApiKeyEnv={asked}, with its BaseUrl) and write target.connection: NAME instead";

    private static string UnknownConnection(string name, SecuritySettings settings)
    {
        var defined = settings.Connections.Count == 0
            ? "your settings define no connections"
            : $"your settings define: {string.Join(", ", settings.Connections.Keys.Order(StringComparer.OrdinalIgnoreCase))}";
        return $"unknown connection '{name}' ({defined}). Define it in your own settings: RECREATION_Connections__{name}__BaseUrl=https://… and "
            + $"RECREATION_Connections__{name}__ApiKeyEnv=VARIABLE (or Connections:{name} in appsettings.json beside recreate)";
    }

    private static string Normalize(Uri url) => Origin(url) + url.AbsolutePath.TrimEnd('/') + url.Query;

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}