using System.Text.RegularExpressions;

using Recreation.Core.Model;
using Recreation.Core.Profiles;
using Recreation.Core.Security;

using YamlDotNet.RepresentationModel;

namespace Recreation.Core.Loading;

/// <summary>
/// Maps a scene file's YAML tree onto the validated <see cref="SceneFile"/> record, reporting every
/// problem with its position. Returns null when any error was found.
/// </summary>
internal sealed partial class SceneFileReader
{
    private readonly YamlReader _r;
    private readonly string _sceneFullPath;
    private readonly string _baseDirectory;
    private readonly SecuritySettings _security;

    private readonly KnownBackends _backends;

    public SceneFileReader(YamlReader reader, string sceneFullPath, ProfileCatalog catalog, SecuritySettings security, KnownBackends? backends = null)
    {
        _security = security;
        _backends = backends ?? KnownBackends.BuiltIn;
        _r = reader;
        _sceneFullPath = sceneFullPath;
        _baseDirectory = Path.GetDirectoryName(sceneFullPath) ?? Directory.GetCurrentDirectory();
        Catalog = catalog;
    }

    /// <summary>The catalog with the scene file's own profiles added (valid after <see cref="Read"/>).</summary>
    public ProfileCatalog Catalog { get; private set; }

    public SceneFile? Read(YamlNode root)
    {
        var map = _r.Mapping(root, "", SceneKeys.Root);
        if (map is null)
        {
            return null;
        }

        var version = _r.Integer(map.Required("version"), "version");
        if (version is not null and not 1)
        {
            _r.Error(map["version"]!, "version", $"must be 1, the only scene format version this tool reads (found {version})");
        }

        var title = _r.String(map["title"], "title") ?? Path.GetFileNameWithoutExtension(_sceneFullPath);
        Catalog = Catalog.With(ProfileReader.ReadList(_r, map["profiles"], "profiles", known: Catalog).Select(p => p with { DefinedInScene = true }));
        var target = ReadTarget(map["target"]);
        var output = ReadOutput(map["output"], target, title);
        var planning = ReadPlanning(map["planning"]);
        var lint = new LintSettings(ReadLint(map["lint"]));
        var continuity = ReadContinuity(map["continuity"]);
        var style = _r.String(map["style"], "style");
        var palette = ReadPalette(map["palette"]);
        var lighting = _r.String(map["lighting"], "lighting");
        var characters = ReadCharacters(map["characters"]);
        var scenes = ReadScenes(map.Required("scenes"), characters);
        var reference = ReadReference(map["reference"]);

        if (_r.Diagnostics.HasErrors || target is null || output is null || Catalog.Find(target.Model) is not { } profile)
        {
            return null;
        }

        return new SceneFile(1, title, target, profile, output, planning, lint, continuity, style, palette, lighting, characters, scenes, _r.Diagnostics.Map.File) { Reference = reference };
    }

