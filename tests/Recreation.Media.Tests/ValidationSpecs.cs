using Recreation.Media.Validation;
using Recreation.Testing;

namespace Recreation.Media.Tests;

public class ValidationSpecs
{
    private readonly MediaValidator _validator = new(new FFmpegRunner());
    private TempDirectory _temp = null!;
    private string _good = null!;

    [OneTimeSetUp]
    public async Task CreateMedia()
    {
        _temp = new TempDirectory("validation-specs");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        _good = await SyntheticMedia.CreateAsync(_temp.File("good.mp4"), new() { Duration = TimeSpan.FromSeconds(2) }, timeout.Token);
    }

    [OneTimeTearDown]
    public void DeleteFolder() => _temp.Dispose();

    [Test, CancelAfter(20_000)]
    public async Task A_sound_clip_has_no_problems(CancellationToken cancellationToken)
    {
        var result = await _validator.ValidateAsync(new MediaValidationRequest(_good) { Decode = DecodeCheck.Full, MinimumDuration = TimeSpan.FromSeconds(2), RequireAudio = true }, cancellationToken);

        Assert.That(result.Problems, Is.Empty);
        Assert.That(result.IsValid, Is.True);
        Assert.That(result.Info!.Video!.Width, Is.EqualTo(320));
    }

    [Test, CancelAfter(20_000)]
    public async Task A_download_cut_off_at_sixty_percent_is_reported_as_truncated_under_its_label(CancellationToken cancellationToken)
    {
        var cut = await MediaFileDamage.TruncatedCopyAsync(_good, _temp.File("cut.mp4"), 0.6, cancellationToken);

        var result = await _validator.ValidateAsync(new MediaValidationRequest(cut) { Label = "scene-2/clip-3" }, cancellationToken);

        Assert.That(result.Has(MediaProblemKind.Truncated), Is.True, result.ToString());
        Assert.That(result.Problems[0].Message, Does.StartWith("scene-2/clip-3 ('cut.mp4') is truncated"));
        Assert.That(result.Label, Is.EqualTo("scene-2/clip-3"));
    }

    [Test, CancelAfter(20_000)]
    public async Task Damage_in_the_middle_is_found_by_a_full_decode(CancellationToken cancellationToken)
    {
        var corrupt = await MediaFileDamage.CorruptedCopyAsync(_good, _temp.File("corrupt.mp4"), cancellationToken: cancellationToken);

        var result = await _validator.ValidateAsync(new MediaValidationRequest(corrupt) { Label = "clip-7", Decode = DecodeCheck.Full }, cancellationToken);

        Assert.That(result.Has(MediaProblemKind.Undecodable), Is.True, result.ToString());
        Assert.That(result.ToString(), Does.StartWith("clip-7 ('corrupt.mp4') is damaged"));
    }

    [Test, CancelAfter(20_000)]
    public async Task An_audio_only_file_has_no_video(CancellationToken cancellationToken)
    {
        var audio = await SyntheticMedia.CreateAsync(_temp.File("voice.m4a"), new() { IncludeVideo = false }, cancellationToken);

        var result = await _validator.ValidateAsync(new MediaValidationRequest(audio) { Label = "clip-1" }, cancellationToken);

        Assert.That(result.Problems.Select(p => p.Kind), Is.EqualTo(new[] { MediaProblemKind.NoVideo }));
        Assert.That(result.ToString(), Does.Contain("clip-1").And.Contain("no video stream").And.Contain("audio only (aac)"));
    }

    [Test, CancelAfter(20_000)]
    public async Task A_clip_shorter_than_its_share_is_too_short(CancellationToken cancellationToken)
    {
        var result = await _validator.ValidateAsync(new MediaValidationRequest(_good) { Label = "clip-4", MinimumDuration = TimeSpan.FromSeconds(3), Decode = DecodeCheck.None }, cancellationToken);

        Assert.That(result.Problems.Select(p => p.Kind), Is.EqualTo(new[] { MediaProblemKind.TooShort }));
        Assert.That(result.ToString(), Is.EqualTo("clip-4 ('good.mp4') is too short: 2 s of video, but 3 s are needed; generate or trim a longer clip."));
    }

    [Test, CancelAfter(20_000)]
    public async Task A_clip_short_by_less_than_the_tolerance_passes(CancellationToken cancellationToken)
    {
        // max(0.1 s, 2 frames at 25 fps = 0.08 s) = 0.1 s
        var result = await _validator.ValidateAsync(new MediaValidationRequest(_good) { MinimumDuration = TimeSpan.FromSeconds(2.09), Decode = DecodeCheck.None }, cancellationToken);

        Assert.That(result.IsValid, Is.True, result.ToString());
    }

    [Test, CancelAfter(20_000)]
    public async Task Empty_missing_and_non_media_files_are_reported_without_throwing(CancellationToken cancellationToken)
    {
        var empty = _temp.File("empty.mp4");
        await File.WriteAllBytesAsync(empty, [], cancellationToken);
        var text = _temp.File("text.mp4");
        await File.WriteAllTextAsync(text, "not a video", cancellationToken);

        var report = await _validator.ValidateAllAsync(
            [
                new MediaValidationRequest(_good) { Label = "a" },
                new MediaValidationRequest(empty) { Label = "b" },
                new MediaValidationRequest(_temp.File("gone.mp4")) { Label = "c" },
                new MediaValidationRequest(text) { Label = "d" },
            ],
            cancellationToken);

        Assert.That(report.IsValid, Is.False);
        Assert.That(report.Files.Select(f => f.Label), Is.EqualTo(new[] { "a", "b", "c", "d" }));
        Assert.That(report.Files.Select(f => f.Problems.FirstOrDefault()?.Kind), Is.EqualTo(new MediaProblemKind?[] { null, MediaProblemKind.Empty, MediaProblemKind.Missing, MediaProblemKind.NotMedia }));
        Assert.That(report.ToString(), Does.StartWith("3 of 4 files have problems:")
            .And.Contain("b ('empty.mp4') is empty")
            .And.Contain("c ('gone.mp4') does not exist")
            .And.Contain("d ('text.mp4') is not a readable media file"));
    }
}