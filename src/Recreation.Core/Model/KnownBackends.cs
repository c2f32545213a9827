namespace Recreation.Core.Model;

/// <summary>
/// The backends a scene file may name, as the provider registry (Generation) describes them: Core
/// knows backends only by name and validates <c>target.backend</c> against these names where it
/// validates the scene. <see cref="AnyProfile"/> are the ones that stand in for any model profile
/// (the placeholder renders any length and size; a person can make any of them by hand).
/// </summary>
/// <param name="Names">Every backend name, in the order messages list them.</param>
/// <param name="AnyProfile">The names that may run a profile whatever its <c>backends:</c> list says.</param>
public sealed record KnownBackends(ValueList<string> Names, ValueList<string> AnyProfile)
{
    /// <summary>The backend a scene uses when it names none.</summary>
    public const string Default = "placeholder";

    /// <summary>
    /// What Core assumes when its caller passes no registry (Core's own tests, tools that only plan):
    /// the backends built into this repository before providers became plug-ins. The command line
    /// always passes the registry's own set (<c>ProviderRegistry.Backends</c>), which includes every
    /// registered provider.
    /// </summary>
    public static KnownBackends BuiltIn { get; } = new(new[] { "placeholder", "openai", "manual" }, new[] { "placeholder", "manual" });

    /// <summary>The name as registered (names are matched case-insensitively), or null when unknown.</summary>
    public string? Find(string name) => Names.FirstOrDefault(n => string.Equals(n, name.Trim(), StringComparison.OrdinalIgnoreCase));

    public bool RunsAnyProfile(string name) => AnyProfile.Contains(name, StringComparer.OrdinalIgnoreCase);
}