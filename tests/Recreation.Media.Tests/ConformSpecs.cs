using System.Security.Cryptography;

using Recreation.Media.Conforming;
using Recreation.Media.Probing;
using Recreation.Testing;

namespace Recreation.Media.Tests;

public class ConformSpecs
{
    private readonly FFmpegRunner _runner = new();
    private Conformer _conformer = null!;
    private MediaProbe _probe = null!;
    private TempDirectory _temp = null!;
    private string _fourByThree = null!;
    private string _silentVp8 = null!;
    private string _mono = null!;
    private string _surround = null!;
    private string _rotatedWhite = null!;
    private string _anamorphicWhite = null!;

    [OneTimeSetUp]
    public async Task CreateMedia()
    {
        _conformer = new Conformer(_runner);
        _probe = new MediaProbe(_runner);
        _temp = new TempDirectory("conform-specs");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var token = timeout.Token;
        var white = new SyntheticMediaOptions { Pattern = SyntheticPattern.SolidColor, Color = "white", Audio = SyntheticAudio.None };
        await Task.WhenAll(
            Make("four-by-three.mp4", new() { Width = 240, Height = 180, FrameRate = 30, Duration = TimeSpan.FromSeconds(1.3) }, p => _fourByThree = p),
            Make("silent.webm", new() { VideoCodec = SyntheticVideoCodec.Vp8, Audio = SyntheticAudio.None }, p => _silentVp8 = p),
            Make("mono.mkv", new() { Audio = SyntheticAudio.Mono, AudioSampleRate = 44100 }, p => _mono = p),
            Make("surround.mp4", new() { Audio = SyntheticAudio.Surround51 }, p => _surround = p),
            Make("rotated.mp4", white with { Rotation = 90 }, p => _rotatedWhite = p),
            Make("anamorphic.mp4", white with { Width = 240, Height = 180, SampleAspectRatio = new Rational(4, 3) }, p => _anamorphicWhite = p));

        async Task Make(string name, SyntheticMediaOptions options, Action<string> keep)
        {
            keep(await SyntheticMedia.CreateAsync(_temp.File(name), options, token));
        }
    }

    [OneTimeTearDown]
    public void DeleteFolder() => _temp.Dispose();

    [TestCase(FitMode.Cover)]
    [TestCase(FitMode.Contain)]
    [TestCase(FitMode.Blur)]
    [CancelAfter(30_000)]
    public async Task Conforming_with_each_fit_gives_the_exact_intermediate(FitMode fit, CancellationToken cancellationToken)
    {
        var spec = new ConformSpec(320, 180, fit, 30);

        var clip = await _conformer.ConformAsync(_fourByThree, _temp.File($"fit-{fit}.mov"), spec, cancellationToken: cancellationToken);

        Assert.That(clip.FrameCount, Is.EqualTo(39));
        await AssertIntermediateAsync(clip, cancellationToken);
    }

    [TestCase(24, 31)]
    [TestCase(25, 33)]
    [TestCase(30, 39)]
    [CancelAfter(30_000)]
    public async Task Conforming_to_a_frame_rate_gives_round_duration_times_rate_frames(int fps, int frames, CancellationToken cancellationToken)
    {
        var clip = await _conformer.ConformAsync(_fourByThree, _temp.File($"fps-{fps}.mov"), new ConformSpec(320, 180, FitMode.Cover, fps), cancellationToken: cancellationToken);

        Assert.That(clip.FrameCount, Is.EqualTo(frames), "1.3 s × fps, rounded");
        await AssertIntermediateAsync(clip, cancellationToken);
    }

    [Test, CancelAfter(30_000)]
    public async Task A_clip_without_audio_gets_a_silent_stereo_track_of_its_full_length(CancellationToken cancellationToken)
    {
        var clip = await _conformer.ConformAsync(_silentVp8, _temp.File("silent.mov"), new ConformSpec(320, 180, FitMode.Cover, 25), cancellationToken: cancellationToken);

        await AssertIntermediateAsync(clip, cancellationToken);
        Assert.That(await MediaInspection.MeanVolumeDbAsync(clip.Path, cancellationToken), Is.LessThan(-90));
    }

    [Test, CancelAfter(30_000)]
    public async Task Mono_audio_becomes_stereo_at_the_same_level(CancellationToken cancellationToken)
    {
        var clip = await _conformer.ConformAsync(_mono, _temp.File("mono.mov"), new ConformSpec(320, 180, FitMode.Cover, 25), cancellationToken: cancellationToken);

        await AssertIntermediateAsync(clip, cancellationToken);
        var before = await MediaInspection.MeanVolumeDbAsync(_mono, cancellationToken);
        var after = await MediaInspection.MeanVolumeDbAsync(clip.Path, cancellationToken);
        Assert.That(after, Is.EqualTo(before).Within(0.5), "each side carries the mono signal at full level (aformat alone loses 3 dB)");
    }

