using Recreation.Media.Processes;
using Recreation.Media.Stitching;
using Recreation.Testing;

namespace Recreation.Media.Tests;

/// <summary>
/// A windowed route that turns out not to join by copy (the windows' SPS/PPS are not the clips')
/// falls back to the full re-encode the planner set beside it, and says why.
/// </summary>
public class WindowedFallbackSpecs
{
    private readonly FFmpegRunner _runner = new();
    private TempDirectory _temp = null!;
    private string[] _clips = null!;

    [OneTimeSetUp]
    public async Task CreateMedia()
    {
        _temp = new TempDirectory("windowed-fallback");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        // Already the output's shape, no B-frames, a keyframe every 13 frames, one SPS/PPS for both
        // clips: the planner windows their crossfade. But ultrafast's SPS is not the intermediates'.
        _clips = await Task.WhenAll(new[] { 440, 660 }.Select((hz, i) => MakeClipAsync(_temp.File($"ultrafast-{i}.mp4"), hz, timeout.Token)));
    }

    [OneTimeTearDown]
    public void DeleteFolder() => _temp.Dispose();

    [Test, CancelAfter(60_000)]
    public async Task Windows_that_do_not_join_by_copy_fall_back_to_a_full_re_encode_and_say_why(CancellationToken cancellationToken)
    {
        var request = new StitchRequest(_clips.Select(c => new StitchClip(c)).ToList(), [Transition.Crossfade(TimeSpan.FromSeconds(0.5))],
            new StitchSettings(320, 180, FitMode.Cover, 25), _temp.File("fallback.mp4"), _temp.Folder("work"));

        var result = await new Stitcher(_runner).StitchAsync(request, cancellationToken: cancellationToken);

        Assert.That(result.Path, Is.EqualTo(StitchPath.OnePass));
        Assert.That(result.NotWindowedReason, Does.StartWith("a re-encoded window's codec parameters (SPS/PPS) differ from the clips'"));
        // 2 × 50 frames, one overlap of 13 (0.5 s at 25 fps).
        Assert.That(result.FrameCount, Is.EqualTo(87));
        Assert.That(await MediaInspection.CountFramesAsync(result.OutputPath, cancellationToken), Is.EqualTo(87));
    }

    private async Task<string> MakeClipAsync(string path, int hz, CancellationToken cancellationToken)
    {
        var arguments = new ArgumentsBuilder()
            .Add("-f", "lavfi").Add("-i", "testsrc2=s=320x180:r=25:d=2")
            .Add("-f", "lavfi").Add("-i", $"sine=f={hz}:r=48000:d=2")
            .Add("-c:v", "libx264").Add("-preset", "ultrafast").Add("-bf", "0").Add("-g", "13").Add("-pix_fmt", "yuv420p")
            .Add("-c:a", "aac").Add("-ac", "2")
            .Output(path).Build();
        await _runner.RunAsync(MediaCommand.FFmpeg(arguments, "making an ultrafast clip"), cancellationToken);
        return path;
    }
}