using Recreation.Media.Stitching;
using Recreation.Testing;

namespace Recreation.Media.Tests;

/// <summary>What transitions look and sound like in the middle of their overlap.</summary>
public class TransitionLookSpecs
{
    private static readonly StitchSettings Settings = new(320, 180, FitMode.Cover, 25);
    private readonly Stitcher _stitcher = new(new FFmpegRunner());
    private TempDirectory _temp = null!;
    private string _red = null!, _blue = null!;

    [OneTimeSetUp]
    public async Task CreateMedia()
    {
        _temp = new TempDirectory("transition-look");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var solid = new SyntheticMediaOptions { Pattern = SyntheticPattern.SolidColor };
        var made = await Task.WhenAll(
            SyntheticMedia.CreateAsync(_temp.File("red.mp4"), solid with { Color = "red" }, timeout.Token),
            SyntheticMedia.CreateAsync(_temp.File("blue.mp4"), solid with { Color = "blue", AudioFrequency = 660 }, timeout.Token));
        (_red, _blue) = (made[0], made[1]);
    }

    [OneTimeTearDown]
    public void DeleteFolder() => _temp.Dispose();

    [Test, CancelAfter(30_000)]
    public async Task A_fade_through_black_is_black_and_silent_at_its_middle(CancellationToken cancellationToken)
    {
        var output = _temp.File("fade-black.mp4");

        await _stitcher.StitchAsync(Request(output, Transition.FadeBlack(TimeSpan.FromSeconds(0.4))), cancellationToken: cancellationToken);

        // Clip 1 is 25 frames; the 10-frame fade starts at frame 15 (0.6 s), its middle is frame 20 (0.8 s).
        var middle = await MediaInspection.ReadFrameAsync(output, 32, 18, TimeSpan.FromSeconds(0.8), cancellationToken);
        var before = await MediaInspection.ReadFrameAsync(output, 32, 18, TimeSpan.FromSeconds(0.3), cancellationToken);
        var after = await MediaInspection.ReadFrameAsync(output, 32, 18, TimeSpan.FromSeconds(1.3), cancellationToken);
        Assert.That(middle.ColumnBrightness(16), Is.LessThan(20));
        Assert.That(before[16, 9].R, Is.GreaterThan(200));
        Assert.That(after[16, 9].B, Is.GreaterThan(200));
        var full = await MediaInspection.MeanVolumeDbAsync(output, TimeSpan.FromSeconds(0.3), TimeSpan.FromSeconds(0.1), cancellationToken);
        var quiet = await MediaInspection.MeanVolumeDbAsync(output, TimeSpan.FromSeconds(0.79), TimeSpan.FromSeconds(0.02), cancellationToken);
        Assert.That(quiet, Is.LessThan(full - 15), "the sound fades out to the middle and in after it");
    }

    [Test, CancelAfter(30_000)]
    public async Task A_crossfade_blends_both_pictures_at_its_middle(CancellationToken cancellationToken)
    {
        var output = _temp.File("crossfade.mp4");

        await _stitcher.StitchAsync(Request(output, Transition.Crossfade(TimeSpan.FromSeconds(0.4))), cancellationToken: cancellationToken);

        var (r, _, b) = (await MediaInspection.ReadFrameAsync(output, 32, 18, TimeSpan.FromSeconds(0.8), cancellationToken))[16, 9];
        Assert.That((int)r, Is.InRange(80, 180));
        Assert.That((int)b, Is.InRange(80, 180));
        Assert.That(await MediaInspection.MeanVolumeDbAsync(output, TimeSpan.FromSeconds(0.78), TimeSpan.FromSeconds(0.04), cancellationToken), Is.GreaterThan(-30), "sound carries through a crossfade");
    }

    private StitchRequest Request(string output, Transition transition)
    {
        return new StitchRequest([new(_red), new(_blue)], [transition], Settings, output, _temp.Folder("work"));
    }
}