using Recreation.Media.Frames;
using Recreation.Media.Probing;
using Recreation.Media.Processes;
using Recreation.Testing;

namespace Recreation.Media.Tests;

public class FrameSpecs
{
    private readonly FFmpegRunner _runner = new();
    private FrameExtractor _frames = null!;
    private PaletteExtractor _palette = null!;
    private MediaProbe _probe = null!;
    private TempDirectory _temp = null!;
    private string _red = null!, _short = null!, _rotated = null!, _twoColours = null!;

    [OneTimeSetUp]
    public async Task CreateMedia()
    {
        (_frames, _palette, _probe) = (new FrameExtractor(_runner), new PaletteExtractor(_runner), new MediaProbe(_runner));
        _temp = new TempDirectory("frame-specs");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var red = new SyntheticMediaOptions { Pattern = SyntheticPattern.SolidColor, Color = "red", Audio = SyntheticAudio.None };
        var made = await Task.WhenAll(
            SyntheticMedia.CreateAsync(_temp.File("red.mp4"), red, timeout.Token),
            SyntheticMedia.CreateAsync(_temp.File("short.mp4"), new() { Duration = TimeSpan.FromSeconds(0.2) }, timeout.Token),
            SyntheticMedia.CreateAsync(_temp.File("rotated.mp4"), new() { Rotation = 90 }, timeout.Token),
            MakeTwoColoursAsync(timeout.Token));
        (_red, _short, _rotated, _twoColours) = (made[0], made[1], made[2], made[3]);
    }

    [OneTimeTearDown]
    public void DeleteFolder() => _temp.Dispose();

    [Test, CancelAfter(20_000)]
    public async Task The_last_frame_is_written_as_a_png_of_exactly_the_asked_size(CancellationToken cancellationToken)
    {
        var png = await _frames.ExtractLastFrameAsync(_red, _temp.File("last.png"), 160, 120, cancellationToken);

        var info = await _probe.ProbeAsync(png, cancellationToken);
        Assert.That((info.Video!.Codec, info.Video.Width, info.Video.Height, info.Video.PixelFormat), Is.EqualTo(("png", 160, 120, "rgb24")));
        var colours = await _palette.ExtractAsync(png, 1, cancellationToken);
        Assert.That(colours[0].R, Is.GreaterThan(230));
        Assert.That(Math.Max(colours[0].G, colours[0].B), Is.LessThan(20));
    }

    [Test, CancelAfter(20_000)]
    public async Task The_last_frame_of_a_clip_shorter_than_a_second_is_still_found(CancellationToken cancellationToken)
    {
        var png = await _frames.ExtractLastFrameAsync(_short, _temp.File("short-last.png"), 64, 36, cancellationToken);

        Assert.That(new FileInfo(png).Length, Is.GreaterThan(0));
        Assert.That(_temp.ListFiles(), Has.None.Contains(".partial"));
    }

    [Test, CancelAfter(20_000)]
    public async Task A_frame_of_a_portrait_clip_is_cropped_to_the_asked_shape(CancellationToken cancellationToken)
    {
        var png = await _frames.ExtractFrameAsync(_rotated, TimeSpan.FromSeconds(0.5), _temp.File("portrait.png"), 90, 160, cancellationToken);

        var video = (await _probe.ProbeAsync(png, cancellationToken)).Video!;
        Assert.That((video.Width, video.Height), Is.EqualTo((90, 160)));
    }

    [Test, CancelAfter(20_000)]
    public void A_frame_past_the_end_is_refused_with_the_clip_length(CancellationToken cancellationToken)
    {
        var error = Assert.ThrowsAsync<MediaException>(() => _frames.ExtractFrameAsync(_red, TimeSpan.FromSeconds(5), _temp.File("none.png"), 64, 36, cancellationToken));

        Assert.That(error!.Message, Does.Contain("no frame at 5 s: its video lasts 1 s"));
        Assert.That(File.Exists(_temp.File("none.png")), Is.False);
    }

    [Test, CancelAfter(20_000)]
    public async Task The_palette_lists_dominant_colours_with_their_weights(CancellationToken cancellationToken)
    {
        var colours = await _palette.ExtractAsync(_twoColours, 4, cancellationToken);

        Assert.That(colours[0].Hex, Does.StartWith("#F").Or.StartWith("#E"), "red first");
        Assert.That(Math.Max(colours[0].G, colours[0].B), Is.LessThan(30));
        Assert.That(colours[0].Weight, Is.EqualTo(2 / 3.0).Within(0.05));
        Assert.That(colours[1].B, Is.GreaterThan(200), "blue second");
        Assert.That(colours[1].Weight, Is.EqualTo(1 / 3.0).Within(0.05));
        Assert.That(colours.Sum(c => c.Weight), Is.EqualTo(1).Within(1e-9));
    }

    [Test, CancelAfter(20_000)]
    public async Task The_palette_of_the_same_clip_is_always_the_same(CancellationToken cancellationToken)
    {
        var first = await _palette.ExtractAsync(_twoColours, 5, cancellationToken);
        var second = await _palette.ExtractAsync(_twoColours, 5, cancellationToken);

        Assert.That(second, Is.EqualTo(first));
    }

    private async Task<string> MakeTwoColoursAsync(CancellationToken cancellationToken)
    {
        var path = _temp.File("two-colours.mp4");
        var arguments = new ArgumentsBuilder()
            .Add("-f", "lavfi").Add("-i", "color=c=red:s=300x150:r=10:d=1,drawbox=x=200:y=0:w=100:h=150:color=blue:t=fill")
            .Add("-c:v", "libx264").Add("-pix_fmt", "yuv444p")
            .Output(path).Build();
        await _runner.RunAsync(MediaCommand.FFmpeg(arguments, "making a two-colour clip"), cancellationToken);
        return path;
    }
}