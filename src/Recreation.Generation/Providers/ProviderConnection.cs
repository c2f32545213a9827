namespace Recreation.Generation.Providers;

/// <summary>
/// A provider's settings resolved for one target (<see cref="IClipProvider.Connect"/>): checked, not
/// used yet. Nothing has been sent and nothing written; <see cref="CreateGenerator"/> builds the
/// generator that will send.
/// </summary>
/// <param name="endpoint">Where requests go, for the line printed before a run (e.g. a base URL); never a key. Null for local providers.</param>
public sealed class ProviderConnection(string? endpoint, Func<ProviderContext, IClipGenerator> create)
{
    public string? Endpoint => endpoint;

    public IClipGenerator CreateGenerator(ProviderContext context) => create(context);
}