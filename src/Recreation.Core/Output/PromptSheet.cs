using System.Globalization;
using System.Text;

using Recreation.Core.Planning;

namespace Recreation.Core.Output;

/// <summary>Every clip's full prompt as Markdown, one section per clip, ready to paste into a web app.</summary>
public static class PromptSheet
{
    public static string Write(CompiledScene compiled)
    {
        var (file, plan) = (compiled.File, compiled.Plan);
        var baseDirectory = file.BaseDirectory;
        var clips = plan.Clips.ToList();
        var md = new StringBuilder();
        md.Append("# Prompts: ").Append(plan.Title).Append("\n\n");
        md.Append(CultureInfo.InvariantCulture, $"Model `{plan.Model}` at {plan.Size}, {clips.Count} clips, {plan.TotalGeneratedSeconds} s generated. ");
        md.Append("Generate each clip at the length and size given, then save it under its clip id (e.g. `").Append(clips[0].Id).Append(".mp4`).\n");
        foreach (var clip in clips)
        {
            md.Append(CultureInfo.InvariantCulture, $"\n## {clip.Id}\n\n");
            md.Append(CultureInfo.InvariantCulture, $"- Scene `{clip.SceneId}`, shot {clip.Shot} of {clip.Shots}\n");
            md.Append(CultureInfo.InvariantCulture, $"- Generate: {clip.Seconds} s at {plan.Size}\n");
            md.Append(CultureInfo.InvariantCulture, $"- Used in the video: {Time(clip.StartMs)} to {Time(clip.StartMs + clip.ShareMs)} ({clip.Share.ToString("0.###", CultureInfo.InvariantCulture)} s)\n");
            if (clip.InputImage is not null)
            {
                md.Append("- Upload as the first frame: `").Append(PlanJson.RelativePath(baseDirectory, clip.InputImage)).Append("`\n");
            }

            if (clip.InputFromClip is not null)
            {
                md.Append("- Upload as the first frame: the last frame of `").Append(clip.InputFromClip).Append("`\n");
            }

            md.Append("\n```text\n").Append(clip.Prompt).Append("\n```\n");
        }

        return md.ToString();
    }

    private static string Time(long ms) =>
        TimeSpan.FromMilliseconds(ms).ToString(ms >= 3_600_000 ? @"h\:mm\:ss\.fff" : @"m\:ss\.fff", CultureInfo.InvariantCulture);
}