    [Test, CancelAfter(30_000)]
    public async Task Surround_audio_is_downmixed_to_stereo(CancellationToken cancellationToken)
    {
        var clip = await _conformer.ConformAsync(_surround, _temp.File("surround.mov"), new ConformSpec(320, 180, FitMode.Cover, 25), cancellationToken: cancellationToken);

        await AssertIntermediateAsync(clip, cancellationToken);
        Assert.That(await MediaInspection.MeanVolumeDbAsync(clip.Path, cancellationToken), Is.GreaterThan(-40), "the downmix carries the sound");
    }

    [TestCase(0.4)]
    [TestCase(1.6)]
    [CancelAfter(30_000)]
    public async Task Audio_shorter_or_longer_than_the_video_is_padded_or_cut_to_it(double audioSeconds, CancellationToken cancellationToken)
    {
        var source = await SyntheticMedia.CreateAsync(_temp.File($"audio-{audioSeconds}.mp4"), new() { AudioDuration = TimeSpan.FromSeconds(audioSeconds) }, cancellationToken);

        var clip = await _conformer.ConformAsync(source, _temp.File($"audio-{audioSeconds}.mov"), new ConformSpec(320, 180, FitMode.Cover, 25), cancellationToken: cancellationToken);

        Assert.That(clip.FrameCount, Is.EqualTo(25), "the video sets the length");
        await AssertIntermediateAsync(clip, cancellationToken);
    }

    [Test, CancelAfter(30_000)]
    public async Task A_rotated_clip_is_shown_upright_and_contained_with_bars_at_the_sides(CancellationToken cancellationToken)
    {
        var clip = await _conformer.ConformAsync(_rotatedWhite, _temp.File("rotated.mov"), new ConformSpec(320, 180, FitMode.Contain, 25), cancellationToken: cancellationToken);

        await AssertIntermediateAsync(clip, cancellationToken);
        var frame = await MediaInspection.ReadFrameAsync(clip.Path, 320, 180, TimeSpan.Zero, cancellationToken);
        Assert.That(frame.ColumnBrightness(10), Is.LessThan(20), "portrait picture: black bar on the left");
        Assert.That(frame.ColumnBrightness(160), Is.GreaterThan(230), "the picture in the middle");
        Assert.That(frame[160, 1].R, Is.GreaterThan(230), "no bars at top and bottom");
        Assert.That(frame[160, 178].R, Is.GreaterThan(230), "no bars at top and bottom");
    }

    [Test, CancelAfter(30_000)]
    public async Task An_interlaced_clip_is_deinterlaced_into_a_progressive_intermediate(CancellationToken cancellationToken)
    {
        var source = await SyntheticMedia.CreateAsync(_temp.File("interlaced.mp4"), new() { Interlaced = true, Audio = SyntheticAudio.None }, cancellationToken);
        Assert.That((await _probe.ProbeAsync(source, cancellationToken)).Video!.FieldOrder, Is.EqualTo("tt"));

        var clip = await _conformer.ConformAsync(source, _temp.File("interlaced.mov"), new ConformSpec(320, 180, FitMode.Cover, 25), cancellationToken: cancellationToken);

        await AssertIntermediateAsync(clip, cancellationToken);
        Assert.That((await _probe.ProbeAsync(clip.Path, cancellationToken)).Video!.FieldOrder, Is.EqualTo("progressive"));
    }

    [Test, CancelAfter(30_000)]
    public async Task An_anamorphic_clip_is_made_square_before_fitting(CancellationToken cancellationToken)
    {
        // 240x180 at SAR 4:3 displays as 16:9: it fills 320x180 with no bars.
        var clip = await _conformer.ConformAsync(_anamorphicWhite, _temp.File("anamorphic.mov"), new ConformSpec(320, 180, FitMode.Contain, 25), cancellationToken: cancellationToken);

        await AssertIntermediateAsync(clip, cancellationToken);
        var frame = await MediaInspection.ReadFrameAsync(clip.Path, 320, 180, TimeSpan.Zero, cancellationToken);
        Assert.That(frame.ColumnBrightness(2), Is.GreaterThan(230));
        Assert.That(frame.ColumnBrightness(317), Is.GreaterThan(230));
    }

    [Test, CancelAfter(30_000)]
    public async Task Trimming_keeps_exactly_the_share_in_whole_frames(CancellationToken cancellationToken)
    {
        var spec = new ConformSpec(320, 180, FitMode.Cover, 25, TrimTo: TimeSpan.FromSeconds(0.6));

        var clip = await _conformer.ConformAsync(_fourByThree, _temp.File("trimmed.mov"), spec, cancellationToken: cancellationToken);

        Assert.That(clip.FrameCount, Is.EqualTo(15));
        Assert.That(clip.Duration, Is.EqualTo(TimeSpan.FromSeconds(0.6)));
        await AssertIntermediateAsync(clip, cancellationToken);
    }

