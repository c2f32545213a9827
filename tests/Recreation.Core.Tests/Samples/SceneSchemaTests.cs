using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;

using Recreation.Core.Diagnostics;
using Recreation.Core.Loading;
using Recreation.Core.Model;

namespace Recreation.Core.Tests.Samples;

/// <summary>
/// schema/scene.schema.json against the loader: the same keys at every level, the same names for
/// every choice, the same numeric bounds (the sample and corpus files: <see cref="SceneSchemaFileTests"/>).
/// </summary>
[TestFixture]
public sealed class SceneSchemaTests
{
    private SchemaChecker _schema = null!;
    private JsonObject _root = null!;

    public static IEnumerable<TestCaseData> KeyLevels()
    {
        yield return Level("(root)", [], SceneKeys.Root);
        yield return Level("target", ["target"], SceneKeys.Target);
        yield return Level("output", ["output"], SceneKeys.Output);
        yield return Level("output.music", ["output", "music"], SceneKeys.Music);
        yield return Level("output.transition", ["output", "transition"], SceneKeys.Transition);
        yield return Level("scenes[].transition", ["scenes", "[]", "transition"], SceneKeys.Transition);
        yield return Level("planning", ["planning"], SceneKeys.Planning);
        yield return Level("planning.physics_words", ["planning", "physics_words"], PhysicsVocabulary.WordKinds.ToArray());
        yield return Level("lint", ["lint"], SceneKeys.Lint);
        yield return Level("continuity", ["continuity"], SceneKeys.Continuity);
        yield return Level("characters.*", ["characters", "*"], SceneKeys.Character);
        yield return Level("scenes[]", ["scenes", "[]"], SceneKeys.Scene);
        yield return Level("scenes[].camera", ["scenes", "[]", "camera"], SceneKeys.Camera);
        yield return Level("reference", ["reference"], SceneKeys.Reference);
        yield return Level("scenes[].reference_shot", ["scenes", "[]", "reference_shot"], SceneKeys.ReferenceShot);
        yield return Level("profiles[]", ["profiles", "[]"], ProfileReaderKeys("Keys"));
        yield return Level("profiles[].sizes[]", ["profiles", "[]", "sizes", "[]"], ProfileReaderKeys("SizeKeys"));
        yield return Level("profiles[].inputs", ["profiles", "[]", "inputs"], ProfileReaderKeys("Keys", "InputMappingReader"));
        yield return Level("profiles[].inputs.duration", ["profiles", "[]", "inputs", "duration"], ProfileReaderKeys("DurationKeys", "InputMappingReader"));
        yield return Level("profiles[].inputs.size", ["profiles", "[]", "inputs", "size"], ProfileReaderKeys("SizeKeys", "InputMappingReader"));
        yield return Level("profiles[].inputs.negative_prompt", ["profiles", "[]", "inputs", "negative_prompt"], ProfileReaderKeys("NegativePromptKeys", "InputMappingReader"));
    }

    public static IEnumerable<TestCaseData> Choices()
    {
        yield return Choice("output.fit", ["output", "fit"], SceneKeys.Fits.Keys);
        yield return Choice("output.captions", ["output", "captions"], SceneKeys.CaptionModes.Keys);
        yield return Choice("output.transition.type", ["output", "transition", "type"], SceneKeys.Transitions.Keys);
        yield return Choice("continuity.chain", ["continuity", "chain"], SceneKeys.Chains.Keys);
        yield return Choice("scenes[].camera.speed", ["scenes", "[]", "camera", "speed"], SceneKeys.Speeds.Keys);
        yield return Choice("scenes[].physics[]", ["scenes", "[]", "physics", "[]"], PhysicsVocabulary.Kinds);
        yield return Choice("profiles[].inputs.duration.type", ["profiles", "[]", "inputs", "duration", "type"], InputMappingChoices("DurationTypes"));
        yield return Choice("profiles[].inputs.size.format", ["profiles", "[]", "inputs", "size", "format"], InputMappingChoices("SizeFormats"));
    }

