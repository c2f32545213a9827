using Recreation.Testing;

namespace Recreation.Cli.Tests;

/// <summary>
/// Issue 11, item 4: an output that is the same file as an input — by path, through a symbolic
/// link, or as a hard link — is refused with exit 2 and the input's bytes are unchanged; a
/// scene-chosen absolute output.path that its workspace did not write is not replaced without --force.
/// </summary>
[CancelAfter(180_000)]
public class OutputsNeverOverwriteInputsSpecs
{
    private const string Scene = """
        version: 1
        title: Guarded
        profiles: [{ name: tiny, seconds: [1, 2], sizes: [{ size: 320x180, usd_per_second: 0.1 }] }]
        target: { model: tiny }
        output: { path: out/film.mp4, fps: 24 }
        scenes:
          - { id: a, duration: 1, description: A quiet street. }
        """;

    private static async Task<(string File, byte[] Bytes)> WriteSceneAsync(TempDirectory temp, string yaml = Scene)
    {
        var file = temp.File("scene.yaml");
        await File.WriteAllTextAsync(file, yaml);
        return (file, await File.ReadAllBytesAsync(file));
    }

    [Test]
    public async Task Run_refuses_an_output_onto_the_scene_file_by_path_or_by_hard_link()
    {
        using var temp = new TempDirectory();
        var (scene, bytes) = await WriteSceneAsync(temp);

        var (code, _, error) = await CliRun.RunAsync("run", scene, "--output", scene);
        Assert.That(code, Is.EqualTo(2), error);
        Assert.That(error, Does.Contain($"The output {scene} is the same file as the scene file {scene}").And.Contain("Nothing was written"));

        var linked = temp.File("linked.mp4");
        HardLinks.Create(linked, scene);
        (code, _, error) = await CliRun.RunAsync("run", scene, "--output", linked);
        Assert.That(code, Is.EqualTo(2), error);
        Assert.That(error, Does.Contain($"The output {linked} is a hard link to the scene file {scene}"));

        Assert.That(await File.ReadAllBytesAsync(scene), Is.EqualTo(bytes));
        Assert.That(temp.ListFiles(), Is.EqualTo(new[] { "linked.mp4", "scene.yaml" }), "no workspace, no output");
    }

    [Test]
    public async Task Run_refuses_a_video_that_would_land_on_its_own_music()
    {
        using var temp = new TempDirectory();
        temp.Folder("out");
        var music = await SyntheticMedia.CreateAsync(temp.File("out/film.mp4"));
        var before = await File.ReadAllBytesAsync(music);
        var (scene, _) = await WriteSceneAsync(temp, Scene.Replace("fps: 24 }", "fps: 24, music: { path: out/film.mp4 } }"));

        var (code, _, error) = await CliRun.RunAsync("run", scene);

        Assert.That(code, Is.EqualTo(2), error);
        Assert.That(error, Does.Contain("is the same file as the music"));
        Assert.That(await File.ReadAllBytesAsync(music), Is.EqualTo(before));
        Assert.That(Directory.Exists(temp.File("out/.recreation")), Is.False);
    }

    [Test]
    public async Task Plan_refuses_to_write_its_prompts_onto_the_scene_file_even_through_a_symlink()
    {
        using var temp = new TempDirectory();
        var (scene, bytes) = await WriteSceneAsync(temp);
        var link = temp.File("prompts.md");
        File.CreateSymbolicLink(link, scene);

        foreach (var prompts in new[] { scene, link })
        {
            var (code, _, error) = await CliRun.RunAsync("plan", scene, "--prompts", prompts);
            Assert.That(code, Is.EqualTo(2), error);
            Assert.That(error, Does.Contain("The prompts file").And.Contain("is the same file as the scene file"));
        }

        Assert.That(await File.ReadAllBytesAsync(scene), Is.EqualTo(bytes));
    }

