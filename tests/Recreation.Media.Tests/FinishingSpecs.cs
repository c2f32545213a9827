using Recreation.Media.Stitching;
using Recreation.Testing;

namespace Recreation.Media.Tests;

/// <summary>Post-production on the way out (issue 5, item 4): fades, a ducked music bed, burned-in captions, chapters.</summary>
[CancelAfter(90_000)]
public class FinishingSpecs
{
    /// <summary>The music's tone, far from the clips' 440 Hz so a band-pass hears only the music.</summary>
    private const string MusicBand = "bandpass=f=2500:width_type=q:w=10";

    private readonly FFmpegRunner _runner = new();
    private TempDirectory _temp = null!;
    private string _whiteTone = null!;
    private string _whiteSilent = null!;
    private string _music = null!;

    [OneTimeSetUp]
    public async Task CreateMedia()
    {
        _temp = new TempDirectory("finishing-specs");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var white = new SyntheticMediaOptions { Pattern = SyntheticPattern.SolidColor, Color = "white", Duration = TimeSpan.FromSeconds(2) };
        _whiteTone = await SyntheticMedia.CreateAsync(_temp.File("white-tone.mp4"), white, timeout.Token);
        _whiteSilent = await SyntheticMedia.CreateAsync(_temp.File("white-silent.mp4"), white with { Audio = SyntheticAudio.None }, timeout.Token);
        // One second of music, looped under four seconds of video.
        _music = await SyntheticMedia.CreateAsync(_temp.File("music.ogg"), new SyntheticMediaOptions { IncludeVideo = false, AudioFrequency = 2500, AudioCodec = "libvorbis" }, timeout.Token);
    }

    [OneTimeTearDown]
    public void DeleteFolder() => _temp.Dispose();

    [Test]
    public async Task Fades_start_from_black_and_silence_and_end_on_them(CancellationToken cancellationToken)
    {
        var output = _temp.File("faded.mp4");
        var settings = new StitchSettings(320, 180, FitMode.Cover, 25) { FadeIn = TimeSpan.FromSeconds(0.5), FadeOut = TimeSpan.FromSeconds(0.5) };

        var result = await Stitch([_whiteTone, _whiteTone], settings, output, cancellationToken);

        Assert.That(result.Path, Is.EqualTo(StitchPath.OnePass), "fades are drawn, so the clips are conformed (in one pass) even though they match");
        Assert.That(result.Reason, Does.Contain("fades"));
        Assert.That(result.FrameCount, Is.EqualTo(100), "fades do not change the length");
        Assert.That(await BrightnessAsync(output, 0, cancellationToken), Is.LessThan(5), "the first frame is black");
        Assert.That(await BrightnessAsync(output, 3.96, cancellationToken), Is.LessThan(5), "the last frame is black");
        Assert.That(await BrightnessAsync(output, 0.24, cancellationToken), Is.InRange(60, 200), "half way through the fade in");
        Assert.That(await BrightnessAsync(output, 2, cancellationToken), Is.GreaterThan(230), "white in the middle");
        var middle = await VolumeAsync(output, 1.5, 1.0, null, cancellationToken);
        Assert.That(await VolumeAsync(output, 0, 0.05, null, cancellationToken), Is.LessThan(middle - 20), "the sound fades in from silence");
        Assert.That(await VolumeAsync(output, 3.95, 0.05, null, cancellationToken), Is.LessThan(middle - 20), "and out to silence");
    }

    [Test]
    public async Task Music_is_ducked_under_the_clips_sound_and_comes_back_where_they_are_silent(CancellationToken cancellationToken)
    {
        var ducked = _temp.File("ducked.mp4");
        var flat = _temp.File("flat.mp4");
        var settings = new StitchSettings(320, 180, FitMode.Cover, 25, LoudnessLufs: -16);

        await Stitch([_whiteTone, _whiteSilent], settings with { Finishing = new Finishing { Music = new MusicBed(_music, 0.5) } }, ducked, cancellationToken);
        await Stitch([_whiteTone, _whiteSilent], settings with { Finishing = new Finishing { Music = new MusicBed(_music, 0.5, Duck: false) } }, flat, cancellationToken);

        // The loudness trace of the music alone (band-passed): under the clip's tone (0.5-1.5 s) and where the clips are silent (2.5-3.5 s).
        var underTone = await VolumeAsync(ducked, 0.5, 1.0, MusicBand, cancellationToken);
        var alone = await VolumeAsync(ducked, 2.5, 1.0, MusicBand, cancellationToken);
        TestContext.Out.WriteLine($"music under the tone {underTone:0.0} dB, alone {alone:0.0} dB");
        Assert.That(alone - underTone, Is.GreaterThan(6), "the music drops by more than 6 dB while the clips have sound");
        Assert.That(await VolumeAsync(ducked, 3.5, 0.4, MusicBand, cancellationToken), Is.GreaterThan(-40), "the one-second music file loops to the end");

        var flatUnderTone = await VolumeAsync(flat, 0.5, 1.0, MusicBand, cancellationToken);
        var flatAlone = await VolumeAsync(flat, 2.5, 1.0, MusicBand, cancellationToken);
        Assert.That(flatAlone - flatUnderTone, Is.LessThan(1.5), "without duck: true the music keeps its level");
        Assert.That(await VolumeAsync(ducked, 0.5, 1.0, "bandpass=f=440:width_type=q:w=10", cancellationToken), Is.GreaterThan(-40), "the clips' own sound is still there");
    }

