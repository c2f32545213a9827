using System.Security.Cryptography;
using System.Text.RegularExpressions;

using Recreation.Core.Model;
using Recreation.Generation;
using Recreation.Generation.Placeholder;
using Recreation.Media;
using Recreation.Media.Probing;
using Recreation.Media.Processes;
using Recreation.Media.Validation;
using Recreation.Testing;

namespace Recreation.Generation.Tests;

[CancelAfter(60_000)]
public class PlaceholderGeneratorSpecs
{
    private static readonly FFmpegRunner Runner = new();

    private static ClipRequest Request(string clipId = "opening-2", int seconds = 2) => new(
        clipId, "opening", 2, 3,
        "Style: cinematic.\nMara unlocks the cafe door at dawn and looks out at the empty street.",
        "sora-2", new FrameSize(320, 180), seconds, null, ["#1a2b3c", "#4d5e6f", "#f2e8d5"], "abc123def4567890abc");

    [Test]
    public async Task A_placeholder_clip_has_the_generation_size_length_and_audio(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory();
        var generator = new PlaceholderGenerator(Runner);
        var request = Request();
        var job = await generator.SubmitAsync(request, cancellationToken);
        Assert.That((await generator.AwaitAsync(job, null, cancellationToken)).Completed);
        var path = temp.File("it's a: clip.mp4");
        await generator.FetchAsync(job, request, path, null, cancellationToken);

        var info = await new MediaProbe(Runner).ProbeAsync(path, cancellationToken);
        Assert.That((info.Video!.Width, info.Video.Height), Is.EqualTo((320, 180)));
        Assert.That(info.VideoDuration.TotalSeconds, Is.EqualTo(2).Within(0.05));
        Assert.That(info.Audio, Is.Not.Null);
        var validation = await new MediaValidator(Runner).ValidateAsync(new MediaValidationRequest(path) { Decode = DecodeCheck.Full }, cancellationToken);
        Assert.That(validation.IsValid, validation.ToString());
        Assert.That(temp.ListFiles(), Has.Count.EqualTo(1), "no partial or text files are left behind");
    }

    [Test]
    public async Task Rendering_is_deterministic_so_the_clip_can_be_cached(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory();
        var generator = new PlaceholderGenerator(Runner);
        var request = Request(seconds: 1);
        var job = await generator.SubmitAsync(request, cancellationToken);
        await generator.FetchAsync(job, request, temp.File("a.mp4"), null, cancellationToken);
        await generator.FetchAsync(job, request, temp.File("b.mp4"), null, cancellationToken);
        Assert.That(SHA256.HashData(await File.ReadAllBytesAsync(temp.File("a.mp4"), cancellationToken)),
            Is.EqualTo(SHA256.HashData(await File.ReadAllBytesAsync(temp.File("b.mp4"), cancellationToken))));
    }

    /// <summary>
    /// Issue 11, item 9: drawtext expands <c>%{…}</c> by default, so a prompt's <c>%{localtime}</c> was
    /// drawn as the date and <c>%{eif:1/0:d}</c> blanked the whole label. The reference frame is drawn
    /// by a second route to the literal text — drawtext's own expansion reading a file in which every
    /// <c>\</c> and <c>%</c> is escaped with a backslash — over the same clip, with the same encoder.
    /// </summary>
    [Test]
    public async Task The_label_shows_the_prompt_as_written_never_expanded_by_drawtext(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory();
        var generator = new PlaceholderGenerator(Runner);
        var request = Request(seconds: 1) with { Prompt = @"Mara reads %{localtime} then %{eif:1/0:d} on a \N 100% sign." };
        var job = await generator.SubmitAsync(request, cancellationToken);
        await generator.FetchAsync(job, request, temp.File("actual.mp4"), null, cancellationToken);

        var escaped = temp.File("escaped.txt");
        await File.WriteAllTextAsync(escaped, Regex.Replace(PlaceholderGenerator.Caption(request), @"([\\%])", @"\$1"), cancellationToken);
        var reference = PlaceholderGenerator.Arguments(request, escaped, temp.File("reference.mp4"))
            .Select(a => a.Replace(":expansion=none", "", StringComparison.Ordinal)).ToList();
        await Runner.RunAsync(MediaCommand.FFmpeg(reference, "rendering the reference label"), cancellationToken);

        var expected = await MediaInspection.ReadFrameAsync(temp.File("reference.mp4"), 320, 180, TimeSpan.FromSeconds(0.5), cancellationToken);
        var actual = await MediaInspection.ReadFrameAsync(temp.File("actual.mp4"), 320, 180, TimeSpan.FromSeconds(0.5), cancellationToken);
        var white = Enumerable.Range(0, 120).Sum(y => Enumerable.Range(0, 320).Count(x => expected[x, y] is { R: > 200, G: > 200, B: > 200 }));
        Assert.That(white, Is.GreaterThan(300), "the reference shows the label's text (not a blank label)");
        Assert.That(PlaceholderGenerator.Caption(request), Does.Contain("%{localtime}").And.Contain("%{eif:1/0:d}").And.Contain(@"\N 100%"));
        Assert.That(actual.Pixels.ToArray(), Is.EqualTo(expected.Pixels.ToArray()), "the label is the literal text, pixel for pixel");
    }

    [Test]
    public void The_caption_names_the_clip_scene_shot_and_the_first_words_after_the_style_line()
    {
        var caption = PlaceholderGenerator.Caption(Request());
        Assert.That(caption, Does.StartWith("opening-2\nscene opening, shot 2 of 3\nMara unlocks the cafe door"));
        Assert.That(caption, Does.Not.Contain("Style"));
    }
}