using Recreation.Media.Frames;
using Recreation.Media.Probing;
using Recreation.Media.Processes;
using Recreation.Testing;

namespace Recreation.Media.Tests;

/// <summary>Report thumbnails and per-image palettes: several frames or images in one ffmpeg run, each in its place.</summary>
[CancelAfter(60_000)]
public class ThumbnailSpecs
{
    private static readonly FFmpegRunner Runner = new();

    [Test]
    public async Task First_middle_and_last_thumbnails_show_those_parts_of_the_clip(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory("thumbs");
        var clip = temp.File("three.mp4");
        await RunAsync(["-f", "lavfi", "-i", "color=c=red:s=320x180:r=25:d=1", "-f", "lavfi", "-i", "color=c=lime:s=320x180:r=25:d=1", "-f", "lavfi", "-i", "color=c=blue:s=320x180:r=25:d=1",
            "-filter_complex", "[0:v][1:v][2:v]concat=n=3:v=1,format=yuv420p[v]", "-map", "[v]", "-c:v", "libx264", "-preset", "ultrafast", clip], cancellationToken);

        var thumbs = await new ThumbnailExtractor(Runner).FirstMiddleLastAsync(clip, 160, cancellationToken);

        Assert.That(thumbs, Has.Count.EqualTo(3).And.All.Not.Null);
        var dominant = await DominantAsync(temp, thumbs.Select(t => t!).ToList(), cancellationToken);
        Assert.That(dominant, Is.EqualTo(new[] { "red", "green", "blue" }));
        var size = await new MediaProbe(Runner).ProbeAsync(await WriteAsync(temp, thumbs[0]!), cancellationToken);
        Assert.That((size.Video!.Width, size.Video.Height), Is.EqualTo((160, 90)));
    }

    [Test]
    public async Task Each_image_gets_its_own_palette_in_one_run(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory("palettes");
        var colours = new[] { "red", "lime", "blue", "yellow", "white", "black" };
        var images = new List<string>();
        foreach (var colour in colours)
        {
            var png = temp.File(colour + ".png");
            await RunAsync(["-f", "lavfi", "-i", $"color=c={colour}:s=64x36:d=0.04", "-frames:v", "1", png], cancellationToken);
            images.Add(png);
        }

        var palettes = await new PaletteExtractor(Runner).ExtractEachAsync(images, 3, cancellationToken);

        string[] expected = ["#FF0000", "#00FF00", "#0000FF", "#FFFF00", "#FFFFFF", "#000000"];
        Assert.That(palettes, Has.Count.EqualTo(6), "six images, six palettes");
        for (var i = 0; i < expected.Length; i++)
        {
            // Through YUV and back a channel may move by a few levels: the same colour to the eye.
            Assert.That(ColorDifference.Between(palettes[i][0], new PaletteColor(expected[i], 1)), Is.LessThan(2), $"image {i} ({colours[i]}) is {palettes[i][0].Hex}");
        }
    }

    private static async Task<List<string>> DominantAsync(TempDirectory temp, IReadOnlyList<byte[]> jpegs, CancellationToken cancellationToken)
    {
        var files = new List<string>();
        foreach (var jpeg in jpegs)
        {
            files.Add(await WriteAsync(temp, jpeg));
        }

        var palettes = await new PaletteExtractor(Runner).ExtractEachAsync(files, 1, cancellationToken);
        return palettes.Select(p => (p[0].R, p[0].G, p[0].B) switch
        {
            ( > 200, < 60, < 60) => "red",
            ( < 60, > 200, < 60) => "green",
            ( < 60, < 60, > 200) => "blue",
            _ => p[0].Hex,
        }).ToList();
    }

    private static async Task<string> WriteAsync(TempDirectory temp, byte[] jpeg)
    {
        var file = temp.File(Guid.NewGuid().ToString("N") + ".jpg");
        await File.WriteAllBytesAsync(file, jpeg);
        return file;
    }

    private static Task RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        Runner.RunAsync(MediaCommand.FFmpeg(arguments, "making test media"), cancellationToken);
}