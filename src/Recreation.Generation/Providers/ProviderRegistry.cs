using Recreation.Core;
using Recreation.Core.Model;
using Recreation.Core.Profiles;
using Recreation.Core.Security;
using Recreation.Generation.Fal;
using Recreation.Generation.Gemini;
using Recreation.Generation.Manual;
using Recreation.Generation.OpenAI;
using Recreation.Generation.OpenRouter;
using Recreation.Generation.Placeholder;
using Recreation.Generation.Replicate;
using Recreation.Generation.Runway;

namespace Recreation.Generation.Providers;

/// <summary>
/// The providers a process knows, looked up by name (case-insensitively). Immutable: a test or a
/// host that needs another provider, or another generator for one, makes a copy with
/// <see cref="With"/> or <see cref="WithGenerator"/>.
/// </summary>
public sealed class ProviderRegistry
{
    private readonly IReadOnlyList<IClipProvider> _providers;

    public ProviderRegistry(IEnumerable<IClipProvider> providers)
    {
        ArgumentNullException.ThrowIfNull(providers);
        _providers = providers.ToList();
        var twice = _providers.GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
        {
            throw new ArgumentException($"The provider name '{twice.Key}' is registered twice.", nameof(providers));
        }
    }

    /// <summary>Every provider built into recreate. Adding a provider adds one line here (see <see cref="IClipProvider"/>).</summary>
    public static ProviderRegistry BuiltIn { get; } = new(
    [
        new PlaceholderProvider(),
        new OpenAIProvider(),
        new GeminiProvider(),
        new RunwayProvider(),
        new FalProvider(),
        new ReplicateProvider(),
        new OpenRouterProvider(),
        new ManualProvider(),
    ]);

    public IReadOnlyList<IClipProvider> All => _providers;

    public IEnumerable<string> Names => _providers.Select(p => p.Name);

    /// <summary>The names for Core's scene validation, with the ones that run any profile.</summary>
    public KnownBackends Backends => new(
        _providers.Select(p => p.Name).ToArray(),
        _providers.Where(p => p.Capabilities.RunsAnyProfile).Select(p => p.Name).ToArray());

    public IClipProvider? Find(string name) =>
        _providers.FirstOrDefault(p => string.Equals(p.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The provider called <paramref name="name"/>; an unknown name is a usage error (exit 2) listing the known ones.</summary>
    public IClipProvider Get(string name) =>
        Find(name) ?? throw new RecreationException(
            $"There is no backend '{name}'; the known backends are: {string.Join(", ", Names)}.", ExitCodes.InvalidInput);

    /// <summary>A copy with <paramref name="provider"/> added, or replacing the one of the same name.</summary>
    public ProviderRegistry With(IClipProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        return new(_providers.Where(p => !string.Equals(p.Name, provider.Name, StringComparison.OrdinalIgnoreCase)).Append(provider));
    }

    /// <summary>
    /// A copy in which the provider <paramref name="name"/> keeps its name, capabilities and cache
    /// version but its generators come from <paramref name="create"/> (tests; hosts that build the
    /// generator themselves).
    /// </summary>
    public ProviderRegistry WithGenerator(string name, Func<ProviderTarget, IClipGenerator> create) =>
        With(new GeneratorOverride(Get(name), create));

    /// <summary>
    /// The built-in model profiles plus every provider's own (<see cref="IClipProvider.ProfilesYaml"/>);
    /// a user's file and a scene's <c>profiles:</c> are added on top of this.
    /// </summary>
    public ProfileCatalog Catalog()
    {
        var catalog = ProfileCatalog.BuiltIn;
        foreach (var provider in _providers)
        {
            if (provider.ProfilesYaml is { } yaml)
            {
                catalog = catalog.WithYaml(yaml, $"{provider.Name} profiles.yaml");
            }
        }

        return catalog;
    }

    /// <summary>Compiles a scene file with this registry's profiles and backend names.</summary>
    public CompiledScene Compile(string path, ProfileCatalog? catalog = null, SecuritySettings? security = null) =>
        SceneCompiler.Compile(path, catalog ?? Catalog(), security, Backends);

    private sealed class GeneratorOverride(IClipProvider inner, Func<ProviderTarget, IClipGenerator> create) : IClipProvider
    {
        public string Name => inner.Name;

        public ProviderCapabilities Capabilities => inner.Capabilities;

        public string CacheVersion => inner.CacheVersion;

        public string? ProfilesYaml => inner.ProfilesYaml;

        public ProviderConnection Connect(ProviderTarget target, ProviderSettings settings) => new(null, _ => create(target));

        public Task<IReadOnlyList<ProviderCheck>> CheckAsync(ProviderTarget target, ProviderSettings settings, CancellationToken cancellationToken = default) =>
            inner.CheckAsync(target, settings, cancellationToken);
    }
}