using Recreation.Media.Probing;
using Recreation.Media.Stitching;
using Recreation.Media.Validation;
using Recreation.Testing;

namespace Recreation.Media.Tests;

public class StitchSpecs
{
    private static readonly StitchSettings Small = new(320, 180, FitMode.Cover, 25);
    private readonly FFmpegRunner _runner = new();
    private Stitcher _stitcher = null!;
    private MediaProbe _probe = null!;
    private TempDirectory _temp = null!;
    private string _a = null!, _b = null!, _c = null!, _thirty = null!, _silent = null!;

    [OneTimeSetUp]
    public async Task CreateMedia()
    {
        _stitcher = new Stitcher(_runner);
        _probe = new MediaProbe(_runner);
        _temp = new TempDirectory("stitch-specs");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var results = await Task.WhenAll(
            SyntheticMedia.CreateAsync(_temp.File("a.mp4"), new(), timeout.Token),
            SyntheticMedia.CreateAsync(_temp.File("b.mp4"), new() { Duration = TimeSpan.FromSeconds(1.2), AudioFrequency = 660 }, timeout.Token),
            SyntheticMedia.CreateAsync(_temp.File("c.mp4"), new() { Duration = TimeSpan.FromSeconds(0.8) }, timeout.Token),
            SyntheticMedia.CreateAsync(_temp.File("thirty.mp4"), new() { FrameRate = 30 }, timeout.Token),
            SyntheticMedia.CreateAsync(_temp.File("silent.mp4"), new() { Audio = SyntheticAudio.None }, timeout.Token));
        (_a, _b, _c, _thirty, _silent) = (results[0], results[1], results[2], results[3], results[4]);
    }

    [OneTimeTearDown]
    public void DeleteFolder() => _temp.Dispose();

    [Test, CancelAfter(30_000)]
    public async Task Clips_that_already_agree_and_are_cut_together_take_the_stream_copy_path(CancellationToken cancellationToken)
    {
        var output = _temp.File("fast.mp4");

        var result = await _stitcher.StitchAsync(Request(output, [_a, _b, _c]), cancellationToken: cancellationToken);

        Assert.That(result.Path, Is.EqualTo(StitchPath.StreamCopy), result.Reason);
        Assert.That(result.FrameCount, Is.EqualTo(25 + 30 + 20));
        Assert.That(await MediaInspection.CountFramesAsync(output, cancellationToken), Is.EqualTo(75));
        Assert.That(result.Output.Video!.Duration!.Value.TotalSeconds, Is.EqualTo(3.0).Within(0.001));
        Assert.That(result.Output.Audio!.Codec, Is.EqualTo("aac"));
    }

    [Test, CancelAfter(30_000)]
    public async Task Settings_left_open_are_taken_from_the_first_clip(CancellationToken cancellationToken)
    {
        var output = _temp.File("from-first.mp4");
        var request = Request(output, [_thirty, _a]) with { Settings = new StitchSettings(0, 0, FitMode.Cover, Rational.Zero), SettingsFromFirstClip = true };

        var result = await _stitcher.StitchAsync(request, cancellationToken: cancellationToken);

        Assert.That((result.Output.Video!.Width, result.Output.Video.Height), Is.EqualTo((320, 180)));
        Assert.That(result.Output.Video.FrameRate, Is.EqualTo(new Rational(30, 1)));
        Assert.That(result.FrameCount, Is.EqualTo(60), "1 s of the first clip and 1 s of the 25 fps one, both at 30 fps");
    }

    [Test, CancelAfter(30_000)]
    public async Task Clips_at_different_frame_rates_are_conformed_not_copied(CancellationToken cancellationToken)
    {
        var output = _temp.File("mixed-rates.mp4");

        var result = await _stitcher.StitchAsync(Request(output, [_a, _thirty]), cancellationToken: cancellationToken);

        Assert.That(result.Path, Is.EqualTo(StitchPath.Conform));
        Assert.That(result.Reason, Does.Contain("clip 2 ('thirty.mp4') runs at 30 fps, and the output at 25"));
        Assert.That(result.FrameCount, Is.EqualTo(50));
        Assert.That(result.Output.Video!.FrameCount, Is.EqualTo(50));
    }

    [Test, CancelAfter(30_000)]
    public async Task A_clip_without_audio_among_clips_with_audio_is_conformed_and_gets_silence(CancellationToken cancellationToken)
    {
        var output = _temp.File("mixed-audio.mp4");

        var result = await _stitcher.StitchAsync(Request(output, [_a, _silent]), cancellationToken: cancellationToken);

        Assert.That(result.Path, Is.EqualTo(StitchPath.Conform));
        Assert.That(result.Reason, Does.Contain("differs from the first clip in having no audio"));
        Assert.That(result.Output.Audio!.Duration!.Value.TotalSeconds, Is.EqualTo(2.0).Within(0.05));
    }

    [Test, CancelAfter(30_000)]
    public async Task Clips_of_another_size_than_the_output_are_conformed(CancellationToken cancellationToken)
    {
        var output = _temp.File("resized.mp4");

        var result = await _stitcher.StitchAsync(Request(output, [_a, _b]) with { Settings = Small with { Width = 256, Height = 144 } }, cancellationToken: cancellationToken);

        Assert.That(result.Path, Is.EqualTo(StitchPath.Conform));
        Assert.That(result.Reason, Does.Contain("is 320x180, and the output is 256x144"));
        Assert.That((result.Output.Video!.Width, result.Output.Video.Height), Is.EqualTo((256, 144)));
    }