    [Test, CancelAfter(30_000)]
    public void A_share_longer_than_the_clip_is_refused(CancellationToken cancellationToken)
    {
        var spec = new ConformSpec(320, 180, FitMode.Cover, 25, TrimTo: TimeSpan.FromSeconds(3));

        var error = Assert.ThrowsAsync<MediaException>(() => _conformer.ConformAsync(_fourByThree, _temp.File("too-long.mov"), spec, cancellationToken: cancellationToken));

        Assert.That(error!.Message, Does.Contain("1.3 s of video, but 3 s were asked for"));
        Assert.That(File.Exists(_temp.File("too-long.mov")), Is.False);
    }

    [Test, CancelAfter(30_000)]
    public async Task The_same_input_and_spec_give_the_same_bytes(CancellationToken cancellationToken)
    {
        var spec = new ConformSpec(320, 180, FitMode.Blur, 24);

        var first = await _conformer.ConformAsync(_mono, _temp.File("first.mov"), spec, cancellationToken: cancellationToken);
        var second = await _conformer.ConformAsync(_mono, _temp.File("second.mov"), spec, cancellationToken: cancellationToken);

        Assert.That(Hash(second.Path), Is.EqualTo(Hash(first.Path)));
    }

    [Test, CancelAfter(30_000)]
    public async Task A_conform_reports_progress_and_leaves_only_the_finished_file(CancellationToken cancellationToken)
    {
        using var folder = new TempDirectory("conform-progress");
        var progress = new RecordingProgress<double>();

        await _conformer.ConformAsync(_fourByThree, folder.File("out.mov"), new ConformSpec(320, 180, FitMode.Cover, 25), progress, cancellationToken);

        Assert.That(progress.Reports, Is.Not.Empty.And.Ordered);
        Assert.That(progress.Reports[^1], Is.EqualTo(1.0));
        Assert.That(folder.ListFiles(), Is.EqualTo(new[] { "out.mov" }));
    }

    [Test]
    public void Cache_keys_differ_when_anything_that_shapes_the_output_differs()
    {
        var spec = new ConformSpec(1280, 720, FitMode.Cover, 30, TimeSpan.FromSeconds(4));

        string[] keys =
        [
            spec.CacheKey,
            (spec with { Width = 1920, Height = 1080 }).CacheKey,
            (spec with { Fit = FitMode.Blur }).CacheKey,
            (spec with { Fps = new Rational(30000, 1001) }).CacheKey,
            (spec with { TrimTo = null }).CacheKey,
        ];

        Assert.That(keys, Is.Unique);
        Assert.That(spec.CacheKey, Is.EqualTo(new ConformSpec(1280, 720, FitMode.Cover, 30, TimeSpan.FromSeconds(4)).CacheKey));
    }

    [Test]
    public void Odd_sizes_and_zero_rates_are_refused_with_every_reason()
    {
        var error = Assert.Throws<MediaException>(() => new ConformSpec(321, 180, FitMode.Cover, Rational.Zero).Validate());

        Assert.That(error!.Message, Does.Contain("321x180").And.Contain("frame rate 0"));
    }

    private async Task AssertIntermediateAsync(ConformedClip clip, CancellationToken cancellationToken)
    {
        var info = await _probe.ProbeAsync(clip.Path, cancellationToken);
        var video = info.Video!;
        var audio = info.Audio!;
        var spec = clip.Spec;
        Assert.Multiple(() =>
        {
            Assert.That((video.Codec, video.PixelFormat, video.Width, video.Height), Is.EqualTo(("h264", "yuv420p", spec.Width, spec.Height)));
            Assert.That(video.SampleAspectRatio, Is.EqualTo(Rational.One));
            Assert.That((video.RFrameRate, video.AvgFrameRate), Is.EqualTo((spec.Fps, spec.Fps)));
            Assert.That(video.FrameCount, Is.EqualTo(clip.FrameCount));
            Assert.That(video.Duration, Is.EqualTo(clip.Duration).Within(TimeSpan.FromMilliseconds(1)));
            Assert.That(video.Colors.Space, Is.EqualTo("bt709"));
            Assert.That((audio.Codec, audio.SampleRate, audio.Channels), Is.EqualTo(("pcm_s16le", 48000, 2)));
            Assert.That(audio.Duration, Is.EqualTo(clip.Duration).Within(TimeSpan.FromMilliseconds(1)));
        });
    }

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
}