using Recreation.Media.Conforming;
using Recreation.Media.Files;
using Recreation.Testing;

namespace Recreation.Media.Tests;

/// <summary>
/// The one write-then-rename helper. The read-only folder and the full disk are real: a tmpfs
/// mounted read-only, or filled to its last byte (root ignores chmod, CI runs as root). Without
/// root and mount(8) those specs are skipped.
/// </summary>
[CancelAfter(60_000)]
public class AtomicFileSpecs
{
    [Test]
    public async Task A_write_lands_whole_and_leaves_only_the_target()
    {
        using var temp = new TempDirectory("atomic");
        var target = temp.File("deep/er/plan.json");

        await AtomicFile.WriteAllTextAsync(target, "{ \"a\": 1 }");
        await AtomicFile.WriteAllTextAsync(target, "{ \"a\": 2 }");

        Assert.That(await File.ReadAllTextAsync(target), Is.EqualTo("{ \"a\": 2 }"));
        Assert.That(temp.ListFiles(), Is.EqualTo(new[] { Path.Combine("deep", "er", "plan.json") }));
    }

    [Test]
    public void A_writer_that_fails_midway_leaves_the_old_file_and_no_temp_file_and_its_exception_passes_unchanged()
    {
        using var temp = new TempDirectory("atomic");
        var target = temp.File("ledger.json");
        File.WriteAllText(target, "old");

        var network = Assert.ThrowsAsync<IOException>(() => AtomicFile.WriteAsync(target, async (stream, token) =>
        {
            await stream.WriteAsync("new, half"u8.ToArray(), token);
            throw new IOException("the connection was cut");
        }));

        Assert.That(network!.Message, Is.EqualTo("the connection was cut"), "a failure that is not the local file's stays what it is (a download retries it)");
        Assert.That(File.ReadAllText(target), Is.EqualTo("old"));
        Assert.That(temp.ListFiles(), Is.EqualTo(new[] { "ledger.json" }));
    }

    [Test]
    public void A_cancelled_write_leaves_no_temp_file()
    {
        using var temp = new TempDirectory("atomic");
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.That(() => AtomicFile.WriteAllTextAsync(temp.File("report.txt"), "text", cancelled.Token), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(temp.ListFiles(), Is.Empty);
    }

    [Test]
    public void Temp_names_are_hidden_unique_keep_the_extension_and_are_recognised()
    {
        var one = AtomicFile.TempPathFor("/x/film.mp4");
        var two = AtomicFile.TempPathFor("/x/film.mp4");

        Assert.That(one, Does.StartWith("/x/.film.").And.EndWith(".partial.mp4"));
        Assert.That(one, Is.Not.EqualTo(two));
        Assert.That(AtomicFile.IsTempName(Path.GetFileName(one)), Is.True);
        Assert.That(AtomicFile.IsTempName("film.mp4"), Is.False);
    }

    [Test]
    public void A_full_disk_is_an_output_error_naming_the_file_and_leaves_no_temp_file()
    {
        using var disk = Mount(TmpfsKind.Full);
        var target = disk.File("plan.json");

        var error = Assert.ThrowsAsync<OutputNotWritableException>(() => AtomicFile.WriteAllTextAsync(target, new string('x', 10_000)));

        Assert.That(error!.Problem, Is.EqualTo(OutputProblem.DiskFull));
        Assert.That(error.IsFatal, Is.True);
        Assert.That(error.Message, Does.Contain($"Cannot write '{target}'").And.Contain("is full").And.Contain("Free some space"));
        Assert.That(disk.ListFiles(), Is.EqualTo(new[] { "filler" }), "no plan.json, no temp file");
    }

    [Test]
    public void A_full_disk_fails_the_synchronous_write_too()
    {
        using var disk = Mount(TmpfsKind.Full);

        var error = Assert.Throws<OutputNotWritableException>(() => AtomicFile.WriteAllText(disk.File("ledger.json"), new string('x', 100)));

        Assert.That(error!.Problem, Is.EqualTo(OutputProblem.DiskFull));
        Assert.That(disk.ListFiles(), Is.EqualTo(new[] { "filler" }));
    }

    [Test]
    public void A_read_only_folder_is_an_output_error_naming_the_file()
    {
        using var folder = Mount(TmpfsKind.ReadOnly);
        var target = folder.File("out/film.srt");

        var error = Assert.ThrowsAsync<OutputNotWritableException>(() => AtomicFile.WriteAllTextAsync(target, "1\n"));

        Assert.That(error!.Problem, Is.EqualTo(OutputProblem.ReadOnly));
        Assert.That(error.Message, Does.Contain("read-only").And.Contain("Make it writable, or choose an output in another folder"));
        Assert.That(folder.ListFiles(), Is.Empty);
    }

    [Test]
    public async Task Ffmpeg_writing_to_a_full_disk_is_an_output_error_naming_the_target_and_leaves_no_temp_file(CancellationToken cancellationToken)
    {
        using var media = new TempDirectory("atomic-media");
        var clip = await SyntheticMedia.CreateAsync(media.File("clip.mp4"), new() { Width = 320, Height = 180, Duration = TimeSpan.FromSeconds(1) }, cancellationToken);
        using var disk = Mount(TmpfsKind.Full);
        var target = disk.File("conformed.mov");

        var error = Assert.ThrowsAsync<OutputNotWritableException>(() =>
            new Conformer(new FFmpegRunner()).ConformAsync(clip, target, new ConformSpec(320, 180, FitMode.Cover, 24), cancellationToken: cancellationToken));

        Assert.That(error!.Problem, Is.EqualTo(OutputProblem.DiskFull));
        Assert.That(error.Message, Does.Contain($"Cannot write '{target}'"), "named after the target, not its temp name");
        Assert.That(disk.ListFiles(), Is.EqualTo(new[] { "filler" }));
    }

    private static TmpfsMount Mount(TmpfsKind kind)
    {
        var mount = TmpfsMount.TryCreate(kind, out var whyNot);
        Assume.That(mount, Is.Not.Null, whyNot);
        return mount!;
    }
}