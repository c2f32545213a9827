using Recreation.Media.Frames;

namespace Recreation.Media.Analysis;

/// <summary>
/// One shot of a video. Frames are numbered from 0; <see cref="LastFrame"/> is inclusive and
/// <see cref="End"/> is the time just after it, so a shot lasts <c>End − Start</c>. A shot that
/// begins with a dissolve or fade starts at the transition's first frame, and the shot before
/// it ends with the transition's last frame: the two overlap by the transition.
/// </summary>
/// <param name="Number">1-based, in order.</param>
/// <param name="Transition">How the shot begins (<see cref="ShotTransitionKind.Start"/> for the first).</param>
/// <param name="Brightness">Mean luma of its frames, 0..1.</param>
/// <param name="LoudnessLufs">Its loudness (momentary EBU R128 values energy-averaged over the shot), null when the video has no sound or the shot is silent.</param>
public sealed record Shot(
    int Number,
    int FirstFrame,
    int LastFrame,
    TimeSpan Start,
    TimeSpan End,
    ShotBoundary Transition,
    ShotKeyframes Keyframes,
    IReadOnlyList<PaletteColor> Palette,
    double Brightness,
    CameraMotion Camera,
    double? LoudnessLufs,
    bool Silent)
{
    public TimeSpan Duration => End - Start;
}