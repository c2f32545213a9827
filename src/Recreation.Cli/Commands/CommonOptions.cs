using System.CommandLine;

using Recreation.Core;
using Recreation.Core.Profiles;
using Recreation.Core.Security;

namespace Recreation.Cli.Commands;

/// <summary>Arguments and options several verbs share, built fresh for each command.</summary>
internal static class CommonOptions
{
    public static Argument<string> Scene() => new("SCENE") { Description = "The scene file (YAML, version 1)." };

    public static Option<string?> Profiles() => new("--profiles")
    {
        Description = "A YAML file of extra model profiles (same format as 'recreate profiles --yaml'), e.g. a gateway's Veo or Runway models.",
    };

    /// <summary>The built-in profiles, every provider's own, then the user's file.</summary>
    public static ProfileCatalog Catalog(string? profilesFile) =>
        profilesFile is null ? Services.Providers.Catalog() : Services.Providers.Catalog().WithFile(profilesFile);

    /// <summary>Compiles a scene with the registry's profiles and backend names (an unknown backend: exit 2 naming the known ones).</summary>
    /// <param name="security">What the user trusts: the folders besides the scene's own whose files it may read.</param>
    public static CompiledScene Compile(string scene, string? profilesFile, SecuritySettings security) => Services.Providers.Compile(scene, Catalog(profilesFile), security);
}