    [Test]
    public async Task Stitch_refuses_an_output_that_is_one_of_its_clips_or_its_music()
    {
        using var temp = new TempDirectory();
        var a = await SyntheticMedia.CreateAsync(temp.File("a.mp4"));
        var b = await SyntheticMedia.CreateAsync(temp.File("b.mp4"));
        var (aBytes, bBytes) = (await File.ReadAllBytesAsync(a), await File.ReadAllBytesAsync(b));
        var c = temp.File("c.mp4");
        HardLinks.Create(c, b);

        var (code, _, error) = await CliRun.RunAsync("stitch", "-o", a, a, b);
        Assert.That(code, Is.EqualTo(2), error);
        Assert.That(error, Does.Contain($"The output {a} is the same file as the clip 1 {a}"));

        (code, _, error) = await CliRun.RunAsync("stitch", "-o", c, a, b);
        Assert.That(code, Is.EqualTo(2), error);
        Assert.That(error, Does.Contain($"The output {c} is a hard link to the clip 2 {b}"));

        var music = await SyntheticMedia.CreateAsync(temp.File("music.mp4"));
        var musicBytes = await File.ReadAllBytesAsync(music);
        (code, _, error) = await CliRun.RunAsync("stitch", "-o", music, a, b, "--music", music);
        Assert.That(code, Is.EqualTo(2), error);
        Assert.That(error, Does.Contain("is the same file as the music"));

        Assert.That(await File.ReadAllBytesAsync(a), Is.EqualTo(aBytes));
        Assert.That(await File.ReadAllBytesAsync(b), Is.EqualTo(bBytes));
        Assert.That(await File.ReadAllBytesAsync(music), Is.EqualTo(musicBytes));
    }

    [Test]
    public async Task Import_refuses_an_output_onto_a_file_it_imports()
    {
        using var temp = new TempDirectory();
        var (scene, _) = await WriteSceneAsync(temp, Scene.Replace("target: { model: tiny }", "target: { model: tiny, backend: manual }"));
        var clip = await SyntheticMedia.CreateAsync(temp.File("a-1.mp4"), new SyntheticMediaOptions { Width = 320, Height = 180 });
        var bytes = await File.ReadAllBytesAsync(clip);

        var (code, _, error) = await CliRun.RunAsync("import", scene, clip, "--output", clip, "--yes");

        Assert.That(code, Is.EqualTo(2), error);
        Assert.That(error, Does.Contain($"The output {clip} is the same file as the file to import {clip}"));
        Assert.That(await File.ReadAllBytesAsync(clip), Is.EqualTo(bytes));
        Assert.That(Directory.Exists(temp.File(".recreation")), Is.False, "nothing imported");
    }

    [Test]
    public async Task An_absolute_output_path_the_workspace_did_not_write_is_replaced_only_with_force()
    {
        using var temp = new TempDirectory();
        var sceneFolder = temp.Folder("scene");
        var elsewhere = temp.Folder("videos");
        var target = Path.Combine(elsewhere, "wedding.mp4");
        var precious = "not a render: someone's own video"u8.ToArray();
        await File.WriteAllBytesAsync(target, precious);
        var file = Path.Combine(sceneFolder, "scene.yaml");
        await File.WriteAllTextAsync(file, Scene.Replace("path: out/film.mp4", $"path: \"{target}\""));

        var (code, _, error) = await CliRun.RunAsync("run", file);
        Assert.That(code, Is.EqualTo(2), error);
        Assert.That(error, Does.Contain($"output.path {target} already exists").And.Contain("did not write it").And.Contain("--force"));
        Assert.That(await File.ReadAllBytesAsync(target), Is.EqualTo(precious));
        Assert.That(Directory.EnumerateFileSystemEntries(elsewhere), Is.EqualTo(new[] { target }), "no workspace beside it");

        (code, _, error) = await CliRun.RunAsync("run", file, "--force");
        Assert.That(code, Is.Zero, error);
        Assert.That(await File.ReadAllBytesAsync(target), Is.Not.EqualTo(precious));

        (code, _, error) = await CliRun.RunAsync("run", file);
        Assert.That(code, Is.Zero, "the workspace wrote it, so a rerun may replace it: " + error);

        await File.WriteAllBytesAsync(target, precious);
        (code, _, _) = await CliRun.RunAsync("run", file);
        Assert.That(code, Is.EqualTo(2), "replaced by someone else since: not ours any more");
        Assert.That(await File.ReadAllBytesAsync(target), Is.EqualTo(precious));
    }
}