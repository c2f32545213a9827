using System.Text.RegularExpressions;

using Recreation.Media;
using Recreation.Media.Processes;
using Recreation.Pipeline.Running;
using Recreation.Testing;

namespace Recreation.Pipeline.Tests.Reports;

/// <summary>
/// The storyboard's comparison section for a scene file that records its reference (as
/// <c>analyze -o</c> drafts it): a row per shot with the reference keyframe beside the recreated
/// frame, the timing error and the palette distance; none for a file without a reference.
/// </summary>
[CancelAfter(180_000)]
public class ComparisonSpecs
{
    private const string Yaml = """
        version: 1
        title: Compared
        profiles: [{ name: tiny, seconds: [1, 2], sizes: [{ size: 320x180, usd_per_second: 0 }] }]
        target: { model: tiny, concurrency: 2 }
        output: { path: out/compared.mp4, fps: 24, loudness: null }
        planning: { max_clip_seconds: 2 }
        palette: ["#203040", "#a0b0c0"]
        reference: { video: "../elsewhere/<ref> & co.mp4" }
        scenes:
          - id: shot-001
            duration: 2
            description: The first shot.
            reference_shot: { start: 0, end: 2, keyframe: "keys/shot-001-middle.png", keyframe_at: 1 }
          - id: shot-002
            duration: 1.5
            description: The second shot.
            transition: "crossfade:0.5"
            reference_shot: { start: 1.6, end: 3, keyframe: "keys/missing.png", keyframe_at: 2.2 }
          - id: extra
            duration: 1
            description: A scene the reference does not have.
        """;

    private static readonly FFmpegRunner Runner = new();

    [Test]
    public async Task Each_referenced_shot_gets_a_row_with_both_frames_its_timing_error_and_palette_distance(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.File("keys"));
        var first = await StoryboardSpecs.Orchestrator().RunAsync(StoryboardSpecs.Write(temp, Yaml), new RunOptions(), null, cancellationToken);
        Assert.That(first.Succeeded, string.Join("; ", first.Clips.Select(c => c.Error)));
        Assert.That(await RowsAsync(first), Has.All.Contain("no frame"), "no keyframe yet, and it need not exist");

        // The reference keyframe is the recreation's own frame at that place: the same picture, so the palettes agree.
        await FrameAsync(["-ss", "1", "-i", temp.File("out/compared.mp4")], temp.File("keys/shot-001-middle.png"), cancellationToken);
        var summary = await StoryboardSpecs.Orchestrator().RunAsync(StoryboardSpecs.Write(temp, Yaml), new RunOptions(), null, cancellationToken);
        var html = await File.ReadAllTextAsync(Path.Combine(summary.Workspace, "report.html"), cancellationToken);
        Assert.That(html, Does.Contain("<h2 id=\"comparison\">Against the reference</h2>"));
        Assert.That(html, Does.Contain("&lt;ref&gt; &amp; co.mp4"), "the recorded reference, encoded");
        var rows = await RowsAsync(summary);
        Assert.That(rows.Select(r => Regex.Match(r, "data-scene=\"([^\"]+)\"").Groups[1].Value), Is.EqualTo(new[] { "shot-001", "shot-002" }), "only scenes with a reference shot");
        Assert.That(StoryboardSpecs.DataImage().Matches(rows[0]), Has.Count.EqualTo(2), "reference and recreated frame");
        Assert.That(rows[0], Does.Contain("error 0 ms (0 frames)"));
        Assert.That(Distance(rows[0]), Is.LessThan(3), "the same frame on both sides");

        // A red keyframe: far from anything the placeholder drew.
        await FrameAsync(["-f", "lavfi", "-i", "color=c=red:s=320x180:d=0.04"], temp.File("keys/shot-001-middle.png"), cancellationToken);
        var red = await RowsAsync(await StoryboardSpecs.Orchestrator().RunAsync(StoryboardSpecs.Write(temp, Yaml), new RunOptions(), null, cancellationToken));
        Assert.That(Distance(red[0]), Is.GreaterThan(10));
        Assert.That(red[0], Does.Match("<span class=\"drift\">ΔE [0-9.]+</span>"));

        // shot-002 starts at 2 − 0.5 = 1.5 s in the film, 0.1 s before the reference's 1.6 s: 2.4 frames at 24 fps, flagged.
        Assert.That(rows[1], Does.Contain("<span class=\"drift\">error -100 ms (-2.4 frames)</span>"));
        Assert.That(rows[1], Does.Contain("reference keyframe missing.png not found"));
        Assert.That(StoryboardSpecs.DataImage().Matches(rows[1]), Has.Count.EqualTo(1), "the recreated frame only");
    }

    private static async Task<List<string>> RowsAsync(RunSummary summary) =>
        Regex.Split(await File.ReadAllTextAsync(Path.Combine(summary.Workspace, "report.html")), "<tr class=\"shot\"").Skip(1).ToList();

    private static double Distance(string row)
    {
        var match = Regex.Match(row, "ΔE ([0-9.]+)");
        Assert.That(match.Success, "a palette distance in " + row);
        return double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static Task FrameAsync(IReadOnlyList<string> input, string png, CancellationToken cancellationToken) =>
        Runner.RunAsync(MediaCommand.FFmpeg([.. input, "-frames:v", "1", "-update", "1", png], "a keyframe"), cancellationToken);

    [Test]
    public async Task A_scene_file_without_a_reference_has_no_comparison(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory();
        var summary = await StoryboardSpecs.Orchestrator().RunAsync(StoryboardSpecs.Write(temp), new RunOptions(), null, cancellationToken);
        Assert.That(await File.ReadAllTextAsync(Path.Combine(summary.Workspace, "report.html"), cancellationToken), Does.Not.Contain("Against the reference"));
    }
}