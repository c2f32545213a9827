using Recreation.Core;
using Recreation.Generation.Providers;
using Recreation.Media;
using Recreation.Media.Processes;
using Recreation.Pipeline.Running;
using Recreation.Testing;

namespace Recreation.Pipeline.Tests;

/// <summary>
/// Issue 11, item 9: dialogue burned into the picture is text, never markup. Burned from SRT,
/// <c>&lt;b&gt;HI&lt;/b&gt;</c> came out as a bold "HI" and <c>{\an8}HI</c> as "HI" moved to the top.
/// </summary>
[CancelAfter(150_000)]
public class BurnedCaptionTextSpecs
{
    /// <summary>One 2-second clip, its two lines shown for one second each.</summary>
    private const string Yaml = """
        version: 1
        title: Caption text
        profiles: [{ name: tiny, seconds: [1, 2], sizes: [{ size: 320x180, usd_per_second: 0 }] }]
        target: { model: tiny }
        output: { path: out/plain.mp4, fps: 24, loudness: null, captions: none }
        palette: ["#203040"]
        characters: { mara: { description: a barista } }
        scenes:
          - id: opening
            duration: 2
            description: Mara opens the cafe.
            characters: [mara]
            dialogue: [{ mara: '<b>HI</b>' }, { mara: '{\an8}HI' }]
        """;

    /// <summary>
    /// The reference: the same two lines written by hand as ASS (ffmpeg's own style for SRT), where
    /// <c>&lt;b&gt;</c> means nothing and <c>\{</c> <c>\}</c> are libass's literal braces.
    /// </summary>
    private const string ReferenceAss = """
        [Script Info]
        ScriptType: v4.00+
        PlayResX: 384
        PlayResY: 288
        ScaledBorderAndShadow: yes

        [V4+ Styles]
        Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding
        Style: Default,Arial,16,&Hffffff,&Hffffff,&H0,&H0,0,0,0,0,100,100,0,0,1,1,0,2,10,10,10,0

        [Events]
        Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text
        Dialogue: 0,0:00:00.00,0:00:01.00,Default,,0,0,0,,<b>HI</b>
        Dialogue: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,,\{\an8\}HI

        """;

    private static readonly FFmpegRunner Runner = new();

    [Test]
    public async Task Markup_in_dialogue_is_burned_as_the_characters_written(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory();
        var orchestrator = new RunOrchestrator(Runner, new ClipGeneratorFactory(ProviderRegistry.BuiltIn, new ProviderContext(Runner)));
        var plain = await orchestrator.RunAsync(Write(temp, Yaml), new RunOptions(), null, cancellationToken);
        var burnedYaml = Yaml.Replace("out/plain.mp4", "out/burned.mp4").Replace("captions: none", "captions: burn");
        var burned = await orchestrator.RunAsync(Write(temp, burnedYaml), new RunOptions(), null, cancellationToken);
        Assert.That(plain.Succeeded && burned.Succeeded);
        var reference = temp.File("reference.ass");
        await File.WriteAllTextAsync(reference, ReferenceAss.Replace("\r\n", "\n", StringComparison.Ordinal), cancellationToken);

        using var scope = Assert.EnterMultipleScope();
        foreach (var (at, line) in new[] { (0.5, "<b>HI</b>"), (1.5, @"{\an8}HI") })
        {
            var time = TimeSpan.FromSeconds(at);
            var background = await MediaInspection.ReadFrameAsync(temp.File("out/plain.mp4"), 320, 180, time, cancellationToken);
            var drawn = Caption(background, await MediaInspection.ReadFrameAsync(temp.File("out/burned.mp4"), 320, 180, time, cancellationToken));
            var expected = Caption(background, await BurnAsync(temp.File("out/plain.mp4"), reference, time, cancellationToken));

            var overlap = drawn.Intersect(expected).Count() / (double)drawn.Union(expected).Count();
            Assert.That(expected.Count, Is.GreaterThan(100), $"the reference draws '{line}'");
            Assert.That(drawn.Where(p => p.Y < 120), Is.Empty, $"'{line}' stays at the bottom");
            Assert.That(overlap, Is.GreaterThan(0.8), $"'{line}' is drawn as those characters, where the reference draws them ({drawn.Count} pixels drawn, {expected.Count} expected)");
        }
    }

    private static CompiledScene Write(TempDirectory temp, string yaml)
    {
        var path = temp.File("scene.yaml");
        File.WriteAllText(path, yaml);
        return SceneCompiler.Compile(path);
    }

    /// <summary>The pixels a caption changed: those differing from the frame without it by more than 40 in a channel.</summary>
    private static HashSet<(int X, int Y)> Caption(RgbFrame without, RgbFrame with)
    {
        var changed = new HashSet<(int X, int Y)>();
        for (var y = 0; y < with.Height; y++)
        {
            for (var x = 0; x < with.Width; x++)
            {
                var (a, b) = (without[x, y], with[x, y]);
                if (Math.Abs(a.R - b.R) > 40 || Math.Abs(a.G - b.G) > 40 || Math.Abs(a.B - b.B) > 40)
                {
                    changed.Add((x, y));
                }
            }
        }

        return changed;
    }

    /// <summary>The frame of <paramref name="video"/> at <paramref name="at"/> with the reference captions drawn on it (timestamps kept, so the cue of that moment shows).</summary>
    private static async Task<RgbFrame> BurnAsync(string video, string ass, TimeSpan at, CancellationToken cancellationToken)
    {
        var arguments = new ArgumentsBuilder()
            .Add("-ss", at).Add("-copyts").Input(video)
            .Add("-frames:v", 1)
            .Add("-vf", "subtitles=filename=" + FilterGraph.Literal(ass))
            .Add("-pix_fmt", "rgb24").Add("-f", "rawvideo").Add("-")
            .Build();
        var result = await Runner.RunAsync(MediaCommand.FFmpeg(arguments, "burning the reference captions") with { CaptureBinaryOutput = true }, cancellationToken);
        return new RgbFrame(320, 180, result.BinaryOutput);
    }
}