using Recreation.Core.Output;

namespace Recreation.Core.Tests.Output;

public class SrtSpecs
{
    private const string Yaml = """
        version: 1
        characters: { mara: a barista, jon: a courier }
        output: { transition: "crossfade:0.5" }
        scenes:
          - id: a
            duration: 10
            description: x
            characters: [mara]
            interactions: [a, b, c, d, e]
            dialogue: [{ mara: "One." }, { mara: "Two." }, { mara: "Three." }]
          - id: b
            duration: 4
            description: y
            characters: [jon]
            dialogue: [{ jon: "Four." }]
        """;

    [Test]
    public void Each_clip_shares_its_time_among_its_lines_to_the_millisecond()
    {
        var compiled = Scenes.Compile(Yaml);
        var cues = Srt.Cues(compiled.File, compiled.Plan);

        // Scene a: clips of 6.667 s (lines One, Two) and 3.333 s (Three). Scene b starts 0.5 s
        // early because of the crossfade: 10.000 − 0.500 = 9.500 s.
        Assert.That(cues.Select(c => (c.StartMs, c.EndMs, c.Text)), Is.EqualTo(new[]
        {
            (0L, 3333L, "One."),
            (3333L, 6667L, "Two."),
            (6667L, 10000L, "Three."),
            (9500L, 13500L, "Four."),
        }));
    }

    [Test]
    public void The_srt_text_uses_hours_minutes_seconds_and_milliseconds()
    {
        var text = Srt.Write([new Cue(0, 3333, "mara", "One."), new Cue(3_723_004, 3_723_500, "jon", "Late.")]);
        Assert.That(text, Is.EqualTo("1\n00:00:00,000 --> 00:00:03,333\nOne.\n\n2\n01:02:03,004 --> 01:02:03,500\nLate.\n\n"));
    }
}