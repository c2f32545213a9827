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