namespace Recreation.Core.Security;

/// <summary>
/// What <see cref="EndpointPolicy.Resolve"/> decides on: a backend's defaults, what the user's own
/// settings say for it, and what the scene file asks for (each with its position in the file).
/// </summary>
/// <param name="Backend">The backend's name as a user writes it (<c>openai</c>, <c>runway</c>…), for messages.</param>
/// <param name="DefaultBaseUrl">The backend's own base URL, used when neither the user nor the scene names one.</param>
/// <param name="DefaultKeyVariable">The environment variable that holds the backend's key by default (<c>OPENAI_API_KEY</c>); a scene may always name it.</param>
/// <param name="UserBaseUrl">The base URL the user's own settings give this backend (for openai: <c>OpenAI:BaseUrl</c>, then <c>OPENAI_BASE_URL</c>); null when they give none.</param>
/// <param name="UserBaseUrlSource">Which setting <paramref name="UserBaseUrl"/> came from, for messages (e.g. <c>OPENAI_BASE_URL</c>).</param>
/// <param name="UserApiKey">A key written in the user's settings (e.g. <c>OpenAI:ApiKey</c>), used when the key variable is unset; null when none.</param>
/// <param name="UserApiKeySource">Which setting <paramref name="UserApiKey"/> came from, for messages.</param>
/// <param name="Connection">The scene's <c>target.connection</c>, or null.</param>
/// <param name="BaseUrl">The scene's <c>target.base_url</c>, or null.</param>
/// <param name="KeyVariable">The scene's <c>target.api_key_env</c>, or null.</param>
public sealed record EndpointRequest(
    string Backend,
    string DefaultBaseUrl,
    string DefaultKeyVariable,
    string? UserBaseUrl = null,
    string? UserBaseUrlSource = null,
    string? UserApiKey = null,
    string? UserApiKeySource = null,
    SceneValue? Connection = null,
    SceneValue? BaseUrl = null,
    SceneValue? KeyVariable = null)
{
    /// <summary>
    /// A request carrying <paramref name="scene"/>'s <c>target.connection</c>, <c>target.base_url</c> and
    /// <c>target.api_key_env</c> with their positions; add the user's settings with <c>with { UserBaseUrl = … }</c>.
    /// </summary>
    public static EndpointRequest ForScene(CompiledScene? scene, string backend, string defaultBaseUrl, string defaultKeyVariable)
    {
        var target = scene?.File.Target;
        return new EndpointRequest(backend, defaultBaseUrl, defaultKeyVariable)
        {
            Connection = At(scene, "target.connection", target?.Connection),
            BaseUrl = At(scene, "target.base_url", target?.BaseUrl),
            KeyVariable = At(scene, "target.api_key_env", target?.ApiKeyEnv),
        };
    }

    private static SceneValue? At(CompiledScene? scene, string path, string? value)
    {
        if (scene is null || value is null)
        {
            return null;
        }

        var (line, column) = scene.Map.Find(path);
        return new SceneValue(value, scene.Map.File, line, column, path);
    }
}