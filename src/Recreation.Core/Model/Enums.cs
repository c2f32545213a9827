namespace Recreation.Core.Model;

/// <summary>How a clip is fitted into the output frame.</summary>
public enum Fit
{
    /// <summary>Scale to fill the frame and crop what overflows.</summary>
    Cover,

    /// <summary>Scale to fit inside the frame and pad with black.</summary>
    Contain,

    /// <summary>Scale to fit inside the frame over a blurred, filled copy of itself.</summary>
    Blur,
}

public enum TransitionKind
{
    Cut,
    Crossfade,
    FadeBlack,
}

public enum Captions
{
    Srt,
    Burn,
    None,
}

public enum ContinuityChain
{
    None,
    LastFrame,
}

public enum CameraSpeed
{
    Slow,
    Medium,
    Fast,
}