namespace Recreation.Core.Model;

/// <summary>Where and how clips are generated (<c>target:</c>).</summary>
/// <param name="ApiKeyEnv">The environment variable holding the API key (default <c>OPENAI_API_KEY</c>); the key itself never appears in a scene file.</param>
public sealed record TargetSettings(
    Backend Backend,
    string Model,
    FrameSize Size,
    decimal? MaxCostUsd,
    int Concurrency,
    string? BaseUrl,
    string ApiKeyEnv);