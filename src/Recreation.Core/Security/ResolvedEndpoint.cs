namespace Recreation.Core.Security;

/// <summary>Where a backend's requests go and with which key, as <see cref="EndpointPolicy.Resolve"/> allowed it.</summary>
/// <param name="BaseUrl">The base URL to send to (no trailing slash).</param>
/// <param name="ApiKey">The key, or null when the variable is unset and no key is configured (the caller says what to set). Never print it.</param>
/// <param name="KeyVariable">The environment variable the key is read from.</param>
/// <param name="KeySource">Where the key came from, for messages: <c>environment variable X</c>, the setting, or <c>nowhere (X is not set)</c>.</param>
/// <param name="AuthHeader">The connection's auth header scheme, or null for the backend's setting.</param>
/// <param name="ConnectionName">The user's connection the scene named, or null.</param>
public sealed record ResolvedEndpoint(
    string BaseUrl,
    string? ApiKey,
    string KeyVariable,
    string KeySource,
    string? AuthHeader,
    string? ConnectionName)
{
    /// <summary>The key variable was named by something other than the backend's default (scene or connection).</summary>
    public bool KeyVariableIsCustom { get; init; }
}