using Recreation.Media.Frames;
using Recreation.Pipeline.Ledger;
using Recreation.Pipeline.Reports;

namespace Recreation.Pipeline.Tests.Reports;

/// <summary>The page and the pieces it is built from, on hand-made models: drift flags, prompt marks, links.</summary>
[CancelAfter(10_000)]
public class StoryboardPageSpecs
{
    [Test]
    public void A_clip_whose_colours_are_far_from_the_plan_is_flagged_and_one_close_to_it_is_not()
    {
        var planned = StoryboardBuilder.Planned(["#203040", "#a0b0c0"]);
        var onPlan = PaletteDistance.Drift(planned, [new PaletteColor("#213141", 0.7), new PaletteColor("#A0B0C0", 0.3)]);
        var red = PaletteDistance.Drift(planned, [new PaletteColor("#D02020", 0.8), new PaletteColor("#203040", 0.2)]);
        Assert.That(onPlan, Is.LessThan(1.5));
        Assert.That(red, Is.GreaterThan(PaletteDistance.DriftThreshold));

        var page = StoryboardPage.Write(Board(Card("a-1", red), Card("a-2", onPlan)));
        Assert.That(page, Does.Contain($"drift ΔE {red:0.0} &gt; 10").And.Contain($"ΔE {onPlan:0.0} from plan"));
        Assert.That(page.Split("class=\"drift\"").Length - 1, Is.EqualTo(1), "only the red clip");
    }

    [Test]
    public void Anchors_and_palette_codes_are_marked_where_they_occur_and_overlaps_keep_the_first()
    {
        var spans = PromptHighlighter.Spans("Always: red scarf; scarf knot. Palette: #A0B0C0, #203040.", ["red scarf", "scarf knot"], ["#a0b0c0", "#203040"]);

        Assert.That(spans.Select(s => (s.Text, s.Kind)), Is.EqualTo(new[]
        {
            ("Always: ", PromptSpanKind.Plain),
            ("red scarf", PromptSpanKind.Anchor),
            ("; ", PromptSpanKind.Plain),
            ("scarf knot", PromptSpanKind.Anchor),
            (". Palette: ", PromptSpanKind.Plain),
            ("#A0B0C0", PromptSpanKind.Palette),
            (", ", PromptSpanKind.Plain),
            ("#203040", PromptSpanKind.Palette),
            (".", PromptSpanKind.Plain),
        }));
        Assert.That(string.Concat(PromptHighlighter.Spans("a red scarfknot", ["red scarf", "scarfknot"], [])), Does.Contain("red scarf"), "the earlier of two overlapping anchors");
        Assert.That(string.Concat(spans.Select(s => s.Text)), Is.EqualTo("Always: red scarf; scarf knot. Palette: #A0B0C0, #203040."), "nothing lost or doubled");
    }

    [Test]
    public void The_video_link_is_relative_and_escaped_so_odd_file_names_still_work()
    {
        Assert.That(Html.RelativeHref("/films/.recreation/x", "/films/my film #2?.mp4"), Is.EqualTo("../../my%20film%20%232%3F.mp4"));
        var page = StoryboardPage.Write(Board() with { VideoHref = "../../a%22b.mp4\"><script>" });
        Assert.That(page, Does.Not.Contain("<script"));
    }

    private static Storyboard Board(params ClipCard[] cards) =>
        new("T", "placeholder", "/out/t.mp4", "../../t.mp4", 4, 1, 0, 0, null, StoryboardBuilder.Planned(["#203040", "#a0b0c0"]), [("a", TimeSpan.Zero)], cards, null);

    private static ClipCard Card(string id, double drift) =>
        new(id, "a", 1, 1, ClipState.Conformed, 2, 2, 0, 0, 0, false, 1, null, null, [new PromptSpan("p", PromptSpanKind.Plain)], [null, null, null], [new PaletteColor("#D02020", 1)], drift, null);
}