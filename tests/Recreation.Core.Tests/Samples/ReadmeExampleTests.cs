using System.Text.RegularExpressions;

using Recreation.Core.Diagnostics;

namespace Recreation.Core.Tests.Samples;

/// <summary>
/// Every ```yaml block of README.md that is a whole scene file (it starts with <c>version: 1</c>)
/// compiles. Each block is written to a temporary folder; files it refers to (reference images,
/// music) are copied from examples/ or pipelines/ when they exist there, else stood in for by an
/// empty file of the same name, since the README cannot ship them. Each also conforms to the schema.
/// Blocks for a provider's backend (gemini, runway…) compile with that provider's own profiles.
/// </summary>
[TestFixture]
public sealed partial class ReadmeExampleTests
{
    private string _folder = null!;

    [SetUp]
    public void CreateFolder()
    {
        _folder = Path.Combine(Path.GetTempPath(), "recreation-readme-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void Every_scene_file_in_the_readme_compiles()
    {
        if (!File.Exists(Repository.ReadmePath))
        {
            Assert.Ignore("README.md does not exist yet");
        }

        var blocks = YamlBlocks(File.ReadAllText(Repository.ReadmePath))
            .Where(b => IsSceneFile(b.Yaml) && !IsBatchFile(b.Yaml))
            .ToList();
        if (blocks.Count == 0)
        {
            Assert.Ignore("README.md has no ```yaml block starting with 'version: 1'");
        }

        var schema = SchemaChecker.Load(Repository.SchemaPath);
        Assert.Multiple(() =>
        {
            for (var i = 0; i < blocks.Count; i++)
            {
                var path = Path.Combine(_folder, $"readme-{i + 1}.yaml");
                File.WriteAllText(path, blocks[i].Yaml);
                ProvideReferencedFiles(blocks[i].Yaml);
                try
                {
                    SceneCompiler.Compile(path, Providers.Catalog, backends: Providers.Backends);
                }
                catch (InvalidInputException e)
                {
                    Assert.Fail($"README.md block at line {blocks[i].Line}:\n{e.Message}");
                }

                Assert.That(schema.Check(YamlAsJson.Load(path)), Is.Empty, $"README.md block at line {blocks[i].Line} against the schema");
            }
        });
    }

    [Test]
    public void Every_batch_file_in_the_readme_loads_and_conforms_to_the_batch_schema()
    {
        var blocks = YamlBlocks(File.ReadAllText(Repository.ReadmePath)).Where(b => IsSceneFile(b.Yaml) && IsBatchFile(b.Yaml)).ToList();
        Assert.That(blocks, Is.Not.Empty, "the README shows a batch file");

        var schema = SchemaChecker.Load(Repository.BatchSchemaPath);
        foreach (var (yaml, line) in blocks)
        {
            var path = Path.Combine(_folder, $"batch-{line}.yaml");
            File.WriteAllText(path, yaml);
            ProvideItems(yaml);
            try
            {
                Assert.That(global::Recreation.Core.Batch.BatchFileReader.Load(path).Items, Is.Not.Empty);
            }
            catch (InvalidInputException e)
            {
                Assert.Fail($"README.md block at line {line}:\n{e.Message}");
            }

            Assert.That(schema.Check(YamlAsJson.Load(path)), Is.Empty, $"README.md block at line {line} against the batch schema");
        }
    }

    [Test]
    public void A_block_is_a_scene_file_when_version_1_comes_before_anything_but_comments()
    {
        Assert.That(IsSceneFile("# yaml-language-server: $schema=schema/scene.schema.json\n\nversion: 1\nscenes: []\n"), Is.True);
        Assert.That(IsSceneFile("profiles:\n  - name: veo-3\n"), Is.False);
        Assert.That(IsSceneFile("title: x\nversion: 1\n"), Is.False);
    }

    [Test]
    public void Yaml_blocks_are_found_with_their_line_numbers()
    {
        var markdown = "# Title\n\n```yaml\nversion: 1\n```\n\ntext\n\n```yml\nscenes: []\n```\n```bash\nls\n```\n";

        var blocks = YamlBlocks(markdown).ToList();

        Assert.That(blocks, Has.Count.EqualTo(2));
        Assert.That(blocks[0], Is.EqualTo(("version: 1\n", 4)));
        Assert.That(blocks[1], Is.EqualTo(("scenes: []\n", 10)));
    }

    /// <summary>Whether the first line that is not blank or a comment is <c>version: 1</c>.</summary>
    private static bool IsSceneFile(string yaml) =>
        yaml.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0 && !l.StartsWith('#')) is { } first
        && first.StartsWith("version: 1", StringComparison.Ordinal);

    /// <summary>Whether the block has <c>items:</c> at its top level (a batch file).</summary>
    private static bool IsBatchFile(string yaml) => yaml.Split('\n').Any(l => l.StartsWith("items:", StringComparison.Ordinal));

    /// <summary>Stands in for the items a README batch file names: examples/minimal.yaml at each file, and in each folder (ending in '/').</summary>
    private void ProvideItems(string yaml)
    {
        foreach (Match match in BatchItem().Matches(yaml))
        {
            var relative = match.Groups["path"].Value;
            var target = Path.GetFullPath(Path.Combine(_folder, relative.EndsWith('/') ? relative + "minimal.yaml" : relative));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (!File.Exists(target))
            {
                File.Copy(Path.Combine(Repository.Root, "examples", "minimal.yaml"), target);
            }
        }
    }

    /// <summary>The body of each ```yaml (or ```yml) fence, with the line its first line stands on.</summary>
    private static IEnumerable<(string Yaml, int Line)> YamlBlocks(string markdown)
    {
        var lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (!YamlFence().IsMatch(lines[i]))
            {
                continue;
            }

            var start = i + 1;
            var end = start;
            while (end < lines.Length && !lines[end].TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                end++;
            }

            yield return (string.Concat(lines[start..end].Select(l => l + "\n")), start + 1);
            i = end;
        }
    }

