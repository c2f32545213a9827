namespace Recreation.Media.Analysis;

/// <summary>How a shot begins.</summary>
public enum ShotTransitionKind
{
    /// <summary>The first shot: the video starts with it.</summary>
    Start,

    /// <summary>A hard cut: the shot's first frame is the first of the new picture.</summary>
    Cut,

    /// <summary>A cross-dissolve: frames that mix the two shots.</summary>
    Dissolve,

    /// <summary>A fade out to black and in again.</summary>
    FadeThroughBlack,
}