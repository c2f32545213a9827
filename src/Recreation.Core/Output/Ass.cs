using System.Globalization;
using System.Text;

namespace Recreation.Core.Output;

/// <summary>
/// Captions as an ASS script for burning into the picture (ffmpeg's <c>subtitles</c> filter, libass).
/// Dialogue is text, never markup: ffmpeg reads <c>&lt;b&gt;</c> and <c>{\an8}</c> in an SRT line as
/// formatting, so burned captions are written as ASS with every character libass reads as a command
/// escaped: <c>{</c> <c>}</c> as <c>\{</c> <c>\}</c> (libass draws the brace), and every backslash
/// followed by a word joiner (U+2060) so that <c>\N</c>, <c>\n</c> and <c>\h</c> stay two characters.
/// Tried with ffmpeg 5.1 and libass 0.17.1 (HarfBuzz shaping): the joiner draws nothing, a line with
/// it is pixel-identical to the line without. The style is the one ffmpeg gives an SRT file (Arial
/// 16 on a 384x288 canvas, white with a black outline, bottom centre): plain text burned from this
/// script is pixel-identical to the same text burned from SRT.
/// </summary>
public static class Ass
{
    private const string Header = """
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

        """;

    public static string Write(IReadOnlyList<Cue> cues)
    {
        var ass = new StringBuilder(Header.Replace("\r\n", "\n", StringComparison.Ordinal));
        foreach (var cue in cues)
        {
            ass.Append(CultureInfo.InvariantCulture, $"Dialogue: 0,{Time(cue.StartMs)},{Time(cue.EndMs)},Default,,0,0,0,,{Escape(cue.Text)}\n");
        }

        return ass.ToString();
    }

    /// <summary>Text as libass shows it literally; line breaks become <c>\N</c>.</summary>
    public static string Escape(string text) =>
        text.Replace("\\", "\\\u2060", StringComparison.Ordinal)
            .Replace("{", "\\{", StringComparison.Ordinal)
            .Replace("}", "\\}", StringComparison.Ordinal)
            .Replace("\r\n", "\n", StringComparison.Ordinal)
            .Replace('\r', '\n')
            .Replace("\n", "\\N", StringComparison.Ordinal);

    /// <summary>ASS times: H:MM:SS.cc (centiseconds, rounded down as libass reads them).</summary>
    private static string Time(long ms) =>
        string.Create(CultureInfo.InvariantCulture, $"{ms / 3_600_000}:{ms / 60_000 % 60:00}:{ms / 1000 % 60:00}.{ms % 1000 / 10:00}");
}