    /// <summary>A value just inside and just outside each bound the schema states, written into a small scene file.</summary>
    public static IEnumerable<TestCaseData> Bounds()
    {
        yield return Bound("target.concurrency", ["target", "concurrency"], "target:\n  concurrency: {0}\n", 1);
        yield return Bound("output.fps", ["output", "fps"], "output:\n  fps: {0}\n", 1);
        yield return Bound("output.loudness", ["output", "loudness"], "output:\n  loudness: {0}\n", 0.5m);
        yield return Bound("target.max_cost_usd", ["target", "max_cost_usd"], "target:\n  max_cost_usd: {0}\n", 0.01m);
        yield return Bound("scenes[].duration", ["scenes", "[]", "duration"], "", 0.5m, scene: "    duration: {0}\n");
        yield return Bound("scenes[].people", ["scenes", "[]", "people"], "", 1, scene: "    duration: 8\n    people: {0}\n");
        yield return Bound("output.transition.duration", ["output", "transition", "duration"], "output:\n  transition: {{ type: crossfade, duration: {0} }}\n", 0.25m);
        yield return Bound("planning.max_clip_seconds", ["planning", "max_clip_seconds"], "planning:\n  max_clip_seconds: {0}\n", 0.5m);
        yield return Bound("planning.max_interactions_per_clip", ["planning", "max_interactions_per_clip"], "planning:\n  max_interactions_per_clip: {0}\n", 1);
        yield return Bound("planning.max_people_per_clip", ["planning", "max_people_per_clip"], "planning:\n  max_people_per_clip: {0}\n", 1);
        yield return Bound("planning.physics_max_clip_seconds", ["planning", "physics_max_clip_seconds"], "planning:\n  physics_max_clip_seconds: {0}\n", 0.5m);
    }

    [OneTimeSetUp]
    public void LoadSchema()
    {
        _root = JsonNode.Parse(File.ReadAllText(Repository.SchemaPath))!.AsObject();
        _schema = new SchemaChecker(_root);
    }

    [Test]
    public void The_schema_is_draft_2020_12_and_uses_only_keywords_the_checker_understands()
    {
        Assert.That(_root["$schema"]?.GetValue<string>(), Is.EqualTo("https://json-schema.org/draft/2020-12/schema"));
        var used = SchemaChecker.UsedKeywords(_root).Distinct().Order(StringComparer.Ordinal);
        Assert.That(used, Is.SubsetOf(SchemaChecker.Keywords.Concat(SchemaChecker.Annotations)));
    }

    [TestCaseSource(nameof(KeyLevels))]
    public void The_schema_names_the_same_keys_as_the_loader_at_each_level(string[] schemaPath, string[] loaderKeys)
    {
        var schema = ObjectSchemaAt(schemaPath);

        Assert.That(PropertyNames(schema), Is.EquivalentTo(loaderKeys));
        Assert.That(schema["additionalProperties"]?.GetValue<bool>(), Is.False, "the loader rejects unknown keys here");
    }

    [TestCaseSource(nameof(Choices))]
    public void The_schema_offers_the_same_names_as_the_loader_for_each_choice(string[] schemaPath, IEnumerable<string> loaderNames)
    {
        var schema = SchemaAt(schemaPath);

        Assert.That(schema["enum"]!.AsArray().Select(v => v!.GetValue<string>()), Is.EquivalentTo(loaderNames));
    }

    [Test]
    public void The_schema_takes_backend_names_by_pattern_since_providers_are_plug_ins_and_shows_the_built_in_ones()
    {
        var schema = SchemaAt(["target", "backend"]);
        var pattern = new System.Text.RegularExpressions.Regex(schema["pattern"]!.GetValue<string>());

        Assert.That(schema["examples"]!.AsArray().Select(v => v!.GetValue<string>()), Is.EquivalentTo(KnownBackends.BuiltIn.Names));
        Assert.That(KnownBackends.BuiltIn.Names, Has.All.Matches<string>(pattern.IsMatch));
        Assert.That(pattern.IsMatch("open ai"), Is.False);
        Assert.That(pattern.IsMatch("-openai"), Is.False);
        var items = SchemaAt(["profiles", "[]", "backends", "[]"]);
        Assert.That(items["pattern"]!.GetValue<string>(), Is.EqualTo(schema["pattern"]!.GetValue<string>()), "profiles name backends the same way");
    }

