using System.Globalization;
using System.Text;

using Recreation.Core.Model;
using Recreation.Core.Planning;

namespace Recreation.Core.Output;

/// <summary>One subtitle: shown from <see cref="StartMs"/> to <see cref="EndMs"/> in the finished video.</summary>
public sealed record Cue(long StartMs, long EndMs, string Speaker, string Text);

/// <summary>
/// Captions from the scene file's dialogue (<c>output.captions: srt</c>): each clip's lines share
/// its time in the finished video equally, in order, to the millisecond.
/// </summary>
public static class Srt
{
    public static IReadOnlyList<Cue> Cues(SceneFile file, RunPlan plan)
    {
        var starts = Timeline.OutputStartsMs(file, plan);
        var cues = new List<Cue>();
        foreach (var clip in plan.Clips.Where(c => c.Dialogue.Count > 0))
        {
            var start = starts[clip.Id];
            var lines = clip.Dialogue.Count;
            for (var i = 0; i < lines; i++)
            {
                var from = start + (clip.ShareMs * i / lines);
                var to = start + (clip.ShareMs * (i + 1) / lines);
                cues.Add(new Cue(from, to, clip.Dialogue[i].Speaker, clip.Dialogue[i].Text));
            }
        }

        return cues;
    }

    public static string Write(IReadOnlyList<Cue> cues)
    {
        var srt = new StringBuilder();
        for (var i = 0; i < cues.Count; i++)
        {
            srt.Append(CultureInfo.InvariantCulture, $"{i + 1}\n{Time(cues[i].StartMs)} --> {Time(cues[i].EndMs)}\n{cues[i].Text}\n\n");
        }

        return srt.ToString();
    }

    private static string Time(long ms) =>
        string.Create(CultureInfo.InvariantCulture, $"{ms / 3_600_000:00}:{ms / 60_000 % 60:00}:{ms / 1000 % 60:00},{ms % 1000:000}");
}