namespace Recreation.Generation.Providers;

/// <summary>
/// Builds the generator for a target: the provider its <c>backend</c> names, connected with the
/// user's settings. One factory serves every scene a process runs, whatever their targets (a
/// batch, a long-running worker).
/// </summary>
public sealed class ClipGeneratorFactory(ProviderRegistry registry, ProviderContext context, ProviderSettings? settings = null)
{
    public ProviderRegistry Registry => registry;

    public ProviderSettings Settings { get; } = settings ?? ProviderSettings.Empty;

    /// <summary>The provider called <paramref name="backend"/> (an unknown name: exit 2 with the known ones).</summary>
    public IClipProvider Provider(string backend) => registry.Get(backend);

    /// <summary>A generator for <paramref name="target"/>; its settings are resolved now (a missing key: exit 2, nothing sent).</summary>
    public IClipGenerator Create(ProviderTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return registry.Get(target.Settings.Backend).Connect(target, Settings).CreateGenerator(context);
    }
}