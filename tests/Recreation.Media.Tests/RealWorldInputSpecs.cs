using Recreation.Media.Conforming;
using Recreation.Media.Probing;
using Recreation.Testing;

namespace Recreation.Media.Tests;

/// <summary>
/// Conform on the inputs people actually hand the tool (issue 5, item 3): the real clips of
/// ../shared/media and generated clips with each awkward property — variable frame rate, odd
/// sizes and non-square pixels, rotation, 10-bit, HEVC/VP8/VP9, 5.1 and mono, no audio, audio
/// shorter, longer or later than the picture, and a black or frozen opening.
/// </summary>
[CancelAfter(60_000)]
public class RealWorldInputSpecs
{
    private static readonly ConformSpec Spec = new(320, 180, FitMode.Cover, 25);

    private readonly FFmpegRunner _runner = new();
    private Conformer _conformer = null!;
    private MediaProbe _probe = null!;
    private TempDirectory _temp = null!;

    [OneTimeSetUp]
    public void Create()
    {
        _conformer = new Conformer(_runner);
        _probe = new MediaProbe(_runner);
        _temp = new TempDirectory("real-world-input");
    }

    [OneTimeTearDown]
    public void DeleteFolder() => _temp.Dispose();

    [TestCase("input_3sec.mp4", 75, true, TestName = "Shared clip: 720p H.264 with 5.1 audio")]
    [TestCase("input_3sec.webm", 75, false, TestName = "Shared clip: VP8 WebM without audio")]
    [TestCase("input_3sec_rotation_90deg.mp4", 75, true, TestName = "Shared clip: rotated 90 degrees")]
    [TestCase("sampleMKV.mkv", 139, true, TestName = "Shared clip: Matroska with mono 44.1 kHz audio")]
    public async Task A_shared_real_clip_conforms_to_the_exact_intermediate(string name, long frames, bool hasSound, CancellationToken cancellationToken)
    {
        var source = Path.Combine(SharedMediaFolder.OrIgnore(), name);

        var clip = await _conformer.ConformAsync(source, _temp.File(name + ".mov"), Spec, cancellationToken: cancellationToken);

        Assert.That(clip.FrameCount, Is.EqualTo(frames).Within(1), "round(duration × 25)");
        await AssertIntermediateAsync(clip, cancellationToken);
        var volume = await MediaInspection.MeanVolumeDbAsync(clip.Path, cancellationToken);
        Assert.That(volume, hasSound ? Is.GreaterThan(-60) : Is.LessThan(-90), hasSound ? "the clip's sound is kept" : "silence where the clip has no audio");
    }

    [Test]
    public async Task The_rotated_shared_clip_comes_out_upright(CancellationToken cancellationToken)
    {
        var folder = SharedMediaFolder.OrIgnore();
        var rotated = await _probe.ProbeAsync(Path.Combine(folder, "input_3sec_rotation_90deg.mp4"), cancellationToken);
        Assert.That(rotated.Video!.IsRotatedSideways, Is.True);

        // Contained in a landscape frame, a portrait picture leaves bars at the sides and none above.
        var clip = await _conformer.ConformAsync(rotated, _temp.File("rotated-contain.mov"), Spec with { Fit = FitMode.Contain }, cancellationToken: cancellationToken);

        var frame = await MediaInspection.ReadFrameAsync(clip.Path, 320, 180, TimeSpan.FromSeconds(1), cancellationToken);
        Assert.That(frame.ColumnBrightness(5), Is.LessThan(20), "black bar on the left");
        Assert.That(frame.ColumnBrightness(314), Is.LessThan(20), "black bar on the right");
        Assert.That(frame.ColumnBrightness(160), Is.GreaterThan(20), "the picture in the middle");
    }

