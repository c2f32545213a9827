namespace Recreation.Core.Model;

/// <summary>Where and how clips are generated (<c>target:</c>).</summary>
/// <param name="Backend">The provider's name as registered (<c>placeholder</c>, <c>openai</c>, <c>manual</c>, …), lower case.</param>
/// <param name="Concurrency">Jobs in flight at once; null = the provider's default concurrency.</param>
/// <param name="ApiKeyEnv">The environment variable holding the API key (default <c>OPENAI_API_KEY</c>); the key itself never appears in a scene file.</param>
public sealed record TargetSettings(
    string Backend,
    string Model,
    FrameSize Size,
    decimal? MaxCostUsd,
    int? Concurrency,
    string? BaseUrl,
    string ApiKeyEnv);