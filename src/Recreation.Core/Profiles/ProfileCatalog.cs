using Recreation.Core.Diagnostics;
using Recreation.Core.Loading;

namespace Recreation.Core.Profiles;

/// <summary>
/// The model profiles known to a run: the built-in ones, then a user's profile file, then the
/// scene file's own <c>profiles:</c>; a later profile replaces an earlier one of the same name.
/// </summary>
public sealed class ProfileCatalog
{
    private const string BuiltInResource = "Recreation.Core.builtin-profiles.yaml";
    private static readonly Lazy<ProfileCatalog> BuiltInCatalog = new(LoadBuiltIn);

    private readonly List<ModelProfile> _profiles;

    private ProfileCatalog(IEnumerable<ModelProfile> profiles) => _profiles = profiles.ToList();

    public static ProfileCatalog BuiltIn => BuiltInCatalog.Value;

    public IReadOnlyList<ModelProfile> All => _profiles;

    public IEnumerable<string> Names => _profiles.Select(p => p.Name);

    public ModelProfile? Find(string name) => _profiles.FirstOrDefault(p => p.Name == name);

    public ProfileCatalog With(IEnumerable<ModelProfile> overrides)
    {
        var list = _profiles.ToList();
        foreach (var profile in overrides)
        {
            var index = list.FindIndex(p => p.Name == profile.Name);
            if (index >= 0)
            {
                list[index] = profile;
            }
            else
            {
                list.Add(profile);
            }
        }

        return new ProfileCatalog(list);
    }

    /// <summary>Reads a user's profile file (top-level <c>profiles:</c> list) and adds it to this catalog.</summary>
    /// <exception cref="InvalidInputException">The file is missing or invalid.</exception>
    public ProfileCatalog WithFile(string path)
    {
        var document = YamlDocumentLoader.Load(path);
        var reader = new YamlReader(document.Diagnostics);
        var root = reader.Mapping(document.Root, "", ["profiles"]);
        var profiles = root is null ? [] : ProfileReader.ReadList(reader, root.Required("profiles"), "profiles");
        if (document.Diagnostics.HasErrors)
        {
            throw new InvalidInputException(document.Diagnostics.Items);
        }

        return With(profiles);
    }

    /// <summary>
    /// Adds the profiles of a file that ships with the tool (a provider's own <c>profiles.yaml</c>);
    /// <paramref name="name"/> names it in the error, which is a bug in the build, not the user's.
    /// </summary>
    public ProfileCatalog WithYaml(string yaml, string name) => With(Parse(yaml, name));

    /// <summary>The built-in profiles file itself: the format, with comments, to start a user's own file from.</summary>
    public static string BuiltInYaml()
    {
        using var stream = typeof(ProfileCatalog).Assembly.GetManifestResourceStream(BuiltInResource)
            ?? throw new InvalidOperationException($"The embedded resource {BuiltInResource} is missing from the build.");
        using var text = new StreamReader(stream);
        return text.ReadToEnd();
    }

    private static ProfileCatalog LoadBuiltIn() => new(Parse(BuiltInYaml(), "builtin-profiles.yaml"));

    private static List<ModelProfile> Parse(string yaml, string name)
    {
        var document = YamlDocumentLoader.Parse(yaml, name);
        var reader = new YamlReader(document.Diagnostics);
        var root = reader.Mapping(document.Root, "", ["profiles"]);
        var profiles = ProfileReader.ReadList(reader, root?["profiles"], "profiles");
        if (document.Diagnostics.HasErrors)
        {
            throw new InvalidOperationException($"The built-in profiles in {name} are invalid: " + string.Join("; ", document.Diagnostics.Items));
        }

        return profiles;
    }
}