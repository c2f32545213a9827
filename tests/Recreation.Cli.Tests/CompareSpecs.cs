using System.Globalization;

using Recreation.Core;
using Recreation.Media;
using Recreation.Media.Probing;
using Recreation.Media.Processes;
using Recreation.Testing;

namespace Recreation.Cli.Tests;

/// <summary>
/// <c>recreate compare REF OUT -o FILE</c> on solid-colour videos whose colours say which shot is
/// on screen: scene-aligned through OUT's chapters (each pair starts together, the shorter side
/// holds its last frame), straight time alignment without them, and bad input refused (exit 2)
/// with nothing written.
/// </summary>
[CancelAfter(180_000)]
[NonParallelizable]
public class CompareSpecs
{
    private static readonly FFmpegRunner Runner = new();
    private TempDirectory _temp = null!;
    private string _reference = null!;

    [OneTimeSetUp]
    public async Task MakeReference()
    {
        _temp = new TempDirectory("compare");
        _reference = _temp.File("reference.mp4");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await SolidAsync(_reference, [("red", 1.0), ("blue", 2.0)], null, timeout.Token);
    }

    [OneTimeTearDown]
    public void CleanUp() => _temp.Dispose();

    [Test]
    public async Task Shots_and_scenes_are_paired_and_each_pair_starts_together(CancellationToken cancellationToken)
    {
        var recreation = _temp.File("recreation.mp4");
        await SolidAsync(recreation, [("lime", 1.6), ("yellow", 1.0)], ["opening %{eif:1/0:d}", "it's: the\\end"], cancellationToken);
        var output = _temp.File("sbs/aligned.mp4");

        var (code, _, error) = await CliRun.RunAsync("compare", _reference, recreation, "-o", output, "--height", "90");

        Assert.That(code, Is.EqualTo(ExitCodes.Success), error);
        Assert.That(error, Does.Contain("Scene-aligned: 2 shots"));
        var info = await new MediaProbe(Runner).ProbeAsync(output, cancellationToken);
        Assert.That(info.VideoDuration.TotalSeconds, Is.EqualTo(1.6 + 2.0).Within(0.05), "each pair lasts as long as its longer side");
        Assert.That((info.Video!.Width, info.Video.Height, info.HasAudio), Is.EqualTo((320, 90, false)));
        Assert.That(await SidesAtAsync(output, 0.5, cancellationToken), Is.EqualTo(("red", "green")));
        Assert.That(await SidesAtAsync(output, 1.3, cancellationToken), Is.EqualTo(("red", "green")), "the shorter shot holds its last frame");
        Assert.That(await SidesAtAsync(output, 1.8, cancellationToken), Is.EqualTo(("blue", "yellow")), "shot 2 starts beside scene 2");
        Assert.That(await SidesAtAsync(output, 3.3, cancellationToken), Is.EqualTo(("blue", "yellow")));
        Assert.That(Directory.GetFiles(Path.GetDirectoryName(output)!), Is.EqualTo(new[] { output }), "no temporary file left");
    }

    [Test]
    public async Task Without_chapters_both_play_from_their_start(CancellationToken cancellationToken)
    {
        var recreation = _temp.File("plain.mp4");
        await SolidAsync(recreation, [("lime", 1.6), ("yellow", 1.0)], null, cancellationToken);
        var output = _temp.File("straight.mp4");

        var (code, _, error) = await CliRun.RunAsync("compare", _reference, recreation, "-o", output, "--height", "90");

        Assert.That(code, Is.EqualTo(ExitCodes.Success), error);
        Assert.That(error, Does.Contain("Straight time alignment"));
        Assert.That((await new MediaProbe(Runner).ProbeAsync(output, cancellationToken)).VideoDuration.TotalSeconds, Is.EqualTo(3.0).Within(0.05));
        Assert.That(await SidesAtAsync(output, 1.8, cancellationToken), Is.EqualTo(("blue", "yellow")));
        Assert.That(await SidesAtAsync(output, 2.8, cancellationToken), Is.EqualTo(("blue", "yellow")), "the shorter video holds its last frame");
    }