    public static IEnumerable<TestCaseData> Awkward()
    {
        static TestCaseData Case(string name, string file, SyntheticMediaOptions options, long frames) =>
            new TestCaseData(file, options, frames).SetName("Generated clip: " + name);

        yield return Case("variable frame rate", "vfr.mp4", new() { VariableFrameRate = true, FrameRate = 30 }, 25);
        yield return Case("odd size 321x241", "odd.mp4", new() { Width = 321, Height = 241, PixelFormat = "yuv444p" }, 25);
        yield return Case("odd size in VP8", "odd.webm", new() { Width = 255, Height = 143, VideoCodec = SyntheticVideoCodec.Vp8, Audio = SyntheticAudio.None }, 25);
        yield return Case("anamorphic SAR 16:15", "pal.mp4", new() { Width = 360, Height = 288, SampleAspectRatio = new Rational(16, 15) }, 25);
        yield return Case("rotated 270 degrees", "rot270.mp4", new() { Rotation = 270 }, 25);
        yield return Case("10-bit H.264", "ten-bit.mp4", new() { PixelFormat = "yuv420p10le" }, 25);
        yield return Case("10-bit HEVC", "hevc10.mp4", new() { VideoCodec = SyntheticVideoCodec.Hevc, PixelFormat = "yuv420p10le" }, 25);
        yield return Case("HEVC in Matroska", "hevc.mkv", new() { VideoCodec = SyntheticVideoCodec.Hevc }, 25);
        yield return Case("VP9 with Opus", "vp9.webm", new() { VideoCodec = SyntheticVideoCodec.Vp9, AudioCodec = "libopus" }, 25);
        yield return Case("VP8 with Vorbis", "vp8.webm", new() { VideoCodec = SyntheticVideoCodec.Vp8 }, 25);
        yield return Case("5.1 audio", "surround.mp4", new() { Audio = SyntheticAudio.Surround51 }, 25);
        yield return Case("mono 22.05 kHz audio", "mono.mp4", new() { Audio = SyntheticAudio.Mono, AudioSampleRate = 22050 }, 25);
        yield return Case("no audio", "silent.mp4", new() { Audio = SyntheticAudio.None }, 25);
        yield return Case("audio shorter than the video", "short-audio.mp4", new() { AudioDuration = TimeSpan.FromSeconds(0.5) }, 25);
        yield return Case("audio longer than the video", "long-audio.mp4", new() { AudioDuration = TimeSpan.FromSeconds(1.8) }, 25);
        yield return Case("29.97 fps", "ntsc.mp4", new() { FrameRate = new Rational(30000, 1001) }, 25);
    }

    [TestCaseSource(nameof(Awkward))]
    public async Task An_awkward_generated_clip_conforms_to_the_exact_intermediate(string file, SyntheticMediaOptions options, long frames, CancellationToken cancellationToken)
    {
        var source = await SyntheticMedia.CreateAsync(_temp.File(file), options, cancellationToken);

        var clip = await _conformer.ConformAsync(source, _temp.File(file + ".mov"), Spec, cancellationToken: cancellationToken);

        Assert.That(clip.FrameCount, Is.EqualTo(frames));
        await AssertIntermediateAsync(clip, cancellationToken);
        Assert.That(await MediaInspection.CountFramesAsync(clip.Path, cancellationToken), Is.EqualTo(frames), "decoded frames, not only the header");
    }

    [Test]
    public async Task Audio_that_starts_after_the_picture_is_delayed_not_moved_to_the_start(CancellationToken cancellationToken)
    {
        // The tone begins 0.5 s into the picture; a conform that resets each stream to zero would start it at once.
        var source = await SyntheticMedia.CreateAsync(_temp.File("late-audio.mp4"), new() { Duration = TimeSpan.FromSeconds(2), AudioDelay = TimeSpan.FromSeconds(0.5), AudioDuration = TimeSpan.FromSeconds(1.5) }, cancellationToken);
        var probed = await _probe.ProbeAsync(source, cancellationToken);
        Assert.That(probed.Audio!.StartTime.TotalSeconds, Is.GreaterThan(0.4), "the source's audio stream starts late");

        var clip = await _conformer.ConformAsync(probed, _temp.File("late-audio.mov"), Spec, cancellationToken: cancellationToken);

        await AssertIntermediateAsync(clip, cancellationToken);
        Assert.That(await VolumeAsync(clip.Path, 0, 0.45, cancellationToken), Is.LessThan(-80), "silence before the sound starts");
        Assert.That(await VolumeAsync(clip.Path, 0.55, 1.4, cancellationToken), Is.GreaterThan(-30), "the sound from 0.5 s on");
    }

