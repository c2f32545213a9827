using Recreation.Generation.Http;

namespace Recreation.Generation.Fal;

/// <summary>
/// How <see cref="FalClient"/> reaches fal's queue (or a fake speaking it) and how patient it is.
/// <see cref="Providers.ProviderOptions.BaseUrl"/> is the queue host's root (<c>https://queue.fal.run</c>);
/// the client appends the model id (<c>fal-ai/kling-video/v2.1/standard/image-to-video</c>) and, for
/// status, result and cancel, <c>{owner}/{app}/requests/{id}</c>.
/// </summary>
public sealed class FalOptions : ServiceClientOptions
{
    /// <summary>The usual configuration section name.</summary>
    public const string SectionName = "Fal";

    public const string DefaultRoot = "https://queue.fal.run";

    public FalOptions()
    {
        BaseUrl = DefaultRoot;
        // fal's clients poll the status every 0.5-1 s; video jobs take minutes, so every 5 s is plenty.
        PollInterval = TimeSpan.FromSeconds(5);
    }

    protected internal override string ServiceName => "fal's queue API";

    protected internal override string KeyVariable => FalSettings.KeyVariable;

    protected internal override string Section => SectionName;

    protected internal override string DefaultBaseUrl => DefaultRoot;

    protected override IReadOnlyList<string> VersionPaths { get; } = ["/fal-ai"];
}