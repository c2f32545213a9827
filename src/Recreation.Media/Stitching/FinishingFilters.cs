using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

using Recreation.Media.Processes;

namespace Recreation.Media.Stitching;

/// <summary>The filter graphs and side files of <see cref="Finishing"/>, as pure functions.</summary>
internal static partial class FinishingFilters
{
    public const string MixOut = "[mix]";

    /// <summary>
    /// Sidechain settings: the clips' audio above about -36 dBFS (RMS) pulls the music down by up
    /// to a ratio of 8, within 20 ms, and lets it back over 400 ms — speech and effects stay on top.
    /// </summary>
    private const string Ducking = "sidechaincompress=threshold=0.015:ratio=8:attack=20:release=400";

    /// <summary>
    /// [voice] + [music] → [mix]: the clips' audio (resampled, gaps filled) and the music bed
    /// (48 kHz stereo, its volume, its fades), ducked under the clips when asked, summed by amix
    /// with normalize=0 (amix's default would halve both).
    /// </summary>
    public static string MusicMix(string voiceInput, string musicInput, MusicBed music, TimeSpan duration)
    {
        var c = CultureInfo.InvariantCulture;
        var bed = new StringBuilder();
        bed.Append(c, $"[{musicInput}]aresample=48000,aformat=sample_fmts=fltp:channel_layouts=stereo,volume={music.Volume.ToString("0.###", c)}");
        if (music.FadeIn > TimeSpan.Zero)
        {
            bed.Append(c, $",afade=t=in:st=0:d={music.FadeIn.TotalSeconds:0.###}");
        }

        if (music.FadeOut > TimeSpan.Zero)
        {
            var start = Math.Max(0, (duration - music.FadeOut).TotalSeconds);
            bed.Append(c, $",afade=t=out:st={start:0.######}:d={music.FadeOut.TotalSeconds:0.###}");
        }

        var voice = $"[{voiceInput}]aresample=48000:async=1,aformat=sample_fmts=fltp:channel_layouts=stereo";
        const string mix = "amix=inputs=2:duration=first:dropout_transition=0:normalize=0";
        return music.Duck
            ? $"{voice},asplit=2[voice][key];{bed}[bed];[bed][key]{Ducking}[ducked];[voice][ducked]{mix}{MixOut}"
            : $"{voice}[voice];{bed}[bed];[voice][bed]{mix}{MixOut}";
    }

    /// <summary>The subtitles filter drawing a subtitle file (ASS or SRT), its path escaped for both levels of filter parsing.</summary>
    public static string BurnCaptions(string captionsPath) => "subtitles=filename=" + FilterGraph.Literal(Path.GetFullPath(captionsPath));

    /// <summary>An FFMETADATA file with one chapter per entry, in milliseconds.</summary>
    public static string ChapterMetadata(IReadOnlyList<Chapter> chapters)
    {
        var text = new StringBuilder(";FFMETADATA1\n");
        foreach (var chapter in chapters)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"[CHAPTER]\nTIMEBASE=1/1000\nSTART={(long)Math.Round(chapter.Start.TotalMilliseconds)}\nEND={(long)Math.Round(chapter.End.TotalMilliseconds)}\ntitle={EscapeMetadata(chapter.Title)}\n");
        }

        return text.ToString();
    }

    /// <summary>FFMETADATA: '=', ';', '#', '\' and newlines are escaped with a backslash.</summary>
    private static string EscapeMetadata(string value) => MetadataSpecial().Replace(value.Replace("\r", "", StringComparison.Ordinal), @"\$1");

    [GeneratedRegex(@"([=;#\\\n])")]
    private static partial Regex MetadataSpecial();
}