    [Test]
    public async Task A_black_opening_is_cut_with_trim_head_auto(CancellationToken cancellationToken)
    {
        var source = await SyntheticMedia.CreateAsync(_temp.File("black-head.mp4"), new() { Duration = TimeSpan.FromSeconds(2), BlackHead = TimeSpan.FromSeconds(0.4) }, cancellationToken);
        var untrimmed = await _conformer.ConformAsync(source, _temp.File("black-head-kept.mov"), Spec, cancellationToken: cancellationToken);
        Assert.That(await BrightnessAsync(untrimmed.Path, TimeSpan.Zero, cancellationToken), Is.LessThan(20), "the source opens black");

        var clip = await _conformer.ConformAsync(source, _temp.File("black-head.mov"), Spec with { TrimHead = HeadTrim.Auto }, cancellationToken: cancellationToken);

        Assert.That(clip.HeadTrimmed.TotalSeconds, Is.EqualTo(0.4).Within(0.041));
        Assert.That(clip.FrameCount, Is.EqualTo(40), "2 s less the 0.4 s head, at 25 fps");
        await AssertIntermediateAsync(clip, cancellationToken);
        Assert.That(await BrightnessAsync(clip.Path, TimeSpan.Zero, cancellationToken), Is.GreaterThan(40), "the first frame shows the picture");
    }

    [Test]
    public async Task A_frozen_opening_is_cut_with_trim_head_auto(CancellationToken cancellationToken)
    {
        var source = await SyntheticMedia.CreateAsync(_temp.File("frozen-head.mp4"), new() { Duration = TimeSpan.FromSeconds(2), FrozenHead = TimeSpan.FromSeconds(0.6) }, cancellationToken);
        var untrimmed = await _conformer.ConformAsync(source, _temp.File("frozen-head-kept.mov"), Spec, cancellationToken: cancellationToken);
        Assert.That(await FrameChangeAsync(untrimmed.Path, cancellationToken), Is.LessThan(1), "the source's first frames are the same picture");

        var clip = await _conformer.ConformAsync(source, _temp.File("frozen-head.mov"), Spec with { TrimHead = HeadTrim.Auto }, cancellationToken: cancellationToken);

        Assert.That(clip.HeadTrimmed.TotalSeconds, Is.EqualTo(0.6).Within(0.081), "the held frames and the first moving frame they copy");
        TestContext.Out.WriteLine($"frozen head cut: {clip.HeadTrimmed.TotalSeconds:0.###} s");
        await AssertIntermediateAsync(clip, cancellationToken);
        Assert.That(await FrameChangeAsync(clip.Path, cancellationToken), Is.GreaterThan(3), "the picture moves from the first frame");
    }

    [Test]
    public async Task Trim_head_auto_leaves_a_still_shot_and_a_clean_clip_alone(CancellationToken cancellationToken)
    {
        var still = await SyntheticMedia.CreateAsync(_temp.File("still.mp4"), new() { Duration = TimeSpan.FromSeconds(2), Pattern = SyntheticPattern.SolidColor }, cancellationToken);
        var moving = await SyntheticMedia.CreateAsync(_temp.File("moving.mp4"), new() { Duration = TimeSpan.FromSeconds(2) }, cancellationToken);
        var auto = Spec with { TrimHead = HeadTrim.Auto };

        var stillClip = await _conformer.ConformAsync(still, _temp.File("still.mov"), auto, cancellationToken: cancellationToken);
        var movingClip = await _conformer.ConformAsync(moving, _temp.File("moving.mov"), auto, cancellationToken: cancellationToken);

        Assert.That((stillClip.HeadTrimmed, stillClip.FrameCount), Is.EqualTo((TimeSpan.Zero, 50L)), "a shot that never moves is the shot, not a frozen head");
        Assert.That((movingClip.HeadTrimmed, movingClip.FrameCount), Is.EqualTo((TimeSpan.Zero, 50L)));
    }

    [Test]
    public async Task A_fixed_trim_head_cuts_that_long_and_keeps_the_sound_in_sync(CancellationToken cancellationToken)
    {
        // Sound starts exactly when the picture does after a 0.4 s black head: cut the head and both start at once.
        var source = await SyntheticMedia.CreateAsync(_temp.File("black-then-sound.mp4"), new()
        {
            Duration = TimeSpan.FromSeconds(2),
            BlackHead = TimeSpan.FromSeconds(0.4),
            AudioDelay = TimeSpan.FromSeconds(0.4),
            AudioDuration = TimeSpan.FromSeconds(1.6),
        }, cancellationToken);

        var clip = await _conformer.ConformAsync(source, _temp.File("black-then-sound.mov"), Spec with { TrimHead = HeadTrim.Seconds(TimeSpan.FromSeconds(0.4)) }, cancellationToken: cancellationToken);

        Assert.That((clip.HeadTrimmed, clip.FrameCount), Is.EqualTo((TimeSpan.FromSeconds(0.4), 40L)), "1.6 s at 25 fps");
        await AssertIntermediateAsync(clip, cancellationToken);
        Assert.That(await BrightnessAsync(clip.Path, TimeSpan.Zero, cancellationToken), Is.GreaterThan(40));
        Assert.That(await VolumeAsync(clip.Path, 0.02, 0.2, cancellationToken), Is.GreaterThan(-30), "the sound starts with the picture");
    }

