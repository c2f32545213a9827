using Recreation.Media.Conforming;
using Recreation.Media.Stitching;
using Recreation.Media.Validation;
using Recreation.Testing;

namespace Recreation.Media.Tests;

/// <summary>Windowed transitions (issue 5 item 5): only the windows around boundaries re-encoded, the rest copied.</summary>
public class WindowedSpecs
{
    private static readonly StitchSettings Small = new(320, 180, FitMode.Cover, 25, LoudnessLufs: -20);
    private readonly FFmpegRunner _runner = new();
    private TempDirectory _temp = null!;
    private string[] _conformed = null!, _raw = null!;

    [OneTimeSetUp]
    public async Task ConformClips()
    {
        _temp = new TempDirectory("windowed");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        _raw = await Task.WhenAll(new[] { 440, 550, 660 }.Select((hz, i) => SyntheticMedia.CreateAsync(
            _temp.File($"raw-{i}.mp4"), new() { Duration = TimeSpan.FromSeconds(2), AudioFrequency = hz, AudioVolumeDb = -3 * i }, timeout.Token)));
        var conformer = new Conformer(_runner);
        var spec = new ConformSpec(320, 180, FitMode.Cover, 25);
        _conformed = new string[_raw.Length];
        for (var i = 0; i < _raw.Length; i++)
        {
            _conformed[i] = (await conformer.ConformAsync(_raw[i], _temp.File($"clip-{i}.mov"), spec, cancellationToken: timeout.Token)).Path;
        }
    }

    [OneTimeTearDown]
    public void DeleteFolder() => _temp.Dispose();

    [Test, CancelAfter(60_000)]
    public async Task Clips_that_share_codec_parameters_get_only_their_transition_windows_re_encoded(CancellationToken cancellationToken)
    {
        var fade = Transition.Crossfade(TimeSpan.FromSeconds(0.5));
        var request = new StitchRequest(_conformed.Select(c => new StitchClip(c)).ToList(), [fade, fade], Small, _temp.File("windowed.mp4"), _temp.Folder("work"));

        var windowed = await new Stitcher(_runner).StitchAsync(request, cancellationToken: cancellationToken);
        var full = await new Stitcher(_runner).StitchAsync(request with { OutputPath = _temp.File("full.mp4"), Windowed = false }, cancellationToken: cancellationToken);

        Assert.That(windowed.Path, Is.EqualTo(StitchPath.Windowed), windowed.NotWindowedReason);
        Assert.That(full.Path, Is.EqualTo(StitchPath.OnePass));
        Assert.That(full.NotWindowedReason, Is.EqualTo("windowed transitions are turned off"));
        // 3 × 50 frames, two overlaps of 13 (0.5 s at 25 fps).
        Assert.That((windowed.FrameCount, full.FrameCount), Is.EqualTo((124L, 124L)));
        Assert.That(await MediaInspection.CountFramesAsync(windowed.OutputPath, cancellationToken), Is.EqualTo(124));
        var decoded = await new MediaValidator(_runner).ValidateAsync(new MediaValidationRequest(windowed.OutputPath) { Decode = DecodeCheck.Full, RequireAudio = true }, cancellationToken);
        Assert.That(decoded.IsValid, Is.True, decoded.ToString());
        Assert.That(windowed.Output.Audio!.Duration!.Value.TotalSeconds, Is.EqualTo(124 / 25.0).Within(0.03));
        Assert.That(windowed.Loudness!.OutputIntegratedLufs, Is.EqualTo(-20).Within(1.0));
    }

    [Test, CancelAfter(60_000)]
    public async Task Windows_with_copied_frames_around_their_blend_show_the_same_pictures_as_a_full_re_encode(CancellationToken cancellationToken)
    {
        // 50-frame clips have keyframes at 0, 13, 25 and 37: a 0.3 s crossfade (8 frames) and a
        // 0.4 s fade through black (10 frames) each get a 13 + 13 frame window with copied frames
        // before and after the blend, so every branch of the window graph is used.
        var request = new StitchRequest(_conformed.Select(c => new StitchClip(c)).ToList(),
            [Transition.Crossfade(TimeSpan.FromSeconds(0.3)), Transition.FadeBlack(TimeSpan.FromSeconds(0.4))], Small, _temp.File("windowed-mixed.mp4"), _temp.Folder("work"));

        var windowed = await new Stitcher(_runner).StitchAsync(request, cancellationToken: cancellationToken);
        var full = await new Stitcher(_runner).StitchAsync(request with { OutputPath = _temp.File("full-mixed.mp4"), Windowed = false }, cancellationToken: cancellationToken);

        Assert.That(windowed.Path, Is.EqualTo(StitchPath.Windowed), windowed.NotWindowedReason);
        Assert.That((windowed.FrameCount, full.FrameCount), Is.EqualTo((132L, 132L)));
        var psnr = await MediaInspection.PsnrPerFrameAsync(full.OutputPath, windowed.OutputPath, cancellationToken);
        Assert.That(psnr, Has.Count.EqualTo(132));
        // Both encode what they blend at crf 20; one frame out of step (the test picture moves)
        // reads ~15 dB, a wrong blend weight or a missing fade well under 30.
        var worst = psnr.Select((db, frame) => (db, frame)).MinBy(p => p.db);
        Assert.That(worst.db, Is.GreaterThan(30), $"frame {worst.frame} differs from the full re-encode's");
        // The middle of the fade through black (frame 50 − 8 + 50 − 10 / 2 = 87) is black in both.
        var middle = await MediaInspection.ReadFrameAsync(windowed.OutputPath, 320, 180, TimeSpan.FromSeconds(87 / 25.0), cancellationToken);
        Assert.That(Enumerable.Range(0, middle.Height).Average(middle.RowBrightness), Is.LessThan(20));
    }

    [Test, CancelAfter(60_000)]
    public async Task Clips_with_B_frames_fall_back_to_a_full_re_encode_and_say_why(CancellationToken cancellationToken)
    {
        var fade = Transition.Crossfade(TimeSpan.FromSeconds(0.5));
        var request = new StitchRequest(_raw.Select(c => new StitchClip(c)).ToList(), [fade, fade], Small, _temp.File("raw.mp4"), _temp.Folder("work"));

        var result = await new Stitcher(_runner).StitchAsync(request, cancellationToken: cancellationToken);

        Assert.That(result.Path, Is.EqualTo(StitchPath.OnePass));
        Assert.That(result.NotWindowedReason, Does.Contain("clip 1 ('raw-0.mp4') has B-frames"));
        Assert.That(result.FrameCount, Is.EqualTo(124));
    }

    [Test, CancelAfter(60_000)]
    public async Task Clips_that_differ_in_codec_parameters_fall_back_and_say_why(CancellationToken cancellationToken)
    {
        var other = (await new Conformer(_runner).ConformAsync(_raw[1], _temp.File("other-size.mov"), new ConformSpec(256, 144, FitMode.Cover, 25), cancellationToken: cancellationToken)).Path;
        var fade = Transition.Crossfade(TimeSpan.FromSeconds(0.5));
        var request = new StitchRequest([new(_conformed[0]), new(other)], [fade], Small, _temp.File("differ.mp4"), _temp.Folder("work"));

        var result = await new Stitcher(_runner).StitchAsync(request, cancellationToken: cancellationToken);

        Assert.That(result.Path, Is.EqualTo(StitchPath.OnePass));
        Assert.That(result.NotWindowedReason, Does.Contain("clip 2 ('other-size.mov') is 256x144, and the output is 320x180"));
        Assert.That(result.FrameCount, Is.EqualTo(87));
    }
}