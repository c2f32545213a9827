using Recreation.Core.Diagnostics;
using Recreation.Core.Linting;
using Recreation.Core.Loading;
using Recreation.Core.Model;
using Recreation.Core.Planning;
using Recreation.Core.Profiles;
using Recreation.Core.Security;

namespace Recreation.Core;

/// <summary>
/// Load → validate → plan → check → lint, collecting every problem. Reads the scene file and
/// any image paths it names; writes nothing.
/// </summary>
public static class SceneCompiler
{
    /// <param name="security">What the user trusts: input files the scene names must resolve (symlinks followed)
    /// inside its own folder or one of <see cref="SecuritySettings.AllowedInputFolders"/>; null allows no other folder.</param>
    /// <param name="backends">The backend names a scene may use (the provider registry's); null = <see cref="KnownBackends.BuiltIn"/>.</param>
    /// <exception cref="InvalidInputException">The file is invalid; every error (and warning) is listed.</exception>
    public static CompiledScene Compile(string path, ProfileCatalog? catalog = null, SecuritySettings? security = null, KnownBackends? backends = null)
    {
        var document = YamlDocumentLoader.Load(path);
        return Compile(document, catalog ?? ProfileCatalog.BuiltIn, security ?? SecuritySettings.None, backends);
    }

    /// <summary>Compiles YAML text as though it were the file at <paramref name="path"/> (for tests and tools).</summary>
    public static CompiledScene CompileText(string yaml, string path, ProfileCatalog? catalog = null, SecuritySettings? security = null, KnownBackends? backends = null) =>
        Compile(YamlDocumentLoader.Parse(yaml, path, Path.GetFullPath(path)), catalog ?? ProfileCatalog.BuiltIn, security ?? SecuritySettings.None, backends);

    private static CompiledScene Compile(YamlDocument document, ProfileCatalog catalog, SecuritySettings security, KnownBackends? backends)
    {
        var bag = document.Diagnostics;
        if (document.Root is null)
        {
            throw new InvalidInputException(bag.Items);
        }

        var reader = new SceneFileReader(new YamlReader(bag), document.FullPath, catalog, security, backends);
        var file = reader.Read(document.Root);
        if (file is null || bag.HasErrors)
        {
            throw new InvalidInputException(bag.Items);
        }

        PlanChecks.CheckClipCounts(file, bag);
        if (bag.HasErrors)
        {
            throw new InvalidInputException(bag.Items);
        }

        var plan = Planner.Plan(file);
        PlanChecks.Check(file, plan, bag);
        Linter.Lint(file, plan, bag);
        if (bag.HasErrors)
        {
            throw new InvalidInputException(bag.Items);
        }

        var warnings = bag.Items.Where(d => d.Severity == Severity.Warning).ToArray();
        return new CompiledScene(file, plan with { Warnings = warnings }, bag.Map);
    }
}