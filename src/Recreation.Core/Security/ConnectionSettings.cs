namespace Recreation.Core.Security;

/// <summary>
/// A named connection the user defined in their own settings (<c>Connections:&lt;name&gt;:…</c> in
/// appsettings.json, or <c>RECREATION_Connections__&lt;name&gt;__BaseUrl</c> and so on): where a
/// backend sends its requests and which environment variable holds the key. A scene file may only
/// name it (<c>target.connection: &lt;name&gt;</c>).
/// </summary>
/// <param name="Name">The name a scene uses.</param>
/// <param name="BaseUrl">The service's base URL; null means the backend's own (the user's setting, else its default).</param>
/// <param name="ApiKeyEnv">The environment variable holding the key; null means the backend's default variable.</param>
/// <param name="AuthHeader">How the key is sent when the backend has a choice (e.g. <c>bearer</c> or <c>api-key</c>); null means the backend's setting.</param>
public sealed record ConnectionSettings(string Name, string? BaseUrl, string? ApiKeyEnv, string? AuthHeader);