    [Test]
    public async Task Trim_head_never_cuts_a_clip_below_its_share(CancellationToken cancellationToken)
    {
        var source = await SyntheticMedia.CreateAsync(_temp.File("no-slack.mp4"), new() { Duration = TimeSpan.FromSeconds(2), BlackHead = TimeSpan.FromSeconds(0.6) }, cancellationToken);

        var clip = await _conformer.ConformAsync(source, _temp.File("no-slack.mov"), Spec with { TrimTo = TimeSpan.FromSeconds(1.8), TrimHead = HeadTrim.Auto }, cancellationToken: cancellationToken);

        Assert.That(clip.FrameCount, Is.EqualTo(45), "the share, 1.8 s");
        Assert.That(clip.HeadTrimmed.TotalSeconds, Is.EqualTo(0.3).Within(0.001), "only what the clip can spare: 0.2 s plus the 0.1 s a share may be held over");
        await AssertIntermediateAsync(clip, cancellationToken);
    }

    [Test]
    public void Head_trim_and_fades_enter_the_cache_key_only_when_set()
    {
        var plain = Spec.CacheKey;

        Assert.That(plain, Does.Not.Contain("head").And.Not.Contain("fade"));
        Assert.That(new[]
        {
            plain,
            (Spec with { TrimHead = HeadTrim.Auto }).CacheKey,
            (Spec with { TrimHead = HeadTrim.Seconds(TimeSpan.FromSeconds(0.5)) }).CacheKey,
            (Spec with { FadeIn = TimeSpan.FromSeconds(0.5) }).CacheKey,
            (Spec with { FadeOut = TimeSpan.FromSeconds(0.5) }).CacheKey,
        }, Is.Unique);
    }

    private async Task<double> VolumeAsync(string path, double from, double to, CancellationToken cancellationToken) =>
        await MediaInspection.MeanVolumeDbAsync(path, TimeSpan.FromSeconds(from), TimeSpan.FromSeconds(to - from), cancellationToken);

    private static async Task<double> BrightnessAsync(string path, TimeSpan at, CancellationToken cancellationToken)
    {
        var frame = await MediaInspection.ReadFrameAsync(path, 64, 36, at, cancellationToken);
        return Enumerable.Range(0, frame.Height).Average(frame.RowBrightness);
    }

    /// <summary>The mean absolute difference of the first two frames' RGB values (lossy coding alone stays well under 1).</summary>
    private static async Task<double> FrameChangeAsync(string path, CancellationToken cancellationToken)
    {
        var first = await MediaInspection.ReadFrameAsync(path, 320, 180, TimeSpan.Zero, cancellationToken);
        var second = await MediaInspection.ReadFrameAsync(path, 320, 180, TimeSpan.FromSeconds(0.04), cancellationToken);
        var (a, b) = (first.Pixels.ToArray(), second.Pixels.ToArray());
        return a.Zip(b, (x, y) => Math.Abs(x - y)).Average();
    }

    private async Task AssertIntermediateAsync(ConformedClip clip, CancellationToken cancellationToken)
    {
        var info = await _probe.ProbeAsync(clip.Path, cancellationToken);
        Assert.That(IntermediateFormat.Mismatch(info, Spec.Width, Spec.Height, Spec.Fps), Is.Null);
        Assert.That(info.Video!.FrameCount, Is.EqualTo(clip.FrameCount));
        Assert.That(info.Video.SampleAspectRatio, Is.EqualTo(Rational.One));
        Assert.That(info.Audio!.Duration, Is.EqualTo(clip.Duration).Within(TimeSpan.FromMilliseconds(1)), "audio exactly as long as the video");
    }
}