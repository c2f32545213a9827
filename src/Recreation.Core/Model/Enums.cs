namespace Recreation.Core.Model;

/// <summary>Where clips are generated.</summary>
public enum Backend
{
    /// <summary>Renders stand-in clips locally with FFmpeg: offline, free, the default.</summary>
    Placeholder,

    /// <summary>The OpenAI Videos API protocol, against OpenAI or any compatible gateway.</summary>
    OpenAI,

    /// <summary>A person generates the clips in a web app and imports the files.</summary>
    Manual,
}

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