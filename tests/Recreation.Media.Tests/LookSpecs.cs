using Recreation.Media.Frames;
using Recreation.Media.Probing;
using Recreation.Media.Processes;
using Recreation.Testing;

namespace Recreation.Media.Tests;

/// <summary>
/// A report's looks of several clips (first, middle and last thumbnails, palette) in one ffmpeg
/// run: byte for byte what the thumbnail and palette extractors give one clip at a time, from
/// probes the caller already has.
/// </summary>
[CancelAfter(120_000)]
public class LookSpecs
{
    private static readonly FFmpegRunner Runner = new();

    [Test]
    public async Task Looks_of_several_clips_from_one_ffmpeg_run_equal_each_clip_measured_alone(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory("looks");
        using var tools = new CountedMediaTools();
        var clips = new[]
        {
            await MakeAsync(temp, "a.mp4", "testsrc2=s=320x180:r=24:d=1.5", audio: true, cancellationToken),
            await MakeAsync(temp, "b.mov", "mandelbrot=s=256x144:r=25,trim=duration=3", audio: false, cancellationToken),
            await MakeAsync(temp, "c.mp4", "color=c=orange:s=180x320:r=30:d=0.4", audio: true, cancellationToken),
        };
        var infos = new List<MediaInfo>();
        foreach (var clip in clips)
        {
            infos.Add(await new MediaProbe(Runner).ProbeAsync(clip, cancellationToken));
        }

        var looks = await new LookExtractor(new FFmpegRunner(tools.Options)).ExtractAsync(infos, 5, cancellationToken: cancellationToken);

        Assert.That(tools.Starts, Has.Count.EqualTo(1).And.All.StartWith("ffmpeg "), "one ffmpeg run, no probe");
        Assert.That(looks.Select(l => l.Path), Is.EqualTo(infos.Select(i => i.Path)));
        for (var i = 0; i < clips.Length; i++)
        {
            var thumbnails = await new ThumbnailExtractor(Runner).FirstMiddleLastAsync(clips[i], cancellationToken: cancellationToken);
            var palette = await new PaletteExtractor(Runner).ExtractAsync(clips[i], 5, cancellationToken);
            Assert.That(looks[i].Thumbnails, Has.Count.EqualTo(3).And.All.Not.Null, clips[i]);
            Assert.That(looks[i].Thumbnails, Is.EqualTo(thumbnails), $"{clips[i]}: the same JPEG bytes");
            Assert.That(looks[i].Palette, Is.EqualTo(palette), $"{clips[i]}: the same colours and weights");
        }

        Assert.That(looks[0].Thumbnails[0], Is.Not.EqualTo(looks[0].Thumbnails[2]), "testsrc2 moves: the first and last frames differ");
    }

    [Test]
    public async Task A_clip_without_a_picture_fails_the_run_naming_it(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory("looks");
        var video = await MakeAsync(temp, "v.mp4", "testsrc2=s=160x90:r=24:d=1", audio: false, cancellationToken);
        var sound = temp.File("s.m4a");
        await Runner.RunAsync(MediaCommand.FFmpeg(["-f", "lavfi", "-i", "sine=d=1", "-c:a", "aac", sound], "making test audio"), cancellationToken);
        var infos = new[] { await new MediaProbe(Runner).ProbeAsync(video, cancellationToken), await new MediaProbe(Runner).ProbeAsync(sound, cancellationToken) };

        var error = Assert.ThrowsAsync<MediaException>(() => new LookExtractor(Runner).ExtractAsync(infos, cancellationToken: cancellationToken));

        Assert.That(error!.FilePath, Is.EqualTo(sound));
        Assert.That(error.Message, Does.Contain("no picture"));
    }

    [Test]
    public void Clips_are_grouped_by_count_and_by_pixels_in_their_order()
    {
        static MediaInfo Clip(int n, int width, int height) =>
            new($"/c{n}.mp4", "mov", TimeSpan.FromSeconds(1), TimeSpan.Zero, 1, null,
                new VideoStreamInfo(0, "h264", "High", width, height, 0, Rational.One, 24, 24, "yuv420p", new Rational(1, 12288), "progressive",
                    ColorTags.Unspecified, null, 24, TimeSpan.FromSeconds(1), TimeSpan.Zero), null, 1, 0);

        var tiny = Enumerable.Range(0, 40).Select(n => Clip(n, 320, 180)).ToList();
        Assert.That(LookExtractor.Groups(tiny).Select(g => g.Count), Is.EqualTo(new[] { 16, 16, 8 }));
        Assert.That(LookExtractor.Groups(tiny).SelectMany(g => g), Is.EqualTo(tiny), "every clip once, in order");

        var big = Enumerable.Range(0, 9).Select(n => Clip(n, 1920, 1080)).ToList();
        Assert.That(LookExtractor.Groups(big).Select(g => g.Count), Is.EqualTo(new[] { 4, 4, 1 }));

        var huge = new[] { Clip(0, 320, 180), Clip(1, 7680, 4320), Clip(2, 320, 180) };
        Assert.That(LookExtractor.Groups(huge).Select(g => g.Count), Is.EqualTo(new[] { 1, 1, 1 }), "a clip bigger than a run's pixels runs alone");
        Assert.That(LookExtractor.Groups([]), Is.Empty);
    }

    private static async Task<string> MakeAsync(TempDirectory temp, string name, string source, bool audio, CancellationToken cancellationToken)
    {
        var path = temp.File(name);
        string[] sound = audio ? ["-f", "lavfi", "-i", "sine=f=440:d=3", "-shortest", "-c:a", "aac"] : [];
        await Runner.RunAsync(MediaCommand.FFmpeg(["-f", "lavfi", "-i", source, .. sound, "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", path], "making test media"), cancellationToken);
        return path;
    }
}