using Recreation.Media.Validation;

namespace Recreation.Media.Stitching;

/// <summary>
/// Clips in order, the transition into each clip after the first (Clips.Count − 1 of them, or
/// none for all cuts), the output's settings and path, and a folder for intermediate files
/// (a private sub-folder is made in it and deleted afterwards).
/// </summary>
public sealed record StitchRequest(
    IReadOnlyList<StitchClip> Clips,
    IReadOnlyList<Transition> Transitions,
    StitchSettings Settings,
    string OutputPath,
    string WorkDirectory)
{
    /// <summary>
    /// How much of each input is decoded before stitching. Every input is always probed and its
    /// packets counted (which catches truncated downloads); decoding finds mid-file damage too,
    /// at the cost of reading every frame.
    /// </summary>
    public DecodeCheck Decode { get; init; } = DecodeCheck.None;

    /// <summary>
    /// Fill what <see cref="Settings"/> leaves open from the first clip's probe: a zero
    /// width/height becomes its display size (rounded down to even numbers), a zero frame rate its
    /// rate rounded to a whole number. Saves the caller a probe of its own (each ffprobe start
    /// costs ~0.15 s of CPU): the stitcher probes every clip exactly once.
    /// </summary>
    public bool SettingsFromFirstClip { get; init; }
}