    [Test]
    public async Task Bad_input_exits_with_2_naming_the_file_and_writes_nothing()
    {
        var junk = _temp.File("junk.mp4");
        await File.WriteAllTextAsync(junk, "not a video");
        var output = _temp.File("never/written.mp4");

        var missing = await CliRun.RunAsync("compare", _temp.File("missing.mp4"), _reference, "-o", output);
        var unreadable = await CliRun.RunAsync("compare", _reference, junk, "-o", output);
        var self = await CliRun.RunAsync("compare", _reference, junk, "-o", _reference);
        var notMp4 = await CliRun.RunAsync("compare", _reference, _reference, "-o", _temp.File("x.mkv"));

        Assert.That(missing.ExitCode, Is.EqualTo(ExitCodes.InvalidInput));
        Assert.That(missing.Error, Does.Contain("missing.mp4: REF: file not found"));
        Assert.That(unreadable.ExitCode, Is.EqualTo(ExitCodes.InvalidInput));
        Assert.That(unreadable.Error, Does.Contain("junk.mp4: OUT: is not a video ffprobe can read"));
        Assert.That(self.ExitCode, Is.EqualTo(ExitCodes.InvalidInput));
        Assert.That(notMp4.ExitCode, Is.EqualTo(ExitCodes.InvalidInput));
        Assert.That(notMp4.Error, Does.Contain("must end in .mp4"));
        Assert.That(new[] { missing.Error, unreadable.Error, self.Error }, Has.None.Contain("   at "), "no stack trace");
        Assert.That(Directory.Exists(_temp.File("never")), Is.False);
    }

    [Test]
    public async Task Help_explains_the_alignment()
    {
        var (code, output, _) = await CliRun.RunAsync("compare", "--help");
        Assert.That(code, Is.EqualTo(ExitCodes.Success));
        Assert.That(output, Does.Contain("Scene-aligned").And.Contain("chapters").And.Contain("straight time alignment").And.Contain("--output"));
    }

    /// <summary>A video of solid colours one after the other, with one chapter per colour when titles are given.</summary>
    private static async Task SolidAsync(string path, (string Colour, double Seconds)[] parts, string[]? chapters, CancellationToken cancellationToken)
    {
        var arguments = new List<string>();
        foreach (var (colour, seconds) in parts)
        {
            arguments.AddRange(["-f", "lavfi", "-i", string.Create(CultureInfo.InvariantCulture, $"color=c={colour}:s=160x90:r=25:d={seconds}")]);
        }

        string? metadata = null;
        if (chapters is not null)
        {
            metadata = path + ".ffmeta";
            var text = ";FFMETADATA1\n";
            var start = 0.0;
            for (var i = 0; i < parts.Length; i++)
            {
                var end = start + parts[i].Seconds;
                text += string.Create(CultureInfo.InvariantCulture, $"[CHAPTER]\nTIMEBASE=1/1000\nSTART={(long)(start * 1000)}\nEND={(long)(end * 1000)}\ntitle={chapters[i].Replace("\\", "\\\\", StringComparison.Ordinal)}\n");
                start = end;
            }

            await File.WriteAllTextAsync(metadata, text, cancellationToken);
            arguments.AddRange(["-f", "ffmetadata", "-i", metadata]);
        }

        arguments.AddRange(["-filter_complex", string.Concat(parts.Select((_, i) => $"[{i}:v]")) + $"concat=n={parts.Length}:v=1,format=yuv420p[v]", "-map", "[v]"]);
        if (metadata is not null)
        {
            arguments.AddRange(["-map_chapters", parts.Length.ToString(CultureInfo.InvariantCulture)]);
        }

        arguments.AddRange(["-c:v", "libx264", "-preset", "ultrafast", path]);
        await Runner.RunAsync(MediaCommand.FFmpeg(arguments, "making a test video"), cancellationToken);
    }

    /// <summary>The colour in the middle of the left and right halves at <paramref name="seconds"/>.</summary>
    private static async Task<(string Left, string Right)> SidesAtAsync(string video, double seconds, CancellationToken cancellationToken)
    {
        var result = await Runner.RunAsync(MediaCommand.FFmpeg(
            ["-ss", seconds.ToString(CultureInfo.InvariantCulture), "-i", video, "-frames:v", "1", "-vf", "scale=4:1:flags=area,format=rgb24", "-f", "rawvideo", "-"],
            "reading a frame") with
        { CaptureBinaryOutput = true }, cancellationToken);
        var rgb = result.BinaryOutput.ToArray();
        return (Name(rgb, 1), Name(rgb, 2));
    }

    private static string Name(byte[] rgb, int pixel)
    {
        var (r, g, b) = (rgb[pixel * 3], rgb[(pixel * 3) + 1], rgb[(pixel * 3) + 2]);
        return (r > 180, g > 180, b > 180, r < 90, g < 90, b < 90) switch
        {
            (true, false, false, false, true, true) => "red",
            (false, false, true, true, true, false) => "blue",
            (false, true, false, true, false, true) => "green",
            (true, true, false, false, false, true) => "yellow",
            _ => $"rgb({r},{g},{b})",
        };
    }
}