    private void ProvideReferencedFiles(string yaml)
    {
        foreach (Match match in ReferencedFile().Matches(yaml))
        {
            var relative = match.Groups["path"].Value;
            if (Path.IsPathRooted(relative) || (match.Groups["key"].Value == "path" && relative.EndsWith(".mp4", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var target = Path.GetFullPath(Path.Combine(_folder, relative));
            if (!target.StartsWith(_folder, StringComparison.Ordinal) || File.Exists(target))
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var source = new[] { "examples", "pipelines", "" }
                .Select(folder => Path.Combine(Repository.Root, folder, relative))
                .FirstOrDefault(File.Exists);
            if (source is null)
            {
                File.WriteAllBytes(target, []);
            }
            else
            {
                File.Copy(source, target);
            }
        }
    }

    [GeneratedRegex(@"^\s*-\s*(?:scene:\s*)?(?<path>[^\s#{}]+\.ya?ml|[^\s#{}]+/)\s*(?:#.*)?$", RegexOptions.Multiline)]
    private static partial Regex BatchItem();

    [GeneratedRegex(@"^\s*```\s*ya?ml\b", RegexOptions.IgnoreCase)]
    private static partial Regex YamlFence();

    [GeneratedRegex(@"\b(?<key>reference_image|path)\s*:\s*[""']?(?<path>[^""'\s#,}]+)")]
    private static partial Regex ReferencedFile();

    /// <summary>
    /// What the provider registry adds to Core's built-ins, read from the repository the way the
    /// registry embeds it (Core's tests do not load providers): every provider folder's
    /// <c>profiles.yaml</c>, and the backends those profiles name.
    /// </summary>
    private static class Providers
    {
        private static readonly string[] Files = Directory.GetFiles(Path.Combine(Repository.Root, "src", "Recreation.Generation"), "profiles.yaml", SearchOption.AllDirectories);

        public static Profiles.ProfileCatalog Catalog { get; } =
            Files.Aggregate(Profiles.ProfileCatalog.BuiltIn, (catalog, file) => catalog.WithYaml(File.ReadAllText(file), file));

        public static Model.KnownBackends Backends { get; } = new(
            Model.KnownBackends.BuiltIn.Names.Concat(Catalog.Names.SelectMany(n => Catalog.Find(n)!.Backends)).Distinct(StringComparer.OrdinalIgnoreCase).ToArray(),
            Model.KnownBackends.BuiltIn.AnyProfile);
    }
}