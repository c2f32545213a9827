using System.Globalization;
using System.Text;

using Recreation.Core.Model;
using Recreation.Media.Analysis;

namespace Recreation.Pipeline.Analysis;

/// <summary>
/// A scene file drafted from a reference video's analysis: one scene per shot, timed so that the
/// stitched film's scenes start where the reference's shots do. A cut starts the scene at the
/// shot's first frame; a dissolve or fade whose mixed frames run from a to b becomes a crossfade
/// (or fade-black) of b−a+2 frames starting at frame a−1, which mixes exactly frames a to b (the
/// stitcher's crossfade of n frames shows n−1 mixes). Durations are whole frames, written to the
/// millisecond. Descriptions are left for a person (or <c>--describe</c>), marked with
/// <see cref="DraftText.Marker"/>.
/// </summary>
public static class DraftScene
{
    /// <param name="referenceImages">Each shot's first keyframe, as a path relative to the scene file; null leaves reference images out.</param>
    /// <param name="referenceVideo">The reference video's path as the draft names it (relative to the scene file, or absolute), recorded as <c>reference.video</c>; null leaves it out.</param>
    /// <param name="keyframes">Every keyframe written, by frame number, relative to the scene file: each shot's middle one is recorded in its <c>reference_shot</c>.</param>
    public static string Write(VideoAnalysis analysis, string title, IReadOnlyDictionary<int, string>? referenceImages, string? referenceVideo = null, IReadOnlyDictionary<int, string>? keyframes = null)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var fps = analysis.FrameRate.ToDouble();
        var shots = analysis.Shots;
        var starts = shots.Select(RenderStart).ToList();
        var transitions = shots.Select(s => s.Transition.Kind is ShotTransitionKind.Dissolve or ShotTransitionKind.FadeThroughBlack ? s.Transition.Frames + 1 : 0).ToList();

        var yaml = new StringBuilder();
        Line(yaml, $"# Drafted by `recreate analyze` from {Path.GetFileName(analysis.Path)}: {shots.Count} shots, {Seconds(analysis.Duration.TotalSeconds)} s.");
        Line(yaml, $"# Write each description (they start with '{DraftText.Marker}'); a paid run refuses them until then.");
        Line(yaml, "version: 1");
        Line(yaml, $"title: {Quote(title)}");
        Line(yaml, "output:");
        Line(yaml, $"  size: {Even(analysis.Width)}x{Even(analysis.Height)}");
        Line(yaml, $"  fps: {Math.Max(1, (int)Math.Round(fps))}");
        if (analysis.LoudnessLufs is { } lufs && lufs is >= -70 and <= -5)
        {
            Line(yaml, $"  loudness: {Math.Round(lufs, 1)}");
        }

        if (analysis.Palette.Count > 0)
        {
            Line(yaml, $"palette: [{string.Join(", ", analysis.Palette.Take(5).Select(p => Quote(p.Hex)))}]");
        }

        if (referenceVideo is not null)
        {
            Line(yaml, "reference:");
            Line(yaml, $"  video: {Quote(referenceVideo.Replace('\\', '/'))}");
        }

        Line(yaml, "scenes:");
        for (var k = 0; k < shots.Count; k++)
        {
            var shot = shots[k];
            var end = k + 1 < shots.Count ? starts[k + 1] + transitions[k + 1] : analysis.FrameCount;
            var duration = Seconds((end - starts[k]) / fps);
            Line(yaml, $"  - id: shot-{shot.Number:000}");
            Line(yaml, $"    duration: {duration}");
            Line(yaml, $"    description: {Quote($"{DraftText.Marker} describe shot {shot.Number} ({duration} s, {Camera(shot.Camera)} camera, palette {string.Join(" ", shot.Palette.Take(3).Select(p => p.Hex))})")}");
            Line(yaml, $"    camera: {{ movement: {Camera(shot.Camera)} }}");
            if (k > 0 && transitions[k] > 0)
            {
                var type = shot.Transition.Kind == ShotTransitionKind.Dissolve ? "crossfade" : "fade-black";
                Line(yaml, $"    transition: {{ type: {type}, duration: {Seconds(transitions[k] / fps)} }}");
            }

            if (referenceImages is not null && referenceImages.TryGetValue(shot.Keyframes.First, out var image))
            {
                Line(yaml, $"    reference_image: {Quote(image.Replace('\\', '/'))}");
            }

            // Where the shot lies in the reference, for the run's comparison report.
            var keyframe = keyframes is not null && keyframes.TryGetValue(shot.Keyframes.Middle, out var middle)
                ? $", keyframe: {Quote(middle.Replace('\\', '/'))}, keyframe_at: {Seconds(shot.Keyframes.Middle / fps)}"
                : "";
            Line(yaml, $"    reference_shot: {{ start: {Seconds(shot.Start.TotalSeconds)}, end: {Seconds(shot.End.TotalSeconds)}{keyframe} }}");
        }

        return yaml.ToString();
    }

    /// <summary>The frame at which the stitched scene begins (see the type's summary).</summary>
    public static int RenderStart(Shot shot) =>
        shot.Transition.Kind is ShotTransitionKind.Dissolve or ShotTransitionKind.FadeThroughBlack ? shot.Transition.FirstFrame - 1 : shot.FirstFrame;

    private static string Camera(CameraMotion motion) => motion.ToString().ToLowerInvariant();

    private static int Even(int value) => Math.Max(2, value / 2 * 2);

    private static string Seconds(double value) => Math.Round(value, 3).ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>A YAML double-quoted scalar.</summary>
    private static string Quote(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static void Line(StringBuilder yaml, FormattableString text) => yaml.Append(text.ToString(CultureInfo.InvariantCulture)).Append('\n');

    private static void Line(StringBuilder yaml, string text) => yaml.Append(text).Append('\n');
}