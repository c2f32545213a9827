using Recreation.Core.Output;

namespace Recreation.Core.Tests.Output;

/// <summary>Burned captions as ASS with the dialogue as text (issue 11, item 9); pixels are checked in Pipeline's BurnedCaptionTextSpecs.</summary>
public class AssSpecs
{
    private const char WordJoiner = '\u2060';

    [Test]
    public void Braces_are_escaped_so_no_override_block_opens()
    {
        Assert.That(Ass.Escape(@"{\an8}HI {\b1}x{\b0}"), Is.EqualTo($@"\{{\{WordJoiner}an8\}}HI \{{\{WordJoiner}b1\}}x\{{\{WordJoiner}b0\}}"));
    }

    [Test]
    public void A_backslash_never_forms_an_escape_with_the_next_letter()
    {
        Assert.That(Ass.Escape(@"a\Nb\nc\hd\\e"), Is.EqualTo($@"a\{WordJoiner}Nb\{WordJoiner}nc\{WordJoiner}hd\{WordJoiner}\{WordJoiner}e"));
    }

    [Test]
    public void Html_like_tags_are_left_as_they_are_since_ass_has_none()
    {
        Assert.That(Ass.Escape("<b>HI</b> <i>x</i> <font color=red>y</font>"), Is.EqualTo("<b>HI</b> <i>x</i> <font color=red>y</font>"));
    }

    [Test]
    public void Line_breaks_in_dialogue_become_ass_line_breaks_and_never_end_the_event()
    {
        Assert.That(Ass.Escape("one\r\ntwo\rthree\nfour"), Is.EqualTo(@"one\Ntwo\Nthree\Nfour"));
    }

    [Test]
    public void Each_cue_is_one_dialogue_event_in_centiseconds()
    {
        var ass = Ass.Write([new Cue(0, 1000, "mara", "<b>HI</b>"), new Cue(3_723_456, 3_724_999, "jon", "a,b\nc")]);

        Assert.That(ass, Does.StartWith("[Script Info]\nScriptType: v4.00+\n"));
        Assert.That(ass, Does.Not.Contain("\r"));
        Assert.That(ass.Split('\n').Where(l => l.StartsWith("Dialogue:", StringComparison.Ordinal)), Is.EqualTo(new[]
        {
            "Dialogue: 0,0:00:00.00,0:00:01.00,Default,,0,0,0,,<b>HI</b>",
            @"Dialogue: 0,1:02:03.45,1:02:04.99,Default,,0,0,0,,a,b\Nc",
        }));
    }
}