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

    public static ProfileCatalog Catalog(string? profilesFile) =>
        profilesFile is null ? ProfileCatalog.BuiltIn : ProfileCatalog.BuiltIn.WithFile(profilesFile);

    /// <param name="security">What the user trusts: the folders besides the scene's own whose files it may read.</param>
    public static CompiledScene Compile(string scene, string? profilesFile, SecuritySettings security) => SceneCompiler.Compile(scene, Catalog(profilesFile), security);
}