using Recreation.Media.Frames;
using Recreation.Media.Probing;
using Recreation.Media.Processes;
using Recreation.Testing;

namespace Recreation.Media.Tests;

/// <summary>
/// A still image is one file whatever its name (issue 11, item 9): ffmpeg's image2 demuxer reads
/// <c>%d</c> in an image's name as a sequence pattern, so <c>refs/100%d.png</c> was "not found" — or,
/// beside a <c>1001.png</c>, silently read that other file instead.
/// </summary>
[CancelAfter(30_000)]
public class ImageNameSpecs
{
    private readonly FFmpegRunner _runner = new();

    [TestCase("png")]
    [TestCase("jpg")]
    [TestCase("webp")]
    public async Task An_image_named_like_a_sequence_pattern_is_read_as_that_one_file(string extension, CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory();
        var image = await MakeImageAsync(temp.File($"100%d.{extension}"), "red", cancellationToken);
        await MakeImageAsync(temp.File($"1001.{extension}"), "blue", cancellationToken); // what the pattern would open

        var info = await new MediaProbe(_runner).ProbeAsync(image, cancellationToken);
        var png = await new FrameExtractor(_runner).ExtractFrameAsync(image, TimeSpan.Zero, temp.File("conformed.png"), 32, 18, cancellationToken);

        Assert.That((info.Video!.Width, info.Video.Height), Is.EqualTo((64, 36)));
        var (red, _, blue) = (await MediaInspection.ReadFrameAsync(png, 32, 18, TimeSpan.Zero, cancellationToken))[16, 9];
        Assert.That((red > 200, blue < 60), Is.EqualTo((true, true)), $"the red image itself, not 1001's blue: got R={red} B={blue}");
    }

    [Test]
    public async Task A_percent_sign_in_the_folder_of_an_image_is_literal_too(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory();
        var image = await MakeImageAsync(Path.Combine(temp.Folder("100%d films"), "ref.png"), "red", cancellationToken);

        var info = await new MediaProbe(_runner).ProbeAsync(image, cancellationToken);

        Assert.That((info.Video!.Codec, info.Video.Width), Is.EqualTo(("png", 64)));
    }

    [Test]
    public void Only_still_image_names_holding_a_percent_sign_are_opened_without_a_pattern()
    {
        Assert.That(new ArgumentsBuilder().Input("/a/100%d.PNG").Build(), Is.EqualTo(new[] { "-f", "image2", "-pattern_type", "none", "-i", "/a/100%d.PNG" }));
        Assert.That(new ArgumentsBuilder().Input("/a/ref.png").Build(), Is.EqualTo(new[] { "-i", "/a/ref.png" }), "without a '%' ffmpeg tells the format from the bytes");
        Assert.That(new ArgumentsBuilder().Input("/a/100%d.mp4").Build(), Is.EqualTo(new[] { "-i", "/a/100%d.mp4" }));
        Assert.That(new ArgumentsBuilder().Input("/a/anim.gif").Build(), Is.EqualTo(new[] { "-i", "/a/anim.gif" }), "GIF keeps its own demuxer (animation)");
    }

    private async Task<string> MakeImageAsync(string path, string colour, CancellationToken cancellationToken)
    {
        // -update 1: the image2 muxer takes the output name literally, '%' included.
        var arguments = new ArgumentsBuilder()
            .Add("-f", "lavfi").Add("-i", $"color=c={colour}:s=64x36:d=0.04")
            .Add("-frames:v", 1).Add("-update", "1")
            .Output(path).Build();
        await _runner.RunAsync(MediaCommand.FFmpeg(arguments, $"making {Path.GetFileName(path)}") with { OutputPath = path }, cancellationToken);
        return path;
    }
}