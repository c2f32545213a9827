using Recreation.Core.Model;

namespace Recreation.Core.Planning;

/// <summary>
/// One clip to generate. <see cref="Seconds"/> is the generated length (a value the profile allows);
/// the clip is trimmed to <see cref="ShareMs"/> when stitched. <see cref="StartMs"/> is where the
/// clip begins in the video with scenes laid end to end (transition overlaps are applied at stitch time).
/// </summary>
/// <param name="Shot">1-based position in its scene; <paramref name="Shots"/> is the scene's clip count.</param>
/// <param name="InputImage">Absolute path of the scene's reference image (first clip only), or null.</param>
/// <param name="InputFromClip">With <c>continuity.chain: last-frame</c>, the clip whose last frame is this clip's input image.</param>
public sealed record ClipPlan(
    string Id,
    string SceneId,
    int Shot,
    int Shots,
    int Seconds,
    long ShareMs,
    long StartMs,
    ValueList<string> Interactions,
    ValueList<DialogueLine> Dialogue,
    ValueList<string> Characters,
    int People,
    string Prompt,
    string? InputImage,
    string? InputFromClip)
{
    public decimal Share => ShareMs / 1000m;

    public decimal Start => StartMs / 1000m;
}