namespace Recreation.Media.Analysis;

/// <summary>
/// Where one shot gives way to the next, in frame numbers from 0. A cut has
/// <see cref="FirstFrame"/> = <see cref="LastFrame"/> = the new shot's first frame; a dissolve
/// or fade covers the frames from its first to its last changed frame, inclusive.
/// </summary>
public sealed record ShotBoundary(ShotTransitionKind Kind, int FirstFrame, int LastFrame)
{
    /// <summary>Frames the transition lasts (1 for a cut).</summary>
    public int Frames => LastFrame - FirstFrame + 1;
}