    [Test]
    public void The_short_transition_form_accepts_what_the_loader_accepts()
    {
        var transition = _root["$defs"]!["transition"]!;
        var shortForm = transition["anyOf"]!.AsArray().Single(o => o!["type"]?.GetValue<string>() == "string")!;
        var pattern = new System.Text.RegularExpressions.Regex(shortForm["pattern"]!.GetValue<string>());

        foreach (var text in new[] { "cut", "crossfade", "crossfade:0.5", "fade-black:1", "fade_black:2", "Crossfade:.75" })
        {
            Assert.That(pattern.IsMatch(text), Is.True, text);
            Assert.DoesNotThrow(() => CompileWith($"output:\n  transition: {text}\n"), text);
        }

        foreach (var text in new[] { "dissolve", "crossfade:half", "wipe:1" })
        {
            Assert.That(pattern.IsMatch(text), Is.False, text);
            Assert.Throws<InvalidInputException>(() => CompileWith($"output:\n  transition: {text}\n"), text);
        }
    }

    [TestCaseSource(nameof(Bounds))]
    public void Each_numeric_bound_in_the_schema_is_where_the_loader_draws_the_line(string[] schemaPath, string root, string scene, decimal step)
    {
        var schema = SchemaAt(schemaPath);
        var checkedAny = false;
        foreach (var (keyword, inside, outside) in new (string, Func<decimal, decimal>, Func<decimal, decimal>)[]
        {
            ("minimum", b => b, b => b - step),
            ("exclusiveMinimum", b => b + step, b => b),
            ("maximum", b => b, b => b + step),
        })
        {
            if (schema[keyword] is not { } boundNode)
            {
                continue;
            }

            checkedAny = true;
            var bound = boundNode.GetValue<decimal>();
            var ok = Format(inside(bound));
            var bad = Format(outside(bound));
            Assert.DoesNotThrow(() => CompileWith(string.Format(CultureInfo.InvariantCulture, root, ok), scene.Length == 0 ? null : string.Format(CultureInfo.InvariantCulture, scene, ok)), $"{keyword} {bound}: {ok} is allowed");
            var error = Assert.Throws<InvalidInputException>(() => CompileWith(string.Format(CultureInfo.InvariantCulture, root, bad), scene.Length == 0 ? null : string.Format(CultureInfo.InvariantCulture, scene, bad)), $"{keyword} {bound}: {bad} is refused");
            Assert.That(error!.Errors.Select(e => e.Path), Has.Some.EqualTo(string.Join(".", schemaPath).Replace(".[]", "[0]", StringComparison.Ordinal)));
        }

        Assert.That(checkedAny, Is.True, "the schema states a bound here");
    }

