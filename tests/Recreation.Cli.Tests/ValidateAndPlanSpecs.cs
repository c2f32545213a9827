using System.Text.Json;

using Recreation.Testing;

namespace Recreation.Cli.Tests;

public class ValidateAndPlanSpecs
{
    private const string Scene = """
        version: 1
        title: Cli spec
        characters: { mara: { description: a barista, anchors: [navy apron] } }
        scenes:
          - { id: opening, duration: 10, description: Mara opens up., characters: [mara], interactions: [a, b, c, d, e] }
        """;

    [Test]
    public async Task Validate_says_ok_and_exits_0_for_a_good_file()
    {
        using var temp = new TempDirectory();
        var file = temp.File("scene.yaml");
        await File.WriteAllTextAsync(file, Scene);
        var (code, output, error) = await CliRun.RunAsync("validate", file);
        Assert.That(code, Is.EqualTo(0), error);
        Assert.That(output, Does.StartWith("ok: ").And.Contain("1 scene(s), 2 clip(s)"));
    }

    [Test]
    public async Task Validate_lists_every_error_with_its_position_and_exits_2()
    {
        using var temp = new TempDirectory();
        var file = temp.File("bad.yaml");
        await File.WriteAllTextAsync(file, "version: 1\nscenes:\n  - id: a\n    duration: 0\n    descripton: x\n");
        var (code, output, error) = await CliRun.RunAsync("validate", file);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(output, Is.Empty);
        Assert.That(error, Does.Contain($"{file}:4:15: scenes[0].duration: must be > 0"));
        Assert.That(error, Does.Contain($"{file}:5:5: scenes[0].descripton: unknown key; did you mean 'description'?"));
        Assert.That(error, Does.Contain("scenes[0].description: is required"));
        Assert.That(error, Does.Not.Contain("   at "), "no stack trace");
    }

    [Test]
    public async Task Plan_json_prints_exactly_one_json_object()
    {
        using var temp = new TempDirectory();
        var file = temp.File("scene.yaml");
        await File.WriteAllTextAsync(file, Scene);
        var (code, output, _) = await CliRun.RunAsync("plan", file, "--json");
        Assert.That(code, Is.EqualTo(0));
        using var json = JsonDocument.Parse(output);
        Assert.That(json.RootElement.GetProperty("scenes")[0].GetProperty("clips").GetArrayLength(), Is.EqualTo(2));
        var (_, again, _) = await CliRun.RunAsync("plan", file, "--json");
        Assert.That(again, Is.EqualTo(output), "byte for byte the same");
    }

    [Test]
    public async Task Plan_shows_a_table_with_the_split_rule_and_the_cost_and_writes_prompts()
    {
        using var temp = new TempDirectory();
        var file = temp.File("scene.yaml");
        var prompts = temp.File("out/prompts.md");
        await File.WriteAllTextAsync(file, Scene);
        var (code, output, error) = await CliRun.RunAsync("plan", file, "--prompts", prompts);
        Assert.That(code, Is.EqualTo(0), error);
        Assert.That(output, Does.Contain("opening-1").And.Contain("opening-2"));
        Assert.That(output, Does.Contain("split by max_clip_seconds"));
        Assert.That(output, Does.Contain("12 s generated").And.Contain("$1.20"));
        var markdown = await File.ReadAllTextAsync(prompts);
        Assert.That(markdown, Does.Contain("## opening-1").And.Contain("## opening-2").And.Contain("```text\nMara opens up."));
    }

    [Test]
    public async Task Profiles_lists_the_built_in_models()
    {
        var (code, output, _) = await CliRun.RunAsync("profiles");
        Assert.That(code, Is.EqualTo(0));
        Assert.That(output, Does.Contain("sora-2-pro").And.Contain("1792x1024 $0.50").And.Contain("sora-app-pro"));
    }

    [Test]
    public async Task Profiles_yaml_prints_a_file_that_loads_as_a_profiles_file()
    {
        using var temp = new TempDirectory();
        var (code, output, _) = await CliRun.RunAsync("profiles", "--yaml");
        Assert.That(code, Is.EqualTo(0));
        var file = temp.File("mine.yaml");
        await File.WriteAllTextAsync(file, output.Replace("name: sora-2-pro", "name: my-gateway-model"));
        var (listed, table, error) = await CliRun.RunAsync("profiles", "--profiles", file);
        Assert.That(listed, Is.EqualTo(0), error);
        Assert.That(table, Does.Contain("my-gateway-model"));
    }

    [Test]
    public async Task A_usage_error_exits_2_with_a_pointer_to_help()
    {
        var (code, _, error) = await CliRun.RunAsync("plan");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("recreate --help"));
        var (unknown, _, _) = await CliRun.RunAsync("frobnicate");
        Assert.That(unknown, Is.EqualTo(2));
    }

    [Test]
    public async Task A_missing_scene_file_is_reported_plainly()
    {
        var (code, _, error) = await CliRun.RunAsync("validate", "/nonexistent/scene.yaml");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("/nonexistent/scene.yaml: file not found"));
    }
}