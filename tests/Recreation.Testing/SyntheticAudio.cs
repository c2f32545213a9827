namespace Recreation.Testing;

/// <summary>The audio track of a synthetic clip: a sine tone copied to every channel.</summary>
public enum SyntheticAudio
{
    None,
    Mono,
    Stereo,
    Surround51,
}