    [Test]
    public void A_scene_profile_with_an_aggregator_input_mapping_conforms_to_the_schema_and_a_misspelled_field_does_not()
    {
        const string Yaml = """
            version: 1
            profiles:
              - name: my-kling
                backends: [fal]
                model: fal-ai/kling-video/v2.1/standard/image-to-video
                seconds: [5, 10]
                sizes: [{ size: 1280x720, usd_per_second: 0.056 }]
                inputs:
                  duration: { field: duration, type: string, suffix: s }
                  aspect_ratio: aspect_ratio
                  size: { field: resolution, format: 720p }
                  first_frame: image_url
                  negative_prompt: { field: negative_prompt, text: blur }
                  seed: seed
                  fixed: { cfg_scale: 0.5 }
            target: { backend: placeholder, model: my-kling, size: 1280x720 }
            scenes:
              - { id: a, duration: 5, description: A pier. }
            """;
        var file = Path.Combine(Path.GetTempPath(), $"inputs-{Guid.NewGuid():N}.yaml");
        try
        {
            File.WriteAllText(file, Yaml);
            Assert.That(_schema.Check(YamlAsJson.Load(file)), Is.Empty);
            Assert.DoesNotThrow(() => SceneCompiler.CompileText(Yaml, file));
            File.WriteAllText(file, Yaml.Replace("first_frame:", "first_fram:", StringComparison.Ordinal));
            Assert.That(_schema.Check(YamlAsJson.Load(file)), Is.Not.Empty);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static TestCaseData Level(string name, string[] path, IEnumerable<string> keys) =>
        new TestCaseData(path, keys.ToArray()).SetArgDisplayNames(name);

    private static TestCaseData Choice(string name, string[] path, IEnumerable<string> names) =>
        new TestCaseData(path, names.ToArray()).SetArgDisplayNames(name);

    private static TestCaseData Bound(string name, string[] path, string root, decimal step, string scene = "") =>
        new TestCaseData(path, root, scene, step).SetArgDisplayNames(name);

    /// <summary>The private key lists of the internal profile reader (profiles use the same format everywhere).</summary>
    private static string[] ProfileReaderKeys(string field, string type = "ProfileReader") =>
        (string[])typeof(SceneKeys).Assembly.GetType("Recreation.Core.Profiles." + type, throwOnError: true)!
            .GetField(field, BindingFlags.NonPublic | BindingFlags.Static)!
            .GetValue(null)!;

    /// <summary>The names of one of the input mapping reader's private choice tables.</summary>
    private static IEnumerable<string> InputMappingChoices(string field) =>
        ((System.Collections.IDictionary)typeof(SceneKeys).Assembly.GetType("Recreation.Core.Profiles.InputMappingReader", throwOnError: true)!
            .GetField(field, BindingFlags.NonPublic | BindingFlags.Static)!
            .GetValue(null)!).Keys.Cast<string>();

    private static string Format(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>Compiles a one-scene file with <paramref name="rootYaml"/> added at the top level and <paramref name="sceneYaml"/> in the scene.</summary>
    private static CompiledScene CompileWith(string rootYaml, string? sceneYaml = null)
    {
        var yaml = "version: 1\n" + rootYaml + "scenes:\n  - id: a\n    description: A quiet street.\n" + (sceneYaml ?? "    duration: 8\n")
            + "  - id: b\n    description: The same street at noon.\n    duration: 8\n";
        return SceneCompiler.CompileText(yaml, Path.Combine(Path.GetTempPath(), "bounds.yaml"));
    }

    private static IEnumerable<string> PropertyNames(JsonObject schema) =>
        schema["properties"]!.AsObject().Select(p => p.Key);

    /// <summary>The subschema at a path of property names, "[]" for array items and "*" for additionalProperties.</summary>
    private JsonObject SchemaAt(string[] path)
    {
        var schema = _schema.Resolve(_root);
        foreach (var step in path)
        {
            schema = ObjectBranch(schema, step);
            var next = step switch
            {
                "[]" => schema["items"],
                "*" => schema["additionalProperties"],
                _ => schema["properties"]?[step],
            };
            Assert.That(next, Is.Not.Null, $"the schema has nothing at '{step}' of {string.Join(".", path)}");
            schema = _schema.Resolve(next!.AsObject());
        }

        return schema;
    }

    private JsonObject ObjectSchemaAt(string[] path) => ObjectBranch(SchemaAt(path), "properties");

    /// <summary>For a value written several ways (anyOf), the branch that has what <paramref name="step"/> needs.</summary>
    private JsonObject ObjectBranch(JsonObject schema, string step)
    {
        if (schema["anyOf"] is not JsonArray options)
        {
            return schema;
        }

        var wanted = step switch { "[]" => "items", "*" => "additionalProperties", _ => "properties" };
        return options.Select(o => _schema.Resolve(o!.AsObject())).Single(o => o.ContainsKey(wanted));
    }
}