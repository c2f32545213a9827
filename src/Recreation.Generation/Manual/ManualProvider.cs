using Recreation.Generation.Providers;

namespace Recreation.Generation.Manual;

/// <summary>
/// <c>manual</c>: a person generates each clip in a web app and imports the file
/// (<see cref="ManualClipGenerator"/>). Nothing is submitted or spent; any model profile can be
/// made by hand.
/// </summary>
public sealed class ManualProvider : IClipProvider
{
    public const string ProviderName = "manual";

    public string Name => ProviderName;

    public ProviderCapabilities Capabilities { get; } = new()
    {
        FirstFrame = true,
        RunsAnyProfile = true,
        MadeByHand = true,
        DefaultConcurrency = 2,
    };

    public ProviderConnection Connect(ProviderTarget target, ProviderSettings settings) =>
        new(null, _ => new ManualClipGenerator());
}