    [Test, CancelAfter(30_000)]
    public async Task Crossfades_shorten_the_whole_by_their_overlap_exactly(CancellationToken cancellationToken)
    {
        var output = _temp.File("crossfade.mp4");
        var fade = Transition.Crossfade(TimeSpan.FromSeconds(0.4));

        var result = await _stitcher.StitchAsync(Request(output, [_a, _b, _c], fade, fade), cancellationToken: cancellationToken);

        // 25 + 30 + 20 frames, two overlaps of 10 frames each.
        Assert.That(result.Path, Is.EqualTo(StitchPath.Conform));
        Assert.That(result.FrameCount, Is.EqualTo(55));
        Assert.That(result.Duration, Is.EqualTo(TimeSpan.FromSeconds(2.2)));
        Assert.That(result.TransitionOverlap, Is.EqualTo(TimeSpan.FromSeconds(0.8)));
        Assert.That(await MediaInspection.CountFramesAsync(output, cancellationToken), Is.EqualTo(55));
        Assert.That(result.Output.Audio!.Duration!.Value.TotalSeconds, Is.EqualTo(2.2).Within(0.05));
    }

    [Test, CancelAfter(30_000)]
    public async Task Crossfades_at_the_NTSC_rate_are_frame_exact_too(CancellationToken cancellationToken)
    {
        var output = _temp.File("ntsc.mp4");
        var ntsc = new Rational(30000, 1001);

        var result = await _stitcher.StitchAsync(
            Request(output, [_a, _b], Transition.Crossfade(TimeSpan.FromSeconds(0.5))) with { Settings = Small with { Fps = ntsc } },
            cancellationToken: cancellationToken);

        // round(1 × 29.97) + round(1.2 × 29.97) − round(0.5 × 29.97) = 30 + 36 − 15
        Assert.That(result.FrameCount, Is.EqualTo(51));
        Assert.That(await MediaInspection.CountFramesAsync(output, cancellationToken), Is.EqualTo(51));
        Assert.That((result.Output.Video!.RFrameRate, result.Output.Video.AvgFrameRate), Is.EqualTo((ntsc, ntsc)));
    }

    [Test, CancelAfter(30_000)]
    public async Task Fades_through_black_and_cuts_mix_with_the_exact_total(CancellationToken cancellationToken)
    {
        var output = _temp.File("fade-black.mp4");

        var result = await _stitcher.StitchAsync(
            Request(output, [_a, _b, _c], Transition.FadeBlack(TimeSpan.FromSeconds(0.48)), Transition.Cut),
            cancellationToken: cancellationToken);

        // 25 + 30 + 20 frames, one overlap of 12 frames.
        Assert.That(result.FrameCount, Is.EqualTo(63));
        Assert.That(await MediaInspection.CountFramesAsync(output, cancellationToken), Is.EqualTo(63));
        Assert.That(result.Output.Video!.PixelFormat, Is.EqualTo("yuv420p"));
    }

    [Test, CancelAfter(30_000)]
    public void Transitions_longer_than_their_clips_are_refused_before_any_work(CancellationToken cancellationToken)
    {
        var output = _temp.File("too-long-fade.mp4");
        var fade = Transition.Crossfade(TimeSpan.FromSeconds(0.6));

        var error = Assert.ThrowsAsync<MediaException>(() => _stitcher.StitchAsync(Request(output, [_a, _c, _b], fade, fade), cancellationToken: cancellationToken));

        Assert.That(error!.Message, Does.Contain("clip 2 ('c.mp4') lasts 20 frames, fewer than its transitions need (15 in + 15 out)"));
        Assert.That(File.Exists(output), Is.False);
    }

    [Test, CancelAfter(30_000)]
    public void A_wrong_number_of_transitions_is_refused(CancellationToken cancellationToken)
    {
        var request = Request(_temp.File("x.mp4"), [_a, _b, _c], Transition.Cut);

        var error = Assert.ThrowsAsync<MediaException>(() => _stitcher.StitchAsync(request, cancellationToken: cancellationToken));

        Assert.That(error!.Message, Does.Contain("3 clips need 2 transitions"));
    }

    [Test, CancelAfter(30_000)]
    public async Task A_damaged_clip_is_reported_by_its_label_and_nothing_is_written(CancellationToken cancellationToken)
    {
        var cut = await MediaFileDamage.TruncatedCopyAsync(_b, _temp.File("cut.mp4"), 0.6, cancellationToken);
        var output = _temp.File("never.mp4");
        var request = Request(output, [_a, cut]) with { Clips = [new StitchClip(_a, Label: "opening"), new StitchClip(cut, Label: "clip-2")] };

        var error = Assert.ThrowsAsync<InvalidMediaException>(() => _stitcher.StitchAsync(request, cancellationToken: cancellationToken));

        Assert.That(error!.Message, Does.StartWith("Cannot stitch").And.Contain("clip-2 ('cut.mp4') is truncated"));
        Assert.That(error.Report.Invalid.Select(f => Path.GetFileName(f.Path)), Is.EqualTo(new[] { "cut.mp4" }));
        Assert.That(error.Message, Does.Not.Contain("opening"));
        Assert.That(File.Exists(output), Is.False);
    }

    private StitchRequest Request(string output, string[] clips, params Transition[] transitions)
    {
        return new StitchRequest(clips.Select(c => new StitchClip(c)).ToList(), transitions, Small, output, _temp.Folder("work"));
    }
}