using Recreation.Core.Tests.Malformed;

namespace Recreation.Core.Tests.Samples;

/// <summary>
/// schema/scene.schema.json against files: every sample file names it and conforms to it, and the
/// malformed corpus breaks it exactly where the loader rejects a file for its shape (a misspelled key
/// included), while a problem that needs context (other values, the profile, the disk) passes it.
/// </summary>
[TestFixture]
public sealed class SceneSchemaFileTests
{
    private const string SchemaComment = "# yaml-language-server: $schema=../schema/scene.schema.json";

    private SchemaChecker _schema = null!;

    public static IEnumerable<TestCaseData> SampleFiles() =>
        Repository.SampleFiles().Select(f => new TestCaseData(f).SetArgDisplayNames(f));

    public static IEnumerable<TestCaseData> UnknownKeyFiles() =>
        CorpusFile.All()
            .Where(f => f.Name.StartsWith("unknown-key", StringComparison.Ordinal) && f.LoaderBug is null)
            .Select(f => new TestCaseData(f).SetArgDisplayNames(f.Name));

    [OneTimeSetUp]
    public void LoadSchema() => _schema = new SchemaChecker(System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Repository.SchemaPath))!.AsObject());

    [TestCaseSource(nameof(SampleFiles))]
    public void Every_sample_file_names_the_schema_on_its_first_line(string file)
    {
        Assert.That(File.ReadLines(Repository.Full(file)).First(), Is.EqualTo(SchemaComment));
    }

    [TestCaseSource(nameof(SampleFiles))]
    public void Every_sample_file_conforms_to_the_schema(string file)
    {
        var errors = _schema.Check(YamlAsJson.Load(Repository.Full(file)));

        Assert.That(errors, Is.Empty);
    }

    [TestCaseSource(nameof(UnknownKeyFiles))]
    public void A_misspelled_key_the_loader_rejects_breaks_the_schema_too(CorpusFile file)
    {
        var errors = _schema.Check(YamlAsJson.Load(file.FullPath));

        foreach (var expected in file.Expected.Where(e => e.Fragment.StartsWith("unknown key", StringComparison.Ordinal)))
        {
            Assert.That(errors, Has.Some.StartsWith(expected.Path + ":"), string.Join("\n", errors));
        }
    }

    /// <summary>Corpus files whose problem needs more than the file's shape to see (other values, the profile, the disk, the plan).</summary>
    private static readonly string[] BeyondTheSchema =
    [
        "backend-not-allowed-by-the-profile.yaml",
        "duplicate-scene-ids.yaml",
        "odd-output-size.yaml",
        "output-path-outside-the-folder.yaml",
        "people-fewer-than-listed-characters.yaml",
        "prompt-over-the-profile-limit.yaml",
        "reference-image-missing.yaml",
        "reference-image-outside-the-folder.yaml",
        "size-not-allowed-by-the-profile.yaml",
        "transition-from-output-longer-than-the-clip.yaml",
        "transition-longer-than-the-clip-it-overlaps.yaml",
        "unknown-character-in-a-scene.yaml",
        "unknown-character-with-no-characters-defined.yaml",
        "unknown-dialogue-speaker.yaml",
        "unknown-model-with-no-close-name.yaml",
        "unknown-model.yaml",
        // Backends are plug-ins: the schema takes any name, the registry knows which exist.
        "unknown-backend.yaml",
    ];

    public static IEnumerable<TestCaseData> ShapeErrorFiles() =>
        CorpusFile.All()
            .Where(f => f.LoaderBug is null && !f.Name.StartsWith("syntax-", StringComparison.Ordinal) && !BeyondTheSchema.Contains(f.Name))
            .Select(f => new TestCaseData(f).SetArgDisplayNames(f.Name));

    public static IEnumerable<TestCaseData> ContextErrorFiles() =>
        BeyondTheSchema.Select(name => new TestCaseData(CorpusFile.Read(Path.Combine(CorpusFile.Folder, name))).SetArgDisplayNames(name));

    [TestCaseSource(nameof(ShapeErrorFiles))]
    public void A_file_the_loader_rejects_for_its_shape_breaks_the_schema_too(CorpusFile file)
    {
        var errors = _schema.Check(YamlAsJson.Load(file.FullPath));

        Assert.That(errors, Is.Not.Empty);
    }

    [TestCaseSource(nameof(ContextErrorFiles))]
    public void A_file_whose_problem_needs_context_passes_the_schema(CorpusFile file)
    {
        var errors = _schema.Check(YamlAsJson.Load(file.FullPath));

        Assert.That(errors, Is.Empty, "the schema is stricter than the loader, or the file belongs with the shape errors");
    }
}