    [Test]
    public async Task Music_also_lies_under_clips_joined_by_stream_copy(CancellationToken cancellationToken)
    {
        var output = _temp.File("copied-with-music.mp4");
        var settings = new StitchSettings(320, 180, FitMode.Cover, 25) { Finishing = new Finishing { Music = new MusicBed(_music, 0.5) } };

        var result = await Stitch([_whiteTone, _whiteTone], settings, output, cancellationToken);

        Assert.That(result.Path, Is.EqualTo(StitchPath.StreamCopy), "music only re-encodes the audio");
        Assert.That(await VolumeAsync(output, 0.5, 3.0, MusicBand, cancellationToken), Is.GreaterThan(-50));
        Assert.That(result.Output.Audio!.Codec, Is.EqualTo("aac"));
    }

    [Test]
    public void A_music_file_without_sound_is_refused_before_any_work(CancellationToken cancellationToken)
    {
        var output = _temp.File("never.mp4");
        var settings = new StitchSettings(320, 180, FitMode.Cover, 25) { FadeIn = TimeSpan.FromSeconds(0.5), Finishing = new Finishing { Music = new MusicBed(_whiteSilent) } };

        var error = Assert.ThrowsAsync<Validation.InvalidMediaException>(() => Stitch([_whiteTone], settings, output, cancellationToken));

        Assert.That(error!.Message, Does.Contain("white-silent.mp4").And.Contain("has no audio stream"));
        Assert.That(error.Report.Invalid.Single().Label, Is.EqualTo("music"));
        Assert.That(File.Exists(output), Is.False);
    }

    [Test]
    public async Task Burned_captions_change_the_picture_while_they_are_shown(CancellationToken cancellationToken)
    {
        // A folder name with every character the filter parser treats specially.
        var folder = _temp.Folder("it's: [odd], dir;");
        var srt = Path.Combine(folder, "captions.srt");
        await File.WriteAllTextAsync(srt, "1\n00:00:00,000 --> 00:00:01,000\nHELLO THERE\n\n", cancellationToken);
        var plain = _temp.File("plain.mp4");
        var burned = _temp.File("burned.mp4");
        var settings = new StitchSettings(320, 180, FitMode.Cover, 25);

        await Stitch([_whiteSilent], settings, plain, cancellationToken);
        var result = await Stitch([_whiteSilent], settings with { Finishing = new Finishing { BurnedCaptionsPath = srt } }, burned, cancellationToken);

        Assert.That(result.FrameCount, Is.EqualTo(50));
        var during = Changed(await Frame(plain, 0.5, cancellationToken), await Frame(burned, 0.5, cancellationToken));
        var after = Changed(await Frame(plain, 1.5, cancellationToken), await Frame(burned, 1.5, cancellationToken));
        Assert.That(during, Is.GreaterThan(200), "the caption's pixels while it is shown");
        Assert.That(after, Is.LessThan(20), "nothing drawn after the caption ends");
    }

    [Test]
    public async Task Chapters_are_written_into_the_mp4(CancellationToken cancellationToken)
    {
        var output = _temp.File("chapters.mp4");
        Chapter[] chapters =
        [
            new("opening", TimeSpan.Zero, TimeSpan.FromMilliseconds(1500)),
            new("the end; at last = #2", TimeSpan.FromMilliseconds(1500), TimeSpan.FromSeconds(4)),
        ];
        var settings = new StitchSettings(320, 180, FitMode.Cover, 25) { Finishing = new Finishing { Chapters = chapters } };

        var result = await Stitch([_whiteTone, _whiteTone], settings, output, cancellationToken);

        var read = await MediaInspection.ReadChaptersAsync(output, cancellationToken);
        Assert.That(read, Is.EqualTo(chapters.Select(c => (c.Title, c.Start, c.End)).ToList()));
        Assert.That(result.Output.VideoStreamCount, Is.EqualTo(1));
        Assert.That(Directory.GetFiles(Path.GetDirectoryName(output)!, ".*"), Is.Empty, "the metadata file and the temp output are removed");
    }

    private async Task<StitchResult> Stitch(string[] clips, StitchSettings settings, string output, CancellationToken cancellationToken)
    {
        var request = new StitchRequest(clips.Select(c => new StitchClip(c)).ToList(), [], settings, output, _temp.Folder("work"));
        return await new Stitcher(_runner).StitchAsync(request, cancellationToken: cancellationToken);
    }

    private static async Task<double> VolumeAsync(string path, double from, double length, string? filter, CancellationToken cancellationToken) =>
        await MediaInspection.MeanVolumeDbAsync(path, TimeSpan.FromSeconds(from), TimeSpan.FromSeconds(length), filter, cancellationToken);

    private static Task<RgbFrame> Frame(string path, double at, CancellationToken cancellationToken) =>
        MediaInspection.ReadFrameAsync(path, 320, 180, TimeSpan.FromSeconds(at), cancellationToken);

    private static async Task<double> BrightnessAsync(string path, double at, CancellationToken cancellationToken)
    {
        var frame = await MediaInspection.ReadFrameAsync(path, 64, 36, TimeSpan.FromSeconds(at), cancellationToken);
        return Enumerable.Range(0, frame.Height).Average(frame.RowBrightness);
    }

    /// <summary>How many pixels differ by more than 40 in any channel.</summary>
    private static int Changed(RgbFrame a, RgbFrame b)
    {
        var count = 0;
        for (var y = 0; y < a.Height; y++)
        {
            for (var x = 0; x < a.Width; x++)
            {
                var (p, q) = (a[x, y], b[x, y]);
                if (Math.Abs(p.R - q.R) > 40 || Math.Abs(p.G - q.G) > 40 || Math.Abs(p.B - q.B) > 40)
                {
                    count++;
                }
            }
        }

        return count;
    }
}