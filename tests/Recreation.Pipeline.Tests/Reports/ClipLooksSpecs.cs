using Recreation.Media;
using Recreation.Media.Probing;
using Recreation.Media.Processes;
using Recreation.Pipeline.Reports;
using Recreation.Testing;

namespace Recreation.Pipeline.Tests.Reports;

/// <summary>The report's clip looks: measured together, and a clip that cannot be measured leaves the others theirs.</summary>
[CancelAfter(120_000)]
public class ClipLooksSpecs
{
    private static readonly FFmpegRunner Runner = new();

    [Test]
    public async Task A_clip_that_cannot_be_measured_gets_its_problem_and_the_others_their_looks(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory("looks");
        var first = await MakeAsync(temp, "first.mp4", ["-f", "lavfi", "-i", "testsrc2=s=160x90:r=24:d=1", "-c:v", "libx264", "-preset", "ultrafast"], cancellationToken);
        var sound = await MakeAsync(temp, "sound.m4a", ["-f", "lavfi", "-i", "sine=d=1", "-c:a", "aac"], cancellationToken);
        var last = await MakeAsync(temp, "last.mp4", ["-f", "lavfi", "-i", "testsrc2=s=160x90:r=24:d=1", "-c:v", "libx264", "-preset", "ultrafast"], cancellationToken);
        var garbage = temp.File("garbage.mp4");
        await File.WriteAllTextAsync(garbage, "not a video", cancellationToken);
        var known = new[] { await new MediaProbe(Runner).ProbeAsync(first, cancellationToken) };

        var looks = await new ClipLooks(Runner, temp.Folder("report")).OfAsync([first, sound, last, garbage], known, cancellationToken);

        Assert.That(looks.Keys, Is.EquivalentTo(new[] { first, sound, last, garbage }));
        foreach (var clip in new[] { first, last })
        {
            Assert.That(looks[clip].Problem, Is.Null, clip);
            Assert.That(looks[clip].Look!.Thumbnails, Has.Count.EqualTo(3).And.All.Not.Null, clip);
            Assert.That(looks[clip].Look!.Palette, Is.Not.Empty, clip);
        }

        Assert.That(looks[sound].Look, Is.Null);
        Assert.That(looks[sound].Problem, Does.StartWith("could not measure the clip: ").And.Contain("no picture"));
        Assert.That(looks[garbage].Look, Is.Null);
        Assert.That(looks[garbage].Problem, Does.StartWith("could not measure the clip: ").And.Contain("not a media file"));
        Assert.That(Directory.GetFiles(temp.File("report"), "*.look.json").Select(Path.GetFileName), Is.EquivalentTo(new[] { "first.mp4.look.json", "last.mp4.look.json" }), "only looks are kept");
    }

    private static async Task<string> MakeAsync(TempDirectory temp, string name, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var path = temp.File(name);
        await Runner.RunAsync(MediaCommand.FFmpeg([.. arguments, path], "making test media"), cancellationToken);
        return path;
    }
}