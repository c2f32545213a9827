namespace Recreation.Media.Stitching;

/// <summary>
/// How one clip hands over to the next. A crossfade or fade-black of duration T overlaps the two
/// clips by T, so it shortens the whole by T; durations are rounded to whole frames.
/// </summary>
public sealed record Transition(TransitionKind Kind, TimeSpan Duration)
{
    public static Transition Cut { get; } = new(TransitionKind.Cut, TimeSpan.Zero);

    public static Transition Crossfade(TimeSpan duration) => new(TransitionKind.Crossfade, duration);

    public static Transition FadeBlack(TimeSpan duration) => new(TransitionKind.FadeBlack, duration);

    public bool IsCut => Kind == TransitionKind.Cut;
}