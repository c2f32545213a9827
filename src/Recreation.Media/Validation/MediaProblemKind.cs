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
}