namespace Recreation.Core.Security;

/// <summary>
/// What the user trusts, from their own settings only (environment variables, appsettings.json
/// beside the tool, <c>RECREATION_*</c> configuration, command-line flags) — never from a scene
/// file, which is untrusted data. See the README's "Security model".
/// </summary>
/// <param name="Connections">Named connections (<c>Connections:&lt;name&gt;:BaseUrl</c>, <c>…:ApiKeyEnv</c>, <c>…:AuthHeader</c>), by name, case-insensitively.</param>
/// <param name="AllowedBaseUrls">Origins (<c>scheme://host:port</c>) a scene's <c>target.base_url</c> may point at (<c>Security:AllowedBaseUrls</c>, <c>--allow-base-url</c>).</param>
/// <param name="AllowedKeyVariables">Environment variables a scene's <c>target.api_key_env</c> may name besides the backend's default (<c>Security:AllowedKeyVariables</c>, <c>--allow-key-env</c>).</param>
/// <param name="AllowInsecureHttp">Whether plain <c>http://</c> to a host other than this machine is allowed (<c>Security:AllowInsecureHttp</c>, <c>--allow-http</c>).</param>
/// <param name="AllowedInputFolders">Full paths of folders (symlinks resolved) outside a scene's own folder whose files a scene may read (<c>Security:AllowedInputFolders</c>, <c>--allow-input</c>).</param>
public sealed record SecuritySettings(
    IReadOnlyDictionary<string, ConnectionSettings> Connections,
    IReadOnlyList<Uri> AllowedBaseUrls,
    IReadOnlyList<string> AllowedKeyVariables,
    bool AllowInsecureHttp,
    IReadOnlyList<string> AllowedInputFolders)
{
    /// <summary>Nothing allowed beyond the defaults: no connections, no extra hosts, keys or folders, no plain http off this machine.</summary>
    public static SecuritySettings None { get; } = new(
        new Dictionary<string, ConnectionSettings>(StringComparer.OrdinalIgnoreCase), [], [], false, []);
}