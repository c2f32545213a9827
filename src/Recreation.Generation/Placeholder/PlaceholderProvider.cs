using Recreation.Generation.Providers;

namespace Recreation.Generation.Placeholder;

/// <summary>
/// <c>placeholder</c>: stand-in clips rendered on this machine with FFmpeg (<see cref="PlaceholderGenerator"/>).
/// Free, offline, the default; it runs any model profile, and a lost "create" is simply rendered again.
/// </summary>
public sealed class PlaceholderProvider : IClipProvider
{
    public const string ProviderName = "placeholder";

    public string Name => ProviderName;

    public ProviderCapabilities Capabilities { get; } = new()
    {
        FirstFrame = true,
        RunsAnyProfile = true,
        RendersLocally = true,
        DefaultConcurrency = 2,
    };

    public string CacheVersion => PlaceholderGenerator.RenderVersion;

    public ProviderConnection Connect(ProviderTarget target, ProviderSettings settings) =>
        new(null, context => new PlaceholderGenerator(context.Runner));
}