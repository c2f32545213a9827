namespace Recreation.Core.Model;

/// <summary>Where and how clips are generated (<c>target:</c>).</summary>
/// <param name="Backend">The provider's name as registered (<c>placeholder</c>, <c>openai</c>, <c>manual</c>, …), lower case.</param>
/// <param name="Concurrency">Jobs in flight at once; null = the provider's default concurrency.</param>
/// <param name="BaseUrl">The scene's <c>target.base_url</c>, or null; honoured only where the user's settings allow it (<see cref="Security.EndpointPolicy"/>).</param>
/// <param name="ApiKeyEnv">The scene's <c>target.api_key_env</c>: the NAME of the environment variable holding the key, or null for the backend's default; the key itself never appears in a scene file. Honoured only where the user's settings allow it.</param>
/// <param name="Connection">The scene's <c>target.connection</c>: the name of a connection defined in the user's settings, or null.</param>
public sealed record TargetSettings(
    string Backend,
    string Model,
    FrameSize Size,
    decimal? MaxCostUsd,
    int? Concurrency,
    string? BaseUrl,
    string? ApiKeyEnv,
    string? Connection = null);