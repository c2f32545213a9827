using System.Globalization;

using Recreation.Media.Analysis;
using Recreation.Media.Comparing;
using Recreation.Media.Probing;

namespace Recreation.Pipeline.Reports;

/// <summary>
/// How <c>recreate compare REF OUT</c> lines the two videos up. Scene-aligned when it can be:
/// REF's shots (from its analysis) against OUT's scenes (the chapters a finished video carries,
/// one per scene, where the plan starts it), when both have the same number of them (two or
/// more); each shot is shown beside its scene for the longer of the two, the shorter holding its
/// last frame, so every pair starts together however the lengths differ. Otherwise straight time
/// alignment: both from their start, for the longer of the two.
/// </summary>
public static class CompareAlignment
{
    public static (IReadOnlyList<SideBySideSegment> Segments, bool SceneAligned) Align(VideoAnalysis reference, IReadOnlyList<Chapter> scenes, TimeSpan outputDuration)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(scenes);
        var shots = reference.Shots;
        if (scenes.Count < 2 || scenes.Count != shots.Count)
        {
            return ([new SideBySideSegment(TimeSpan.Zero, reference.Duration, TimeSpan.Zero, outputDuration, "reference", "recreation")], false);
        }

        var segments = new List<SideBySideSegment>();
        for (var i = 0; i < shots.Count; i++)
        {
            // Shots overlap by a dissolve; each is shown from its own start to the next one's.
            var end = i + 1 < shots.Count ? shots[i + 1].Start : reference.Duration;
            var sceneEnd = i + 1 < scenes.Count ? scenes[i + 1].Start : (scenes[i].End > scenes[i].Start ? scenes[i].End : outputDuration);
            segments.Add(new SideBySideSegment(
                shots[i].Start, end, scenes[i].Start, sceneEnd,
                string.Create(CultureInfo.InvariantCulture, $"reference - shot {shots[i].Number}"),
                string.IsNullOrEmpty(scenes[i].Title) ? string.Create(CultureInfo.InvariantCulture, $"recreation - scene {i + 1}") : "recreation - " + scenes[i].Title));
        }

        return (segments, true);
    }
}