    private TargetSettings? ReadTarget(YamlNode? node)
    {
        var map = _r.Mapping(node, "target", SceneKeys.Target);
        var backend = ReadBackend(map?["backend"]);
        var model = _r.String(map?["model"], "target.model") ?? "sora-2";
        var profile = Catalog.Find(model);
        if (profile is null)
        {
            Report(map?["model"], "target.model", $"unknown model profile '{model}'{HintOrKnown(model, Catalog.Names)} (add others under profiles: or --profiles)");
        }
        else if (backend is not null && !profile.Supports(backend, _backends))
        {
            Report(map?["backend"] ?? map?["model"], "target.backend", profile.Backends.Count == 0
                ? $"profile '{model}' lists no backends, so it is for the placeholder only; add 'backends: [{backend}]' to the profile to use it with the {backend} backend"
                : $"profile '{model}' cannot be used with the {backend} backend; it is for: {string.Join(", ", profile.Backends)} (or placeholder)");
        }

        var size = ReadSize(map?["size"], "target.size");
        if (size is null && profile is not null && !_r.Diagnostics.HasErrorAt("target.size"))
        {
            size = profile.Sizes[0].Size;
        }
        else if (size is { } s && profile is not null && profile.FindSize(s) is null)
        {
            Report(map?["size"], "target.size", $"{s} is not a size '{model}' generates; allowed: {string.Join(", ", profile.Sizes.Select(x => x.Size))}");
        }

        var maxCost = _r.Number(map?["max_cost_usd"], "target.max_cost_usd");
        if (maxCost < 0)
        {
            Report(map?["max_cost_usd"], "target.max_cost_usd", "must be >= 0");
        }

        var concurrency = _r.Integer(map?["concurrency"], "target.concurrency");
        if (concurrency is < 1 or > 32)
        {
            Report(map?["concurrency"], "target.concurrency", "must be between 1 and 32");
        }

        var baseUrl = _r.String(map?["base_url"], "target.base_url");
        if (baseUrl is not null && (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            Report(map?["base_url"], "target.base_url", $"must be an http(s) URL like https://gateway.example/v1, not '{baseUrl}'");
        }

        var keyEnv = _r.String(map?["api_key_env"], "target.api_key_env");
        if (keyEnv is not null && !EnvironmentName().IsMatch(keyEnv))
        {
            Report(map?["api_key_env"], "target.api_key_env", "must be the NAME of an environment variable (letters, digits, _), never the key itself");
        }

        var connection = _r.String(map?["connection"], "target.connection");
        if (connection is not null && !ConnectionName().IsMatch(connection))
        {
            Report(map?["connection"], "target.connection", $"must be the name of a connection defined in your settings (letters, digits, _ and -), not '{connection}'");
        }

        return size is null || backend is null ? null : new TargetSettings(backend, model, size.Value, maxCost, concurrency, baseUrl, keyEnv, connection);
    }

    /// <summary><c>target.backend</c>: one of the registered providers' names (default placeholder).</summary>
    private string? ReadBackend(YamlNode? node)
    {
        var text = _r.String(node, "target.backend");
        if (text is null)
        {
            return _r.Diagnostics.HasErrorAt("target.backend") ? null : KnownBackends.Default;
        }

        if (_backends.Find(text) is { } name)
        {
            return name;
        }

        Report(node, "target.backend", $"must be one of {string.Join(" | ", _backends.Names)}, not '{text}'{Suggestions.Hint(text, _backends.Names)}");
        return null;
    }

    private PlanningSettings ReadPlanning(YamlNode? node)
    {
        var map = _r.Mapping(node, "planning", SceneKeys.Planning);
        var defaults = PlanningSettings.Default;
        var maxClip = Positive(map?["max_clip_seconds"], "planning.max_clip_seconds") ?? defaults.MaxClipSeconds;
        var maxInteractions = PositiveInteger(map?["max_interactions_per_clip"], "planning.max_interactions_per_clip") ?? defaults.MaxInteractionsPerClip;
        var maxPeople = PositiveInteger(map?["max_people_per_clip"], "planning.max_people_per_clip") ?? defaults.MaxPeoplePerClip;
        var physicsMax = Positive(map?["physics_max_clip_seconds"], "planning.physics_max_clip_seconds") ?? defaults.PhysicsMaxClipSeconds;
        var words = new Dictionary<string, ValueList<string>>(defaults.PhysicsWords);
        var wordsMap = _r.Mapping(map?["physics_words"], "planning.physics_words", PhysicsVocabulary.WordKinds.ToArray());
        foreach (var (kind, _) in wordsMap?.Keys ?? [])
        {
            if (PhysicsVocabulary.WordKinds.Contains(kind) && _r.StringList(wordsMap![kind], wordsMap.At(kind)) is { } list)
            {
                words[kind] = list.Select(w => w.Trim().ToLowerInvariant()).Where(w => w.Length > 0).ToArray();
            }
        }

        return new PlanningSettings(maxClip, maxInteractions, maxPeople, physicsMax, words);
    }

    private ValueList<string> ReadLint(YamlNode? node)
    {
        var map = _r.Mapping(node, "lint", SceneKeys.Lint);
        return _r.StringList(map?["deny"], "lint.deny")?.Where(w => w.Trim().Length > 0).ToArray() ?? ValueList<string>.Empty;
    }

    private ContinuityChain ReadContinuity(YamlNode? node)
    {
        var map = _r.Mapping(node, "continuity", SceneKeys.Continuity);
        return _r.Choice(map?["chain"], "continuity.chain", SceneKeys.Chains) ?? ContinuityChain.None;
    }

    private ValueList<string> ReadPalette(YamlNode? node)
    {
        var colours = new List<string>();
        if (node is not null && YamlReader.IsNull(node))
        {
            _r.Error(node, "palette", "is empty; list colours in quotes, e.g. [\"#1a2b3c\", \"#f2e8d5\"] (an unquoted # starts a YAML comment)");
        }

        foreach (var (item, itemPath) in _r.Sequence(node, "palette") ?? [])
        {
            if (YamlReader.IsNull(item))
            {
                _r.Error(item, itemPath, "is empty; quote hex colours (\"#1a2b3c\"): an unquoted # starts a YAML comment");
                continue;
            }

            var text = _r.String(item, itemPath);
            if (text is null)
            {
                continue;
            }

            if (!HexColour().IsMatch(text))
            {
                _r.Error(item, itemPath, $"must be a hex colour like \"#1a2b3c\", not '{text}'");
                continue;
            }

            colours.Add(text.ToLowerInvariant());
        }

        return colours;
    }

    private FrameSize? ReadSize(YamlNode? node, string path)
    {
        var text = _r.String(node, path);
        if (text is null)
        {
            return null;
        }

        if (!FrameSize.TryParse(text, out var size))
        {
            _r.Error(node!, path, $"must be WIDTHxHEIGHT like 1280x720, not '{text}'");
            return null;
        }

        return size;
    }

    private decimal? Positive(YamlNode? node, string path)
    {
        var value = _r.Number(node, path);
        if (value < MinimumSeconds)
        {
            _r.Error(node!, path, $"must be at least {MinimumSeconds} seconds");
            return null;
        }

        return value;
    }

    private int? PositiveInteger(YamlNode? node, string path)
    {
        var value = _r.Integer(node, path);
        if (value <= 0)
        {
            _r.Error(node!, path, "must be >= 1");
            return null;
        }

        return value;
    }

    /// <summary>Reports at the node when there is one, else at the path's nearest recorded parent.</summary>
    private void Report(YamlNode? node, string path, string message)
    {
        if (node is not null)
        {
            _r.Error(node, path, message);
        }
        else
        {
            _r.Diagnostics.Error(path, message);
        }
    }

    private static string HintOrKnown(string input, IEnumerable<string> known) =>
        Suggestions.Hint(input, known) is { Length: > 0 } hint ? hint : $"; known: {string.Join(", ", known)}";

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex HexColour();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvironmentName();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_-]*$")]
    private static partial Regex ConnectionName();
}