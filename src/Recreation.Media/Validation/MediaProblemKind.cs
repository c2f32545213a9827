namespace Recreation.Media.Validation;

public enum MediaProblemKind
{
    Missing,
    Empty,
    NotMedia,
    NoVideo,
    NoAudio,
    Truncated,
    Undecodable,
    TooShort,

    /// <summary>The file's name cannot be passed to ffmpeg where it is needed (a line break in a concat list).</summary>
    UnusableName,
}