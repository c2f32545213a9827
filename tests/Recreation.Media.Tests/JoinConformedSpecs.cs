using Recreation.Media.Conforming;
using Recreation.Media.Stitching;
using Recreation.Testing;

namespace Recreation.Media.Tests;

public class JoinConformedSpecs
{
    private readonly FFmpegRunner _runner = new();
    private TempDirectory _temp = null!;
    private ConformedClip _first = null!, _second = null!, _otherSize = null!;

    [OneTimeSetUp]
    public async Task ConformClips()
    {
        _temp = new TempDirectory("join-conformed");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var conformer = new Conformer(_runner);
        var spec = new ConformSpec(320, 180, FitMode.Contain, 25);
        var sources = await Task.WhenAll(
            SyntheticMedia.CreateAsync(_temp.File("one.webm"), new() { VideoCodec = SyntheticVideoCodec.Vp9, FrameRate = 30 }, timeout.Token),
            SyntheticMedia.CreateAsync(_temp.File("two.mp4"), new() { Duration = TimeSpan.FromSeconds(1.2), Audio = SyntheticAudio.Mono, AudioSampleRate = 22050 }, timeout.Token));
        _first = await conformer.ConformAsync(sources[0], _temp.File("cache/one.mov"), spec, cancellationToken: timeout.Token);
        _second = await conformer.ConformAsync(sources[1], _temp.File("cache/two.mov"), spec, cancellationToken: timeout.Token);
        _otherSize = await conformer.ConformAsync(sources[1], _temp.File("cache/big.mov"), spec with { Width = 640, Height = 360 }, cancellationToken: timeout.Token);
    }

    [OneTimeTearDown]
    public void DeleteFolder() => _temp.Dispose();

    [Test, CancelAfter(30_000)]
    public async Task Clips_a_pipeline_conformed_itself_join_with_a_crossfade(CancellationToken cancellationToken)
    {
        var output = _temp.File("joined.mp4");

        var result = await new Stitcher(_runner).JoinConformedAsync(
            new JoinRequest([_first.Path, _second.Path], [Transition.Crossfade(TimeSpan.FromSeconds(0.2))], output, _temp.Folder("work")),
            cancellationToken: cancellationToken);

        Assert.That(result.FrameCount, Is.EqualTo(25 + 30 - 5));
        Assert.That(await MediaInspection.CountFramesAsync(output, cancellationToken), Is.EqualTo(50));
        Assert.That(File.Exists(_first.Path) && File.Exists(_second.Path), Is.True, "the caller's cached intermediates are left alone");
    }

    [Test, CancelAfter(30_000)]
    public async Task A_pipeline_s_intermediates_get_only_their_transition_windows_re_encoded(CancellationToken cancellationToken)
    {
        var output = _temp.File("windowed.mp4");

        var result = await new Stitcher(_runner).JoinConformedAsync(
            new JoinRequest([_first.Path, _second.Path], [Transition.Crossfade(TimeSpan.FromSeconds(0.2))], output, _temp.Folder("work")) { LoudnessLufs = -20 },
            cancellationToken: cancellationToken);

        Assert.That(result.Path, Is.EqualTo(StitchPath.Windowed), result.NotWindowedReason);
        Assert.That(result.FrameCount, Is.EqualTo(50));
        Assert.That(await MediaInspection.CountFramesAsync(output, cancellationToken), Is.EqualTo(50));
        var decoded = await new Validation.MediaValidator(_runner).ValidateAsync(new Validation.MediaValidationRequest(output) { Decode = Validation.DecodeCheck.Full }, cancellationToken);
        Assert.That(decoded.IsValid, Is.True, decoded.ToString());
        Assert.That(result.Loudness!.NormalizationType, Is.EqualTo("linear"));
    }

    [Test, CancelAfter(30_000)]
    public async Task Clips_a_pipeline_conformed_itself_join_by_copy_when_all_cuts(CancellationToken cancellationToken)
    {
        var output = _temp.File("copied.mp4");

        var result = await new Stitcher(_runner).JoinConformedAsync(new JoinRequest([_first.Path, _second.Path, _first.Path], [], output, _temp.Folder("work")), cancellationToken: cancellationToken);

        Assert.That(result.FrameCount, Is.EqualTo(80));
        Assert.That(result.TransitionOverlap, Is.EqualTo(TimeSpan.Zero));
        Assert.That(result.Output.Video!.FrameCount, Is.EqualTo(80));
        Assert.That(result.Output.Video.AvgFrameRate, Is.EqualTo((Rational)25), "no drift at the joins");
    }

    [Test, CancelAfter(30_000)]
    public void Intermediates_of_different_specs_are_refused(CancellationToken cancellationToken)
    {
        var request = new JoinRequest([_first.Path, _otherSize.Path], [], _temp.File("never.mp4"), _temp.Folder("work"));

        var error = Assert.ThrowsAsync<MediaException>(() => new Stitcher(_runner).JoinConformedAsync(request, cancellationToken: cancellationToken));

        Assert.That(error!.Message, Does.Contain("conformed clip 2 ('big.mov'): it is 640x360, not 320x180"));
    }

    [Test, CancelAfter(30_000)]
    public void Files_that_are_not_intermediates_are_refused(CancellationToken cancellationToken)
    {
        var source = _temp.File("one.webm");
        var request = new JoinRequest([_first.Path, source], [], _temp.File("never.mp4"), _temp.Folder("work"));

        var error = Assert.ThrowsAsync<MediaException>(() => new Stitcher(_runner).JoinConformedAsync(request, cancellationToken: cancellationToken));

        Assert.That(error!.Message, Does.Contain("conformed clip 2 ('one.webm'): its video is vp9, not H.264"));
    }
}