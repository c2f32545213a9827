using Recreation.Media.Files;
using Recreation.Testing;

namespace Recreation.Cli.Tests;

/// <summary>
/// An output folder that cannot be written is the user's to fix: exit 2, a message naming the
/// path and what to do, never "internal error", and no temp file left behind. The folders are a
/// read-only tmpfs and a full one (root ignores chmod; CI runs as root); skipped without root.
/// </summary>
[CancelAfter(120_000)]
public class OutputFolderSpecs
{
    private const string Scene = """
        version: 1
        title: Cli run
        profiles: [{ name: tiny, seconds: [1, 2], sizes: [{ size: 320x180, usd_per_second: 0.1 }] }]
        target: { model: tiny }
        output: { path: out/film.mp4, fps: 24 }
        scenes:
          - { id: a, duration: 2, description: First. }
        """;

    [Test]
    public async Task Plan_prompts_into_a_read_only_folder_exit_2_and_say_what_to_do(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory();
        using var readOnly = Mount(TmpfsKind.ReadOnly);
        var scene = await WriteSceneAsync(temp, cancellationToken);

        var (code, _, error) = await CliRun.RunAsync("plan", scene, "--prompts", readOnly.File("prompts.md"));

        Assert.That(code, Is.EqualTo(2), error);
        Assert.That(error, Does.Contain($"Cannot write '{readOnly.File("prompts.md")}'").And.Contain("read-only").And.Not.Contain("internal error"));
        Assert.That(readOnly.ListFiles(), Is.Empty);
    }

    [Test]
    public async Task Run_into_a_read_only_folder_exits_2_and_says_what_to_do(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory();
        using var readOnly = Mount(TmpfsKind.ReadOnly);
        var scene = await WriteSceneAsync(temp, cancellationToken);

        var (code, _, error) = await CliRun.RunAsync("run", scene, "--output", readOnly.File("film.mp4"));

        Assert.That(code, Is.EqualTo(2), error);
        Assert.That(error, Does.Contain($"'{readOnly.Path}").And.Contain("read-only").And.Contain("choose an output in another folder").And.Not.Contain("internal error"));
        Assert.That(readOnly.ListFiles(), Is.Empty);
        Assert.That(temp.ListFiles(), Is.EqualTo(new[] { "scene.yaml" }));
    }

    [Test]
    public async Task Run_onto_a_full_disk_exits_2_and_leaves_no_temp_file(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory();
        using var full = Mount(TmpfsKind.Full);
        var scene = await WriteSceneAsync(temp, cancellationToken);

        var (code, _, error) = await CliRun.RunAsync("run", scene, "--output", full.File("film.mp4"));

        Assert.That(code, Is.EqualTo(2), error);
        Assert.That(error, Does.Contain("is full").And.Contain("Free some space there").And.Not.Contain("internal error"));
        Assert.That(full.ListFiles().Where(f => AtomicFile.IsTempName(Path.GetFileName(f)) || f.EndsWith(".tmp", StringComparison.Ordinal)), Is.Empty, string.Join(", ", full.ListFiles()));
        Assert.That(full.ListFiles(), Has.None.EndsWith("plan.json").And.None.EndsWith("film.mp4"));
    }

    [Test]
    public async Task Stitch_into_a_read_only_folder_or_onto_a_full_disk_exits_2_and_leaves_nothing(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory();
        var clip = await SyntheticMedia.CreateAsync(temp.File("a.mp4"), new() { Width = 320, Height = 180, Duration = TimeSpan.FromSeconds(1) }, cancellationToken);
        using var readOnly = Mount(TmpfsKind.ReadOnly);
        using var full = Mount(TmpfsKind.Full);

        var (roCode, _, roError) = await CliRun.RunAsync("stitch", clip, clip, "-o", readOnly.File("out.mp4"), "--transition", "crossfade:0.5");
        var (fullCode, _, fullError) = await CliRun.RunAsync("stitch", clip, clip, "-o", full.File("out.mp4"), "--transition", "crossfade:0.5");

        Assert.That((roCode, fullCode), Is.EqualTo((2, 2)), roError + fullError);
        Assert.That(roError, Does.Contain("read-only").And.Not.Contain("internal error"));
        Assert.That(fullError, Does.Contain("is full").And.Not.Contain("internal error"));
        Assert.That(readOnly.ListFiles(), Is.Empty);
        Assert.That(full.ListFiles(), Is.EqualTo(new[] { "filler" }));
    }

    private static async Task<string> WriteSceneAsync(TempDirectory temp, CancellationToken cancellationToken)
    {
        var file = temp.File("scene.yaml");
        await File.WriteAllTextAsync(file, Scene, cancellationToken);
        return file;
    }

    private static TmpfsMount Mount(TmpfsKind kind)
    {
        var mount = TmpfsMount.TryCreate(kind, out var whyNot);
        Assume.That(mount, Is.Not.Null, whyNot);
        return mount!;
    }
}